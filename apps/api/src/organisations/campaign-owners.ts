/**
 * Which organisation runs each campaign, and which units it enrols, as this API process has read them: a
 * campaign's owner never changes and an enrolled unit stays enrolled (a withdrawn one is still listed), so each
 * is asked of PostgreSQL once (the guard checks them on every path of a campaign, the live stream on every change
 * it hears).
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isEnrolled } from '@thidua/persistence';

/** Enrolments remembered at most (a province's units in its campaigns of a year); past it, the memory starts again. */
const MAX_ENROLMENTS = 200_000;

@Injectable()
export class CampaignOwners {
  private readonly owners = new Map<string, string>();
  private readonly enrolled = new Set<string>();

  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** The owner of a campaign already read; undefined for one not read yet (or that does not exist). */
  known(campaignId: string): string | undefined {
    return this.owners.get(campaignId);
  }

  /** The campaign's owner; undefined when there is no such campaign. */
  async of(campaignId: string): Promise<string | undefined> {
    await this.learn([campaignId]);
    return this.owners.get(campaignId);
  }

  /** Reads the owners of the campaigns not read before, in one query. */
  async learn(campaignIds: readonly string[]): Promise<void> {
    const unknown = campaignIds.filter((c) => !this.owners.has(c));
    if (unknown.length === 0) return;
    const rows: Array<{ id: string; org_id: string }> = await this.ds.query('SELECT id, org_id FROM campaigns WHERE id = ANY($1)', [
      unknown,
    ]);
    for (const r of rows) this.owners.set(r.id, r.org_id);
  }

  /** Whether the campaign enrols the unit: a yes is remembered, a no asked again (the unit may be added later). */
  async enrols(campaignId: string, unitId: string): Promise<boolean> {
    const key = `${campaignId}\n${unitId}`;
    if (this.enrolled.has(key)) return true;
    if (!(await isEnrolled(this.ds, campaignId, unitId))) return false;
    if (this.enrolled.size >= MAX_ENROLMENTS) this.enrolled.clear();
    this.enrolled.add(key);
    return true;
  }
}

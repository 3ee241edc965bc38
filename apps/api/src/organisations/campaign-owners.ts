/**
 * Which organisation runs each campaign, as this API process has read it: a campaign's owner never changes, so
 * each is asked of PostgreSQL once (the guard checks it on every path of a campaign, the live stream on every
 * change it hears).
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class CampaignOwners {
  private readonly owners = new Map<string, string>();

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
}

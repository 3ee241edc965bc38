import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import { unitEventId, unitWorkflowId, type UnitActivities, type UnitEvent } from '../../../../libs/contracts/src/campaign';
import { crashAfterCommitIfInjected } from '../fault-injection';
import { renderNotifications, type NotificationDraft } from './render-notifications';
import { foldUnitEvents, loadUnitState, saveUnitState } from './unit-projection';

/** Appends a unit's events exactly once and updates its read model and outbox in the same transaction. */
@Injectable()
export class UnitEventsActivities implements UnitActivities {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  async appendUnitEvents(input: { campaignId: string; unitId: string; events: UnitEvent[] }): Promise<void> {
    if (input.events.length === 0) return;
    await this.dataSource.transaction(async (m) => {
      const inserted = await insertEvents(m, input.campaignId, input.unitId, input.events);
      if (inserted.length === 0) return; // a retry of a batch that already committed: nothing to do twice
      const before = await loadUnitState(m, input.campaignId, input.unitId);
      const drafts: NotificationDraft[] = [];
      let state = before;
      for (const event of inserted) {
        state = foldUnitEvents(state, [event]);
        if (state) drafts.push(...renderNotifications(event, state));
      }
      if (state) await saveUnitState(m, state);
      await insertNotifications(m, input.campaignId, input.unitId, drafts);
    });
    crashAfterCommitIfInjected(this.config);
  }
}

/** Inserts events, skipping those already stored; returns the newly stored ones in seq order. */
async function insertEvents(m: EntityManager, campaignId: string, unitId: string, events: UnitEvent[]): Promise<UnitEvent[]> {
  const stream = unitWorkflowId(campaignId, unitId);
  const values: unknown[] = [];
  const rows = events.map((e, i) => {
    values.push(unitEventId(campaignId, unitId, e.seq), stream, e.seq, campaignId, unitId, e.type, e.at, e.actor ?? null, JSON.stringify(e.data));
    const b = i * 9;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9})`;
  });
  const result: Array<{ seq: number }> = await m.query(
    `INSERT INTO events (id, stream, seq, campaign_id, unit_id, type, occurred_at, actor, data) VALUES ${rows.join(', ')}
     ON CONFLICT DO NOTHING RETURNING seq`,
    values,
  );
  const fresh = new Set(result.map((r) => r.seq));
  return events.filter((e) => fresh.has(e.seq)).sort((a, b) => a.seq - b.seq);
}

/** Writes inbox rows as delivered and e-mail rows as pending for the mailer; ids make this idempotent. */
export async function insertNotifications(m: EntityManager, campaignId: string, unitId: string | null, drafts: NotificationDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const values: unknown[] = [];
  const rows = drafts.map((d, i) => {
    values.push(d.id, d.eventId, campaignId, unitId, d.recipient, d.channel, d.address ?? null, d.kind, d.subject, d.body, d.channel === 'inbox' ? 'delivered' : 'pending');
    const b = i * 11;
    return `(${Array.from({ length: 11 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
  });
  await m.query(
    `INSERT INTO notifications (id, event_id, campaign_id, unit_id, recipient, channel, address, kind, subject, body, status)
     VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`,
    values,
  );
}

/**
 * Stores UnitEnrolled for a whole launch batch in one transaction (events, unit_status), so each unit
 * workflow starts from that snapshot instead of spending a write of its own on its first task.
 */
import type { DataSource } from 'typeorm';
import { unitEventId, unitWorkflowId, type CampaignHeader, type ChasePolicy, type Milestones, type UnitEvent, type UnitRef, type UnitState } from '../../../../libs/contracts/src/campaign';
import { evolve } from '../../../../workflows/src/unit/evolve';
import { saveUnitState } from '../unit-events/unit-projection';

/** Enrols units in the store (idempotent) and returns each unit's state after UnitEnrolled. */
export async function storeEnrolments(
  ds: DataSource,
  header: CampaignHeader,
  units: readonly UnitRef[],
  plan: { milestones: Milestones; chase: ChasePolicy },
): Promise<Map<string, UnitState>> {
  const at = new Date().toISOString();
  const states = new Map<string, UnitState>();
  await ds.transaction(async (m) => {
    const events = units.map((unit): UnitEvent => ({ type: 'UnitEnrolled', seq: 1, at, data: { campaign: header, unit, ...plan } }));
    const inserted: Array<{ unit_id: string }> = await m.query(
      `INSERT INTO events (id, stream, seq, campaign_id, unit_id, type, occurred_at, data)
       SELECT e.id, e.stream, 1, $1, e.unit_id, 'UnitEnrolled', $2, e.data FROM unnest($3::text[], $4::text[], $5::text[], $6::jsonb[]) AS e(id, stream, unit_id, data)
       ON CONFLICT DO NOTHING RETURNING unit_id`,
      [
        header.campaignId,
        at,
        units.map((u) => unitEventId(header.campaignId, u.id, 1)),
        units.map((u) => unitWorkflowId(header.campaignId, u.id)),
        units.map((u) => u.id),
        events.map((e) => JSON.stringify(e.data)),
      ],
    );
    const fresh = new Set(inserted.map((r) => r.unit_id));
    for (const e of events) {
      if (e.type !== 'UnitEnrolled' || !fresh.has(e.data.unit.id)) continue;
      const state = evolve(undefined, e);
      await saveUnitState(m, state);
      states.set(state.unit.id, state);
    }
    const existing = units.filter((u) => !fresh.has(u.id)).map((u) => u.id);
    if (existing.length) {
      // A retried batch: those units were enrolled before; start them (if not yet) from what the log says.
      const rows: Array<{ unit_id: string; data: UnitEvent['data'] & { unit: UnitRef }; occurred_at: Date }> = await m.query(
        "SELECT unit_id, data, occurred_at FROM events WHERE campaign_id = $1 AND unit_id = ANY($2) AND seq = 1",
        [header.campaignId, existing],
      );
      for (const r of rows) {
        states.set(r.unit_id, evolve(undefined, { type: 'UnitEnrolled', seq: 1, at: r.occurred_at.toISOString(), data: r.data as never }));
      }
    }
  });
  return states;
}

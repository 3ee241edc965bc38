/** The unit_status read model: the decider's evolve() folded over the unit's events. */
import type { EntityManager } from 'typeorm';
import { currentEscalationLevel, isOverdue, type UnitEvent, type UnitState } from '../../../../libs/contracts/src/campaign';
import { evolve } from '../../../../workflows/src/unit/evolve';

/** Loads the unit's projected state, locking its row for the rest of the transaction. */
export async function loadUnitState(m: EntityManager, campaignId: string, unitId: string): Promise<UnitState | undefined> {
  const rows: Array<{ state: UnitState }> = await m.query(
    'SELECT state FROM unit_status WHERE campaign_id = $1 AND unit_id = $2 FOR UPDATE',
    [campaignId, unitId],
  );
  return rows[0]?.state;
}

/** Folds events (in seq order, each exactly once) into the state; refuses a gap in the stream. */
export function foldUnitEvents(state: UnitState | undefined, events: readonly UnitEvent[]): UnitState | undefined {
  let s = state;
  for (const e of events) {
    const last = s?.seq ?? 0;
    if (e.seq <= last) continue;
    if (e.seq !== last + 1) throw new Error(`Gap in unit stream: expected seq ${last + 1}, got ${e.seq}`);
    s = evolve(s, e);
  }
  return s;
}

/** Writes the projected row. */
export async function saveUnitState(m: EntityManager, state: UnitState): Promise<void> {
  await m.query(
    `INSERT INTO unit_status (campaign_id, unit_id, unit_name, phase, overdue, escalation_level, reminders_sent, last_seq, state, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (campaign_id, unit_id) DO UPDATE SET unit_name = EXCLUDED.unit_name, phase = EXCLUDED.phase,
       overdue = EXCLUDED.overdue, escalation_level = EXCLUDED.escalation_level, reminders_sent = EXCLUDED.reminders_sent,
       last_seq = EXCLUDED.last_seq, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
    [
      state.campaign.campaignId,
      state.unit.id,
      state.unit.name,
      state.phase,
      isOverdue(state),
      currentEscalationLevel(state),
      state.remindersSent,
      state.seq,
      JSON.stringify(state),
      state.updatedAt,
    ],
  );
}

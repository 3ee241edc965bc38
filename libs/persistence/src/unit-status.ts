/** The `unit_status` read model: one row per enrolled unit, the unit decider's evolve() folded over its stream. */
import {
  currentEscalationLevel,
  isChased,
  isOverdue,
  TERMINAL_PHASES,
  type CampaignStatus,
  type TaskKind,
  type TaskState,
  type TaskStatus,
  type UnitPhase,
  type UnitState,
  type CommendationState,
} from '@thidua/contracts';
import { NOMINATING_UNIT, nominatingStages } from './commendations';
import { streamLock } from './event-store';
import type { Sql } from './sql';

/** A campaign's units counted by phase, with how many are overdue, escalated, and escalated to the issuer. */
export async function phaseCounts(
  db: Sql,
  campaignId: string,
): Promise<Array<{ phase: UnitPhase; n: number; overdue: number; escalated: number; issuer: number }>> {
  const rows: Array<{ phase: UnitPhase; n: string; overdue: string; escalated: string; issuer: string }> = await db.query(
    `SELECT phase, count(*) AS n, count(*) FILTER (WHERE overdue) AS overdue,
            count(*) FILTER (WHERE escalation_level > 0) AS escalated, count(*) FILTER (WHERE escalation_level > 1) AS issuer
     FROM unit_status WHERE campaign_id = $1 GROUP BY phase`,
    [campaignId],
  );
  return rows.map((r) => ({
    phase: r.phase,
    n: Number(r.n),
    overdue: Number(r.overdue),
    escalated: Number(r.escalated),
    issuer: Number(r.issuer),
  }));
}

/**
 * A campaign's units counted per task (registration, each report round, the reports) and task status, with
 * how many of them have missed the deadline and how many were sent late. Terminal units count too: a unit
 * closed at a round's cut-off shows there as `missed`.
 */
export async function taskCounts(
  db: Sql,
  campaignId: string,
): Promise<Array<{ task: TaskKind; status: TaskStatus; n: number; missed: number; late: number }>> {
  const rows: Array<{ task: TaskKind; status: TaskStatus; n: string; missed: string; late: string }> = await db.query(
    `SELECT t.key AS task, t.value->>'status' AS status, count(*) AS n,
            count(*) FILTER (WHERE (t.value->>'missed')::boolean) AS missed, count(*) FILTER (WHERE (t.value->>'late')::boolean) AS late
     FROM unit_status u CROSS JOIN LATERAL jsonb_each(u.state->'tasks') AS t
     WHERE u.campaign_id = $1 GROUP BY 1, 2`,
    [campaignId],
  );
  return rows.map((r) => ({ task: r.task, status: r.status, n: Number(r.n), missed: Number(r.missed), late: Number(r.late) }));
}

/** Every projected unit of a campaign (score sheets rank them all). */
export async function campaignUnitStates(db: Sql, campaignId: string): Promise<UnitState[]> {
  const rows: Array<{ state: UnitState }> = await db.query('SELECT state FROM unit_status WHERE campaign_id = $1', [campaignId]);
  return rows.map((r) => r.state);
}

/** Filters and order of the unit table. */
export interface UnitStatusQuery {
  readonly phase?: readonly UnitPhase[];
  readonly overdue?: boolean;
  readonly escalationLevel?: number;
  /** Part of the unit's name or id. */
  readonly q?: string;
  /** Kinds of unit (agency, ward…). */
  readonly kind?: readonly string[];
  readonly page: number;
  readonly pageSize: number;
  readonly sort: UnitSort;
}

/** Orders of the unit table: `deadline` the nearest open deadline first; `late` the longest overdue first. */
export type UnitSort = 'name' | 'phase' | 'escalation' | 'updated' | 'deadline' | 'late';

/** A row of the unit table. */
export interface UnitStatusRow {
  readonly state: UnitState;
  readonly phase: UnitPhase;
  readonly overdue: boolean;
  readonly escalationLevel: number;
  readonly remindersSent: number;
  readonly updatedAt: Date;
}

const ORDER: Record<UnitSort, string> = {
  name: 'unit_name, unit_id',
  phase: 'phase, unit_name',
  escalation: 'escalation_level DESC, overdue DESC, unit_name',
  updated: 'updated_at DESC, unit_id',
  deadline: 'next_due_at ASC NULLS LAST, unit_name',
  // Overdue first, the oldest missed deadline (the most days late) first among them.
  late: 'overdue DESC, next_due_at ASC NULLS LAST, unit_name',
};

/** One page of a campaign's units and the number of units that match the filters. */
export async function unitStatusPage(db: Sql, campaignId: string, f: UnitStatusQuery): Promise<{ rows: UnitStatusRow[]; total: number }> {
  const where = ['campaign_id = $1'];
  const args: unknown[] = [campaignId];
  if (f.phase?.length) where.push(`phase = ANY($${args.push(f.phase)})`);
  if (f.overdue !== undefined) where.push(`overdue = $${args.push(f.overdue)}`);
  if (f.escalationLevel !== undefined) where.push(`escalation_level = $${args.push(f.escalationLevel)}`);
  if (f.kind?.length) where.push(`unit_kind = ANY($${args.push(f.kind)})`);
  if (f.q) where.push(`(unit_name ILIKE $${args.push(`%${f.q.replace(/[\\%_]/g, '\\$&')}%`)} OR unit_id ILIKE $${args.length})`);
  const filtered = `FROM unit_status WHERE ${where.join(' AND ')}`;
  const rows: Array<{
    state: UnitState;
    phase: UnitPhase;
    overdue: boolean;
    escalation_level: number;
    reminders_sent: number;
    updated_at: Date;
    total: string;
  }> = await db.query(
    `SELECT state, phase, overdue, escalation_level, reminders_sent, updated_at, count(*) OVER () AS total ${filtered}
     ORDER BY ${ORDER[f.sort]} LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
    [...args, f.pageSize, (f.page - 1) * f.pageSize],
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && f.page > 1) {
    // Past the last page the window count is absent: count separately.
    const c: Array<{ n: string }> = await db.query(`SELECT count(*) AS n ${filtered}`, args);
    total = Number(c[0].n);
  }
  return {
    rows: rows.map((r) => ({
      state: r.state,
      phase: r.phase,
      overdue: r.overdue,
      escalationLevel: r.escalation_level,
      remindersSent: r.reminders_sent,
      updatedAt: r.updated_at,
    })),
    total,
  };
}

/**
 * One unit of a campaign as projected, for the API's lookups: `campaign` is undefined for an unknown
 * campaign; `member` says whether the unit is enrolled; `value` is the projected column, absent until the
 * unit's enrolment has been projected.
 */
export async function projectedUnit<K extends 'state' | 'phase'>(
  db: Sql,
  campaignId: string,
  unitId: string,
  column: K,
): Promise<{ campaign?: CampaignStatus; member: boolean; value: (K extends 'state' ? UnitState : UnitPhase) | null }> {
  const rows: Array<{ value: (K extends 'state' ? UnitState : UnitPhase) | null; member: boolean; status: CampaignStatus }> =
    await db.query(
      `SELECT us.${column === 'state' ? 'state' : 'phase'} AS value, cu.unit_id IS NOT NULL AS member, c.status FROM campaigns c
     LEFT JOIN campaign_units cu ON cu.campaign_id = c.id AND cu.unit_id = $2
     LEFT JOIN unit_status us ON us.campaign_id = c.id AND us.unit_id = $2 WHERE c.id = $1`,
      [campaignId, unitId],
    );
  const row = rows[0];
  return row ? { campaign: row.status, member: row.member, value: row.value } : { member: false, value: null };
}

/** The projected states of the unit in every campaign where it has not finished. */
export async function openUnitStates(db: Sql, unitId: string): Promise<UnitState[]> {
  const rows: Array<{ state: UnitState; day_length: string | null }> = await db.query(openUnitStatesQuery('$1', '$2'), [
    unitId,
    TERMINAL_PHASES,
  ]);
  return rows.map(withDayLength);
}

/** The query of the unit's (parameter `unit`) projected states, with its campaign's day length, in phases not among `terminal`'s. */
function openUnitStatesQuery(unit: string, terminal: string): string {
  return `SELECT us.state, c.definition->>'dayLength' AS day_length FROM unit_status us JOIN campaigns c ON c.id = us.campaign_id
   WHERE us.unit_id = ${unit} AND NOT (us.phase = ANY(${terminal}))`;
}

/** A rehearsal's day length, also for units enrolled before their state carried it. */
function withDayLength(r: { state: UnitState; day_length: string | null }): UnitState {
  return r.day_length && !r.state.dayLength ? { ...r.state, dayLength: r.day_length } : r.state;
}

/**
 * Everything the unit still has to do, in one round trip (its task list is the most frequent read): its projected
 * states in the campaigns it has not finished, and the commendation stages where its nomination is still to do.
 */
export async function openWorkOf(db: Sql, unitId: string): Promise<{ states: UnitState[]; nominations: CommendationState[] }> {
  const rows: Array<{ nomination: boolean; state: UnitState & CommendationState; day_length: string | null }> = await db.query(
    `SELECT false AS nomination, q.* FROM (${openUnitStatesQuery('$2', '$3')}) q
     UNION ALL SELECT true, state, NULL FROM commendations WHERE ${NOMINATING_UNIT}`,
    [JSON.stringify([{ unitId }]), unitId, TERMINAL_PHASES],
  );
  return {
    states: rows.filter((r) => !r.nomination).map(withDayLength),
    nominations: nominatingStages(
      rows.filter((r) => r.nomination).map((r) => r.state),
      unitId,
    ),
  };
}

/** Units whose submission waits for the coordinator (a registration to decide, a final report to review), in running campaigns. */
export async function awaitingDecision(db: Sql, orgId: string, limit = 500): Promise<Array<{ campaignTitle: string; state: UnitState }>> {
  return db.query(
    `SELECT c.definition->>'title' AS "campaignTitle", us.state FROM unit_status us JOIN campaigns c ON c.id = us.campaign_id
     WHERE us.phase IN ('registration-submitted', 'final-report-submitted') AND c.status = 'running' AND c.org_id = $2
     ORDER BY us.updated_at LIMIT $1`,
    [limit, orgId],
  );
}

/** The unit's phase when its projection says it has not finished, else undefined. */
export async function openPhase(db: Sql, campaignId: string, unitId: string): Promise<UnitPhase | undefined> {
  const rows: Array<{ phase: UnitPhase }> = await db.query(
    'SELECT phase FROM unit_status WHERE campaign_id = $1 AND unit_id = $2 AND NOT (phase = ANY($3))',
    [campaignId, unitId, TERMINAL_PHASES],
  );
  return rows[0]?.phase;
}

/** Loads the unit's projected state, locking its row for the rest of the transaction. */
export async function lockUnitState(db: Sql, campaignId: string, unitId: string): Promise<UnitState | undefined> {
  const rows: Array<{ state: UnitState }> = await db.query(
    'SELECT state FROM unit_status WHERE campaign_id = $1 AND unit_id = $2 FOR UPDATE',
    [campaignId, unitId],
  );
  return rows[0]?.state;
}

/**
 * Takes the unit stream's writer lock (as every append does, until the transaction ends) and reads the unit's
 * projected state and its campaign's status, in one round trip; undefined: not projected. With a `commandId`, it
 * also answers whether an event of that command is in the stream (a retry of a stored command). All is read as
 * the statement starts, before the lock is granted: a writer that committed in between makes the caller's
 * append meet the log (its conflict answers what was stored, command ids included), never lose it.
 */
export async function lockStreamAndReadUnit(
  db: Sql,
  stream: string,
  campaignId: string,
  unitId: string,
  commandId?: string,
): Promise<{ readonly state: UnitState; readonly campaignStatus: CampaignStatus; readonly commandStored: boolean } | undefined> {
  const rows: Array<{ state: UnitState; status: CampaignStatus; command_stored: boolean }> = await db.query(
    `SELECT us.state, c.status, ${streamLock('$3')} AS locked,
            $4::text IS NOT NULL AND EXISTS (SELECT 1 FROM events e WHERE e.stream = $3 AND e.command_id = $4) AS command_stored
     FROM unit_status us JOIN campaigns c ON c.id = us.campaign_id WHERE us.campaign_id = $1 AND us.unit_id = $2`,
    [campaignId, unitId, stream, commandId ?? null],
  );
  return rows[0] && { state: rows[0].state, campaignStatus: rows[0].status, commandStored: rows[0].command_stored };
}

/** The projected states of many units of a campaign (a fan-out page), locked until the transaction ends. */
export async function lockUnitStates(db: Sql, campaignId: string, unitIds: readonly string[]): Promise<Map<string, UnitState>> {
  const rows: Array<{ unit_id: string; state: UnitState }> = await db.query(
    'SELECT unit_id, state FROM unit_status WHERE campaign_id = $1 AND unit_id = ANY($2::text[]) ORDER BY unit_id FOR UPDATE',
    [campaignId, unitIds],
  );
  return new Map(rows.map((r) => [r.unit_id, r.state]));
}

/** Writes the projected row. */
export async function saveUnitState(db: Sql, state: UnitState): Promise<void> {
  await saveUnitStates(db, [state]);
}

/** Writes the projected rows in one statement (a launch batch projects hundreds of enrolments at once). */
export async function saveUnitStates(db: Sql, states: readonly UnitState[]): Promise<void> {
  if (states.length === 0) return;
  const column = <T>(f: (s: UnitState) => T): T[] => states.map(f);
  await db.query(
    `INSERT INTO unit_status (campaign_id, unit_id, unit_name, phase, overdue, escalation_level, reminders_sent, last_seq, state, updated_at, unit_kind, next_due_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::int[], $7::int[], $8::int[], $9::jsonb[],
                          $10::timestamptz[], $11::text[], $12::timestamptz[])
     ON CONFLICT (campaign_id, unit_id) DO UPDATE SET unit_name = EXCLUDED.unit_name, phase = EXCLUDED.phase,
       overdue = EXCLUDED.overdue, escalation_level = EXCLUDED.escalation_level, reminders_sent = EXCLUDED.reminders_sent,
       last_seq = EXCLUDED.last_seq, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at,
       unit_kind = EXCLUDED.unit_kind, next_due_at = EXCLUDED.next_due_at`,
    [
      column((s) => s.campaign.campaignId),
      column((s) => s.unit.id),
      column((s) => s.unit.name),
      column((s) => s.phase),
      column(isOverdue),
      column(currentEscalationLevel),
      column((s) => s.remindersSent),
      column((s) => s.seq),
      column((s) => JSON.stringify(s)),
      column((s) => s.updatedAt),
      column((s) => s.unit.kind),
      column(nextDue),
    ],
  );
}

/** Forgets a campaign's projected units (before a rebuild from the log, in the same transaction). */
export async function deleteUnitStatuses(db: Sql, campaignId: string): Promise<void> {
  await db.query('DELETE FROM unit_status WHERE campaign_id = $1', [campaignId]);
}

/** The deadline of the unit's earliest open (or returned) task; null when it owes nothing now. */
function nextDue(state: UnitState): string | null {
  const dues = Object.values(state.tasks)
    .filter((t): t is TaskState => t !== undefined && isChased(t))
    .map((t) => Date.parse(t.dueAt));
  return dues.length ? new Date(Math.min(...dues)).toISOString() : null;
}

/** The `commendations` read model (one row per campaign) and the `commendation_forms` catalogue. */
import { isDeepStrictEqual } from 'node:util';
import { BUILT_IN_FORMS, type CommendationForm, type CommendationState } from '@thidua/contracts';
import type { DataSource } from 'typeorm';
import { appendAtEnd, streams } from './event-store';
import type { Sql } from './sql';

/** The stage's state as last stored; locked for update when `lock` (inside the append's transaction). */
export async function loadCommendation(db: Sql, campaignId: string, lock = false): Promise<CommendationState | undefined> {
  const rows: Array<{ state: CommendationState }> = await db.query(
    `SELECT state FROM commendations WHERE campaign_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [campaignId],
  );
  return rows[0]?.state;
}

/** Stores the stage's state (the fold through its last event, recorded at `updatedAt`). */
export async function saveCommendation(db: Sql, state: CommendationState, updatedAt: string): Promise<void> {
  await db.query(
    `INSERT INTO commendations (campaign_id, seq, stage, state, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (campaign_id) DO UPDATE SET seq = EXCLUDED.seq, stage = EXCLUDED.stage, state = EXCLUDED.state, updated_at = EXCLUDED.updated_at`,
    [state.campaignId, state.seq, state.stage, JSON.stringify(state), updatedAt],
  );
}

/** A form of the catalogue with its bookkeeping. */
export interface FormRow {
  readonly form: CommendationForm;
  readonly builtIn: boolean;
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedBy: string | null;
}

/** The catalogue, in its order. */
export function listForms(db: Sql): Promise<FormRow[]> {
  return db.query(
    'SELECT form, built_in AS "builtIn", version, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM commendation_forms ORDER BY position, id',
  );
}

/** One form; undefined when there is none. */
export async function findForm(db: Sql, id: string): Promise<FormRow | undefined> {
  const rows: FormRow[] = await db.query(
    'SELECT form, built_in AS "builtIn", version, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM commendation_forms WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** Inserts a form at the end of the catalogue, recorded at `at`; false when the id is taken. */
export async function insertForm(db: Sql, form: CommendationForm, actor: string | null, at: string, builtIn = false): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `INSERT INTO commendation_forms (id, position, form, built_in, updated_by, updated_at)
     VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM commendation_forms), $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [form.id, JSON.stringify(form), builtIn, actor, at],
  );
  return rows.length > 0;
}

/** Replaces a form at `baseVersion`; the new version, or undefined when the form moved on (or is absent). */
export async function updateForm(
  db: Sql,
  form: CommendationForm,
  baseVersion: number,
  actor: string,
  at: string,
): Promise<number | undefined> {
  const rows: Array<{ version: number }> = await db.query(
    `WITH u AS (UPDATE commendation_forms SET form = $2, version = version + 1, updated_at = $5, updated_by = $4 WHERE id = $1 AND version = $3 RETURNING version)
     SELECT version FROM u`,
    [form.id, JSON.stringify(form), baseVersion, actor, at],
  );
  return rows[0]?.version;
}

/** Adds the built-in forms a catalogue lacks, each with its event (never overwrites an admin's edit). */
export async function seedForms(ds: Pick<DataSource, 'transaction'>): Promise<void> {
  for (const form of BUILT_IN_FORMS)
    await ds.transaction(async (m) => {
      const at = new Date().toISOString();
      if (await insertForm(m, form, null, at, true)) {
        await appendAtEnd(m, streams.commendationForm(form.id), { type: 'CommendationFormAdded', at, data: { ...form, builtIn: true } });
        return;
      }
      // A built-in form nobody has edited follows the release (the decree's vote rules and the award money came
      // with one); a form an admin edited stays theirs.
      const row = await findForm(m, form.id);
      if (!row?.builtIn || (row.updatedBy !== null && row.updatedBy !== RELEASE_ACTOR) || isDeepStrictEqual(row.form, form)) return;
      const version = await updateForm(m, form, row.version, RELEASE_ACTOR, at);
      if (version !== undefined)
        await appendAtEnd(m, streams.commendationForm(form.id), {
          type: 'CommendationFormChanged',
          at,
          actor: RELEASE_ACTOR,
          data: { ...form, version },
        });
    });
}

/** Who changes a built-in form when a release brings a new version of it. */
export const RELEASE_ACTOR = 'system:release';

/** The condition on `commendations` of a stage nominating the unit in `$1` (`[{unitId}]` as JSON); {@link nominatingStages} then keeps those where its task is still to do. */
export const NOMINATING_UNIT = `stage = 'nominating' AND state->'units' @> $1::jsonb`;

/** The stages where the unit's nominating task is still to do (open or returned to it). */
export function nominatingStages(states: readonly CommendationState[], unitId: string): CommendationState[] {
  return states.filter((s) => s.units.some((u) => u.unitId === unitId && (u.task?.status === 'open' || u.task?.status === 'returned')));
}

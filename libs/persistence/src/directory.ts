/** The `units` table: the directory of units that campaigns can enrol. */
import type { UnitRef } from '@thidua/contracts';
import type { Sql } from './sql';

/** A directory unit as stored. */
export interface UnitRow {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitRef['kind'];
  readonly head_email: string | null;
  readonly contact_email: string | null;
  readonly created_at: Date;
  /** The organisation whose directory holds it. */
  readonly org_id: string;
}

/** Inserts the unit; undefined when its id is taken (the stored unit is left as it is). */
export async function insertUnit(db: Sql, unit: UnitRef, orgId: string, actor: string, at: string): Promise<UnitRow | undefined> {
  const rows: UnitRow[] = await db.query(
    `INSERT INTO units (id, name, kind, head_email, contact_email, created_by, created_at, org_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO NOTHING RETURNING *`,
    [unit.id, unit.name, unit.kind, unit.headEmail ?? null, unit.contactEmail ?? null, actor, at, orgId],
  );
  return rows[0];
}

/** The units of the directories of `orgs`, by kind then name; `notInCampaign`: only those that campaign does not enrol. */
export function listUnits(db: Sql, orgs: readonly string[], notInCampaign?: string): Promise<UnitRow[]> {
  return db.query(
    `SELECT * FROM units u WHERE u.org_id = ANY($1)
       AND ($2::text IS NULL OR NOT EXISTS (SELECT 1 FROM campaign_units cu WHERE cu.campaign_id = $2 AND cu.unit_id = u.id))
     ORDER BY kind, name`,
    [orgs, notInCampaign ?? null],
  );
}

/** The units with these ids that exist (in no particular order). */
export function findUnits(db: Sql, ids: readonly string[]): Promise<UnitRow[]> {
  return db.query('SELECT * FROM units WHERE id = ANY($1)', [ids]);
}

/** Whether the directory holds this unit. */
export async function unitExists(db: Sql, id: string): Promise<boolean> {
  return (await findUnits(db, [id])).length > 0;
}

/** Changes a unit's name and e-mail addresses in the directory (campaigns keep the copy they launched with); the row after. */
export async function updateUnit(
  db: Sql,
  id: string,
  change: { name: string; headEmail: string | null; contactEmail: string | null },
): Promise<UnitRow | undefined> {
  const rows: UnitRow[] = await db.query(
    'WITH u AS (UPDATE units SET name = $2, head_email = $3, contact_email = $4 WHERE id = $1 RETURNING *) SELECT * FROM u',
    [id, change.name, change.headEmail, change.contactEmail],
  );
  return rows[0];
}

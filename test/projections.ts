/** The projection tables, whole, for comparing what the system kept with what a rebuild from the log writes. */
import type { DataSource } from 'typeorm';

/** Every table that is a fold of the log, with the columns that order its rows. */
const ORDER = {
  organisations: 'id',
  role_grants: 'account_id, org_id, role',
  units: 'id',
  clusters: 'id',
  accounts: 'id',
  calendar_overrides: 'date',
  commendation_forms: 'id',
  campaign_templates: 'id',
  campaigns: 'id',
  campaign_units: 'campaign_id, position',
  unit_status: 'campaign_id, unit_id',
  commendations: 'campaign_id',
  decision_registers: 'issuer_key, year',
} as const;

/** A projection table's name. */
export type ProjectionTable = keyof typeof ORDER;

/** Every projection table. */
export const PROJECTION_TABLES = Object.keys(ORDER) as ProjectionTable[];

/** Each projection table's rows as JSON (jsonb compared as values, instants as ISO text), in key order. */
export async function projectionSnapshot(ds: DataSource): Promise<Record<ProjectionTable, unknown[]>> {
  const out = {} as Record<ProjectionTable, unknown[]>;
  for (const table of PROJECTION_TABLES) {
    const rows: Array<{ row: unknown }> = await ds.query(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY ${ORDER[table]}`);
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

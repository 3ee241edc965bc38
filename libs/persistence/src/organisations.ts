/** The `organisations` tree and `role_grants`: which bodies exist, and who holds which role in each. */
import { PARTICIPANT_UNIT_KINDS, type Grant, type OrgKind, type OrgSettings, type Role } from '@thidua/contracts';
import type { EntityManager } from 'typeorm';
import { insertUnit } from './directory';
import { appendAtEnd, streams } from './event-store';
import type { Sql } from './sql';

/** The organisation every installation starts with (and every record made before organisations belongs to). */
export const ROOT_ORG = 'root';

/** An organisation as stored. */
export interface OrgRow {
  readonly id: string;
  readonly parent_id: string | null;
  readonly kind: OrgKind;
  readonly name: string;
  readonly short_name: string | null;
  readonly code: string | null;
  readonly settings: OrgSettings;
  readonly created_at: Date;
}

/** Every organisation (a province has a few hundred), parents before children. */
export function listOrganisations(db: Sql): Promise<OrgRow[]> {
  return db.query(`WITH RECURSIVE t AS (
      SELECT o.*, 0 AS depth FROM organisations o WHERE parent_id IS NULL
      UNION ALL SELECT o.*, t.depth + 1 FROM organisations o JOIN t ON o.parent_id = t.id)
    SELECT id, parent_id, kind, name, short_name, code, settings, created_at FROM t ORDER BY depth, name`);
}

/** Inserts the organisation; undefined when its id or code is taken. */
export async function insertOrganisation(
  db: Sql,
  o: { id: string; parentId: string; kind: OrgKind; name: string; shortName: string | null; code: string | null },
  actor: string,
  at: string,
): Promise<OrgRow | undefined> {
  const rows: OrgRow[] = await db.query(
    `INSERT INTO organisations (id, parent_id, kind, name, short_name, code, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT DO NOTHING RETURNING *`,
    [o.id, o.parentId, o.kind, o.name, o.shortName, o.code, actor, at],
  );
  return rows[0];
}

/** Applies a change as the `OrganisationChanged` event states it; the row after. */
export async function updateOrganisation(
  db: Sql,
  id: string,
  change: { kind?: OrgKind; name?: string; shortName?: string | null; code?: string | null; settings?: OrgSettings },
): Promise<OrgRow | undefined> {
  const rows: OrgRow[] = await db.query(
    `WITH u AS (UPDATE organisations SET kind = coalesce($2, kind), name = coalesce($3, name),
       short_name = CASE WHEN $4::boolean THEN $5 ELSE short_name END, code = CASE WHEN $6::boolean THEN $7 ELSE code END,
       settings = coalesce($8::jsonb, settings) WHERE id = $1 RETURNING *) SELECT * FROM u`,
    [
      id,
      change.kind ?? null,
      change.name ?? null,
      change.shortName !== undefined,
      change.shortName ?? null,
      change.code !== undefined,
      change.code ?? null,
      change.settings ? JSON.stringify(change.settings) : null,
    ],
  );
  return rows[0];
}

/** A grant as stored. */
interface GrantRow {
  readonly account_id: string;
  readonly org_id: string;
  readonly role: Role;
  readonly unit_id: string | null;
}

const toGrant = (r: GrantRow): Grant => ({ orgId: r.org_id, role: r.role, unitId: r.unit_id });

/** Roles held, in a stable order (the root's first, then by organisation and role). */
const GRANT_ORDER = "ORDER BY org_id <> 'root', org_id, array_position(ARRAY['admin','coordinator','leader','council','unit'], role)";

/** The roles the account holds. */
export async function grantsOf(db: Sql, accountId: string): Promise<Grant[]> {
  const rows: GrantRow[] = await db.query(`SELECT * FROM role_grants WHERE account_id = $1 ${GRANT_ORDER}`, [accountId]);
  return rows.map(toGrant);
}

/** The roles of many accounts, by account. */
export async function grantsOfAccounts(db: Sql, accountIds: readonly string[]): Promise<Map<string, Grant[]>> {
  const rows: GrantRow[] = await db.query(`SELECT * FROM role_grants WHERE account_id = ANY($1::uuid[]) ${GRANT_ORDER}`, [accountIds]);
  const out = new Map<string, Grant[]>();
  for (const r of rows) out.set(r.account_id, [...(out.get(r.account_id) ?? []), toGrant(r)]);
  return out;
}

/** Replaces the account's roles with `grants` (the whole set, as `RolesChanged` records it). */
export async function replaceGrants(db: Sql, accountId: string, grants: readonly Grant[]): Promise<void> {
  await db.query('DELETE FROM role_grants WHERE account_id = $1', [accountId]);
  if (grants.length === 0) return;
  await db.query(
    `INSERT INTO role_grants (account_id, org_id, role, unit_id)
     SELECT $1, g.org, g.role, g.unit FROM unnest($2::text[], $3::text[], $4::text[]) AS g(org, role, unit)`,
    [accountId, grants.map((g) => g.orgId), grants.map((g) => g.role), grants.map((g) => g.unitId)],
  );
}

/** How many units, campaigns and child organisations each organisation has. */
export async function organisationCounts(
  db: Sql,
  ids: readonly string[],
): Promise<Map<string, { units: number; campaigns: number; children: number }>> {
  const rows: Array<{ id: string; units: number; campaigns: number; children: number }> = await db.query(
    `SELECT o.id,
       (SELECT count(*)::int FROM units u WHERE u.org_id = o.id) AS units,
       (SELECT count(*)::int FROM campaigns c WHERE c.org_id = o.id) AS campaigns,
       (SELECT count(*)::int FROM organisations k WHERE k.parent_id = o.id) AS children
     FROM unnest($1::text[]) AS o(id)`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { units: r.units, campaigns: r.campaigns, children: r.children }]));
}

/** Whether the account holds a staff role (anything but a unit's clerk) anywhere: who may sit on a council. */
export async function holdsStaffRole(db: Sql, accountId: string): Promise<boolean> {
  const rows: unknown[] = await db.query("SELECT 1 FROM role_grants WHERE account_id = $1 AND role <> 'unit' LIMIT 1", [accountId]);
  return rows.length > 0;
}

/**
 * Makes a ward, commune, special zone or department a unit of its parent's directory (named `name`), with its
 * id: its place in the parent's campaigns, recorded as `UnitRegistered`. False for another kind, or when the
 * directory already has the id.
 */
export async function insertParticipantUnit(
  m: EntityManager,
  org: { readonly id: string; readonly kind: OrgKind; readonly parentId: string },
  name: string,
  actor: string,
  at: string,
): Promise<boolean> {
  const kind = PARTICIPANT_UNIT_KINDS[org.kind];
  if (!kind) return false;
  const unit = { id: org.id, name, kind };
  if (!(await insertUnit(m, unit, org.parentId, actor, at))) return false;
  await appendAtEnd(m, streams.directory(unit.id), { type: 'UnitRegistered', at, actor, data: { ...unit, org: org.parentId } });
  return true;
}

/** The `campaign_templates` and `campaign_template_versions` tables: templates as data, every version kept. */
import type { CampaignDefinition } from '@thidua/contracts';
import type { Sql } from './sql';

/** A template at one version, as stored. */
export interface TemplateRow {
  readonly id: string;
  /** The organisation that owns it, and whether it is offered to the organisations below. */
  readonly orgId: string;
  readonly shared: boolean;
  readonly builtin: boolean;
  readonly historical: boolean;
  readonly clonedFrom: string | null;
  readonly version: number;
  readonly currentVersion: number;
  readonly title: string;
  readonly description: string;
  readonly definition: CampaignDefinition;
  readonly createdAt: Date;
  readonly createdBy: string | null;
  readonly savedAt: Date;
  readonly savedBy: string | null;
}

/** What a template holds at a version. */
export interface TemplateContent {
  readonly title: string;
  readonly description: string;
  readonly definition: CampaignDefinition;
}

const SELECT = `SELECT t.id, t.org_id AS "orgId", t.shared, t.builtin, t.historical, t.cloned_from AS "clonedFrom", v.version, t.current_version AS "currentVersion",
  v.title, v.description, v.definition, t.created_at AS "createdAt", t.created_by AS "createdBy", v.saved_at AS "savedAt", v.saved_by AS "savedBy"
  FROM campaign_templates t JOIN campaign_template_versions v ON v.template_id = t.id`;

/**
 * The templates at their current version that `where` (a condition on `t`, with its parameters) selects:
 * built-ins first, then by title.
 */
export function listTemplates(db: Sql, where: { readonly sql: string; readonly params: readonly unknown[] }): Promise<TemplateRow[]> {
  return db.query(`${SELECT} AND v.version = t.current_version WHERE ${where.sql} ORDER BY t.builtin DESC, t.historical, v.title`, [
    ...where.params,
  ]);
}

/** Offers the template to the organisations below its owner, or stops offering it; false when there is no such template. */
export async function setTemplateShared(db: Sql, id: string, shared: boolean): Promise<boolean> {
  const rows: unknown[] = await db.query(
    'WITH u AS (UPDATE campaign_templates SET shared = $2 WHERE id = $1 RETURNING id) SELECT * FROM u',
    [id, shared],
  );
  return rows.length > 0;
}

/** A template at `version` (its current one by default); undefined when there is no such template or version. */
export async function findTemplate(db: Sql, id: string, version?: number): Promise<TemplateRow | undefined> {
  const rows: TemplateRow[] = await db.query(`${SELECT} AND v.version = COALESCE($2, t.current_version) WHERE t.id = $1`, [
    id,
    version ?? null,
  ]);
  return rows[0];
}

/** Every version of a template, newest first, without their definitions. */
export function templateVersions(db: Sql, id: string): Promise<Array<Pick<TemplateRow, 'version' | 'title' | 'savedAt' | 'savedBy'>>> {
  return db.query(
    'SELECT version, title, saved_at AS "savedAt", saved_by AS "savedBy" FROM campaign_template_versions WHERE template_id = $1 ORDER BY version DESC',
    [id],
  );
}

/**
 * Creates a template at version 1; false when the id is taken (nothing changes). Run it in a transaction:
 * the two inserts belong together.
 */
export async function insertTemplate(
  db: Sql,
  t: TemplateContent & {
    id: string;
    orgId: string;
    shared: boolean;
    builtin?: boolean;
    historical?: boolean;
    clonedFrom?: string;
    actor: string | null;
    at: string;
  },
): Promise<boolean> {
  const created: unknown[] = await db.query(
    `INSERT INTO campaign_templates (id, builtin, historical, cloned_from, current_version, created_by, created_at, org_id, shared)
     VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [t.id, t.builtin ?? false, t.historical ?? false, t.clonedFrom ?? null, t.actor, t.at, t.orgId, t.shared],
  );
  if (created.length === 0) return false;
  await db.query(
    'INSERT INTO campaign_template_versions (template_id, version, title, description, definition, saved_by) VALUES ($1, 1, $2, $3, $4, $5)',
    [t.id, t.title, t.description, JSON.stringify(t.definition), t.actor],
  );
  return true;
}

/** The template's current version and whether it is built in, its row locked for the rest of the transaction. */
export async function lockTemplate(db: Sql, id: string): Promise<{ currentVersion: number; builtin: boolean } | undefined> {
  const rows: Array<{ currentVersion: number; builtin: boolean }> = await db.query(
    'SELECT current_version AS "currentVersion", builtin FROM campaign_templates WHERE id = $1 FOR UPDATE',
    [id],
  );
  return rows[0];
}

/** Stores `version` of a locked template and makes it current. */
export async function saveTemplateVersion(
  db: Sql,
  id: string,
  version: number,
  content: TemplateContent,
  actor: string | null,
): Promise<void> {
  await db.query(
    'INSERT INTO campaign_template_versions (template_id, version, title, description, definition, saved_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, version, content.title, content.description, JSON.stringify(content.definition), actor],
  );
  await db.query('UPDATE campaign_templates SET current_version = $2 WHERE id = $1', [id, version]);
}

/**
 * The `campaigns` registry (one row per campaign: its definition and the projection of its stream) and
 * `campaign_units` (the units it enrols, numbered by position for paged fan-out).
 */
import {
  type FanOutProgress,
  TERMINAL_PHASES,
  type CampaignDefinition,
  type CampaignState,
  type CampaignStatus,
  type UnitRef,
} from '@thidua/contracts';
import { ROOT_ORG } from './organisations';
import type { Sql } from './sql';

/** A campaign as stored. */
export interface CampaignRow {
  readonly id: string;
  readonly definition: CampaignDefinition;
  readonly definition_hash: string;
  readonly status: CampaignStatus;
  readonly fan_out: FanOutProgress | null;
  readonly units_total: number;
  readonly version: number;
  readonly created_at: Date;
  /** The organisation that launched it. */
  readonly org_id: string;
}

/** The campaigns of these organisations (of all when absent), newest first. */
export function listCampaigns(db: Sql, orgs?: readonly string[]): Promise<CampaignRow[]> {
  if (!orgs) return db.query('SELECT * FROM campaigns ORDER BY created_at DESC');
  return db.query('SELECT * FROM campaigns WHERE org_id = ANY($1) ORDER BY created_at DESC', [orgs]);
}

/** The campaign, if it exists. */
export async function findCampaign(db: Sql, id: string): Promise<CampaignRow | undefined> {
  const rows: CampaignRow[] = await db.query('SELECT * FROM campaigns WHERE id = $1', [id]);
  return rows[0];
}

/**
 * Inserts a new campaign: its definition as launched (with its units, once, in `campaign_definitions`), its row
 * and its numbered units, stamped with the launch instant; false (nothing written) when the id is taken. The
 * row's definition is stored without its unit list: the units live in campaign_units.
 */
export async function insertCampaign(
  db: Sql,
  def: CampaignDefinition & { readonly code: string },
  hash: string,
  at: string,
  orgId = ROOT_ORG,
): Promise<boolean> {
  const inserted: unknown[] = await db.query(
    `INSERT INTO campaigns (id, definition, definition_hash, units_total, version, created_at, updated_at, org_id) VALUES ($1, $2, $3, $4, 1, $5, $5, $6)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [def.code, JSON.stringify({ ...def, units: [] }), hash, def.units.length, at, orgId],
  );
  if (inserted.length === 0) return false;
  await db.query('INSERT INTO campaign_definitions (campaign_id, hash, definition) VALUES ($1, $2, $3)', [
    def.code,
    hash,
    JSON.stringify(def),
  ]);
  await insertCampaignUnits(
    db,
    def.code,
    def.units.map((unit, i) => ({ unit, position: i + 1 })),
  );
  return true;
}

/**
 * Writes units at their positions in one statement, whatever their count; a unit already there keeps its
 * place (a unit added twice by a run recorded before additions were checked).
 */
export async function insertCampaignUnits(
  db: Sql,
  campaignId: string,
  units: ReadonlyArray<{ readonly unit: UnitRef; readonly position: number }>,
): Promise<void> {
  await db.query(
    `INSERT INTO campaign_units (campaign_id, unit_id, position, unit)
     SELECT $1, u.id, u.pos, u.unit FROM unnest($2::text[], $3::int[], $4::jsonb[]) AS u(id, pos, unit) ON CONFLICT DO NOTHING`,
    [campaignId, units.map((u) => u.unit.id), units.map((u) => u.position), units.map((u) => JSON.stringify(u.unit))],
  );
}

/** The campaign as launched (the definition with its units), as its launch stored it. */
export async function campaignDefinition(
  db: Sql,
  campaignId: string,
): Promise<{ readonly hash: string; readonly definition: CampaignDefinition & { readonly code: string } } | undefined> {
  const rows: Array<{ hash: string; definition: CampaignDefinition & { code: string } }> = await db.query(
    'SELECT hash, definition FROM campaign_definitions WHERE campaign_id = $1',
    [campaignId],
  );
  return rows[0];
}

/** The campaign's projected state, its row locked for the rest of the transaction; undefined for an unknown campaign. */
export async function lockCampaignState(db: Sql, campaignId: string): Promise<CampaignState | undefined> {
  const rows: Array<Pick<CampaignRow, 'status' | 'definition' | 'units_total' | 'version'>> = await db.query(
    'SELECT status, definition, units_total, version FROM campaigns WHERE id = $1 FOR UPDATE',
    [campaignId],
  );
  const row = rows[0];
  const reports = row?.definition.reports;
  return (
    row && {
      campaignId,
      status: row.status,
      milestones: row.definition.milestones,
      ...(reports ? { reports } : {}),
      unitsTotal: row.units_total,
      seq: row.version,
    }
  );
}

/**
 * Writes the campaign's projected state into its row: the milestones and report rounds into the stored
 * definition, `updatedAt` the instant of the last event folded (so a rebuild from the log writes the same row).
 */
export async function saveCampaignState(db: Sql, state: CampaignState, updatedAt: string): Promise<void> {
  await db.query(
    `UPDATE campaigns SET status = $2,
       definition = CASE WHEN $6::jsonb IS NULL THEN jsonb_set(definition, '{milestones}', $3::jsonb)
                         ELSE jsonb_set(jsonb_set(definition, '{milestones}', $3::jsonb), '{reports}', $6::jsonb) END,
       units_total = $4, version = $5, updated_at = $7 WHERE id = $1`,
    [
      state.campaignId,
      state.status,
      JSON.stringify(state.milestones),
      state.unitsTotal,
      state.seq,
      state.reports ? JSON.stringify(state.reports) : null,
      updatedAt,
    ],
  );
}

/** Records how far the current fan-out (re-plan or cancellation signals) has got. */
export async function saveFanOut(db: Sql, campaignId: string, progress: FanOutProgress): Promise<void> {
  await db.query('UPDATE campaigns SET fan_out = $2 WHERE id = $1', [campaignId, JSON.stringify(progress)]);
}

/** A page of the campaign's units after a position, in position order. */
export function campaignUnitsAfter(
  db: Sql,
  campaignId: string,
  afterPosition: number,
  limit: number,
): Promise<Array<{ position: number; unit: UnitRef }>> {
  return db.query('SELECT position, unit FROM campaign_units WHERE campaign_id = $1 AND position > $2 ORDER BY position LIMIT $3', [
    campaignId,
    afterPosition,
    limit,
  ]);
}

/** How many of the campaign's units have a position up to `through`. */
export async function countCampaignUnitsThrough(db: Sql, campaignId: string, through: number): Promise<number> {
  const rows: Array<{ n: string }> = await db.query('SELECT count(*) AS n FROM campaign_units WHERE campaign_id = $1 AND position <= $2', [
    campaignId,
    through,
  ]);
  return Number(rows[0]?.n ?? 0);
}

/** Whether the unit is enrolled in the campaign. */
export async function isEnrolled(db: Sql, campaignId: string, unitId: string): Promise<boolean> {
  const rows: unknown[] = await db.query('SELECT 1 FROM campaign_units WHERE campaign_id = $1 AND unit_id = $2', [campaignId, unitId]);
  return rows.length > 0;
}

/**
 * Adds a unit at `position`, or after the last one when the event that added it did not say (recorded before
 * it did); idempotent: an enrolled unit keeps its position. Answers its position.
 */
export async function addCampaignUnit(db: Sql, campaignId: string, unit: UnitRef, position?: number): Promise<number> {
  if (position !== undefined) {
    await db.query(
      'INSERT INTO campaign_units (campaign_id, unit_id, position, unit) VALUES ($1, $2, $3, $4) ON CONFLICT (campaign_id, unit_id) DO NOTHING',
      [campaignId, unit.id, position, JSON.stringify(unit)],
    );
    return position;
  }
  const rows: Array<{ position: number }> = await db.query(
    `WITH ins AS (
       INSERT INTO campaign_units (campaign_id, unit_id, position, unit)
       SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3 FROM campaign_units WHERE campaign_id = $1
       ON CONFLICT (campaign_id, unit_id) DO NOTHING RETURNING position)
     SELECT position FROM ins UNION ALL SELECT position FROM campaign_units WHERE campaign_id = $1 AND unit_id = $2`,
    [campaignId, unit.id, JSON.stringify(unit)],
  );
  return rows[0].position;
}

/** Enrolled units, those whose projection has reached a terminal phase, and the last position. */
export async function countOpenUnits(db: Sql, campaignId: string): Promise<{ open: number; total: number; lastPosition: number }> {
  const [r]: Array<{ total: string; ended: string; last: number | null }> = await db.query(
    `SELECT (SELECT count(*) FROM campaign_units WHERE campaign_id = $1) AS total,
            (SELECT max(position) FROM campaign_units WHERE campaign_id = $1) AS last,
            (SELECT count(*) FROM unit_status WHERE campaign_id = $1 AND phase = ANY($2)) AS ended`,
    [campaignId, TERMINAL_PHASES],
  );
  return { open: Number(r.total) - Number(r.ended), total: Number(r.total), lastPosition: Number(r.last ?? 0) };
}

/** A running campaign's counts for the coordinator's daily digest. */
export interface DigestCounts {
  readonly id: string;
  readonly definition: CampaignDefinition;
  readonly total: number;
  readonly overdue: number;
  readonly escalated: number;
  readonly level2: number;
  readonly returned: number;
  /** The first 20 overdue units by name. */
  readonly overdueNames: readonly string[];
}

/** Digest counts of every launching or running campaign, by id. */
export async function digestCounts(db: Sql): Promise<DigestCounts[]> {
  const rows: Array<{
    id: string;
    definition: CampaignDefinition;
    total: string;
    overdue: string;
    escalated: string;
    level2: string;
    returned: string;
    overdue_names: string[] | null;
  }> = await db.query(
    `SELECT c.id, c.definition,
              count(s.unit_id) AS total,
              count(*) FILTER (WHERE s.overdue) AS overdue,
              count(*) FILTER (WHERE s.escalation_level >= 1) AS escalated,
              count(*) FILTER (WHERE s.escalation_level = 2) AS level2,
              count(*) FILTER (WHERE s.phase = 'registration-returned') AS returned,
              (array_agg(s.unit_name ORDER BY s.unit_name) FILTER (WHERE s.overdue))[1:20] AS overdue_names
       FROM campaigns c LEFT JOIN unit_status s ON s.campaign_id = c.id
       WHERE c.status IN ('launching', 'running')
       GROUP BY c.id, c.definition ORDER BY c.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    definition: r.definition,
    total: Number(r.total),
    overdue: Number(r.overdue),
    escalated: Number(r.escalated),
    level2: Number(r.level2),
    returned: Number(r.returned),
    overdueNames: r.overdue_names ?? [],
  }));
}

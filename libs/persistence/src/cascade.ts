/** Reads of campaigns across levels: the sub-campaigns of a campaign, their progress per task, and the campaigns above a unit. */
import type { CampaignStatus, TaskKind, TaskStatus, UnitKind, UnitPhase } from '@thidua/contracts';
import type { Sql } from './sql';

/** A sub-campaign as the campaign above sees it. */
export interface SubCampaignRow {
  readonly id: string;
  readonly parent_unit_id: string;
  readonly org_id: string;
  readonly status: CampaignStatus;
  readonly title: string;
  readonly units_total: number;
  /** The kinds of its units (what they are called in sentences). */
  readonly kinds: UnitKind[];
}

/** The sub-campaigns run for the units of `campaignId` (one per unit at most, the first launched). */
export function subCampaignsOf(db: Sql, campaignId: string, unitId?: string): Promise<SubCampaignRow[]> {
  return db.query(
    `SELECT DISTINCT ON (c.parent_unit_id) c.id, c.parent_unit_id, c.org_id, c.status, c.definition ->> 'title' AS title, c.units_total,
            coalesce((SELECT array_agg(DISTINCT u.unit_kind) FROM unit_status u WHERE u.campaign_id = c.id AND u.unit_kind IS NOT NULL), '{}') AS kinds
     FROM campaigns c WHERE c.parent_campaign_id = $1 AND ($2::text IS NULL OR c.parent_unit_id = $2)
     ORDER BY c.parent_unit_id, c.created_at`,
    [campaignId, unitId ?? null],
  );
}

/** Units of each sub-campaign of `campaignId` by task and status, with how many are overdue and how many sent late. */
export async function subCampaignTaskCounts(
  db: Sql,
  campaignId: string,
): Promise<Array<{ campaignId: string; task: TaskKind; status: TaskStatus; n: number; missed: number; late: number }>> {
  const rows: Array<{ campaign_id: string; task: TaskKind; status: TaskStatus; n: string; missed: string; late: string }> = await db.query(
    `SELECT u.campaign_id, t.key AS task, t.value->>'status' AS status, count(*) AS n,
            count(*) FILTER (WHERE (t.value->>'missed')::boolean) AS missed, count(*) FILTER (WHERE (t.value->>'late')::boolean) AS late
     FROM campaigns c JOIN unit_status u ON u.campaign_id = c.id CROSS JOIN LATERAL jsonb_each(u.state->'tasks') AS t
     WHERE c.parent_campaign_id = $1 AND u.phase NOT IN ('withdrawn', 'cancelled')
     GROUP BY 1, 2, 3`,
    [campaignId],
  );
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    task: r.task,
    status: r.status,
    n: Number(r.n),
    missed: Number(r.missed),
    late: Number(r.late),
  }));
}

/** A campaign that enrols a unit, with the unit's part in it. */
export interface EnrollingCampaignRow {
  readonly id: string;
  readonly org_id: string;
  readonly status: CampaignStatus;
  readonly title: string;
  readonly phase: UnitPhase | null;
  readonly overdue: boolean | null;
  readonly next_due_at: Date | null;
  readonly sub_campaign_id: string | null;
}

/** The campaigns that enrol `unitId` (an organisation taking part in the campaigns above it; only `campaignId` when given), newest first. */
export function campaignsEnrolling(db: Sql, unitId: string, campaignId?: string): Promise<EnrollingCampaignRow[]> {
  return db.query(
    `SELECT c.id, c.org_id, c.status, c.definition ->> 'title' AS title, u.phase, u.overdue, u.next_due_at,
            (SELECT s.id FROM campaigns s WHERE s.parent_campaign_id = c.id AND s.parent_unit_id = $1 ORDER BY s.created_at LIMIT 1) AS sub_campaign_id
     FROM campaign_units cu JOIN campaigns c ON c.id = cu.campaign_id
     LEFT JOIN unit_status u ON u.campaign_id = cu.campaign_id AND u.unit_id = cu.unit_id
     WHERE cu.unit_id = $1 AND ($2::text IS NULL OR c.id = $2) ORDER BY c.created_at DESC`,
    [unitId, campaignId ?? null],
  );
}

/** Read side of campaigns: the registry, the unit_status projection and the event log. */
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  campaignWorkflowId,
  getCampaignProgress,
  isChased,
  TERMINAL_PHASES,
  unitWorkflowId,
  type CampaignDefinition,
  type CampaignProgress,
  type CampaignStatus,
  type TaskKind,
  type UnitPhase,
  type UnitState,
} from '../../../../libs/contracts/src/campaign';
import { notFound } from '../common/http-errors';
import type { CampaignSummary, FanOutProgress, Task, UnitEventView, UnitPage } from '../../../../libs/contracts/src/api/responses';
import { readStream, toUnitEvent } from '../../../../libs/persistence/src/event-store';

/** Filters of the unit table. */
export interface UnitFilter {
  phase?: UnitPhase[];
  overdue?: boolean;
  escalationLevel?: number;
  q?: string;
  page: number;
  pageSize: number;
  sort: 'name' | 'phase' | 'escalation' | 'updated';
}

interface CampaignRow {
  id: string;
  definition: CampaignDefinition;
  status: CampaignStatus;
  fan_out: FanOutProgress | null;
  units_total: number;
  created_at: Date;
}

/** The task a unit is expected to deliver now (open or returned), if any. */
export function currentTask(state: UnitState): { kind: TaskKind; dueAt: string; cutoffAt?: string; returnedReason?: string; missed: boolean } | undefined {
  for (const kind of ['registration', 'interim-report', 'final-report'] as const) {
    const t = state.tasks[kind];
    if (t && isChased(t)) return { kind, dueAt: t.dueAt, cutoffAt: t.cutoffAt, returnedReason: t.returnedReason, missed: t.missed };
  }
  return undefined;
}

@Injectable()
export class CampaignReadsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly client: Client,
  ) {}

  async list(): Promise<CampaignSummary[]> {
    const rows: CampaignRow[] = await this.ds.query('SELECT * FROM campaigns ORDER BY created_at DESC');
    return Promise.all(rows.map((r) => this.summarise(r)));
  }

  async get(id: string): Promise<CampaignSummary> {
    return this.summarise(await this.row(id));
  }

  /** The campaign row, or 404. */
  async row(id: string): Promise<CampaignRow> {
    const rows: CampaignRow[] = await this.ds.query('SELECT * FROM campaigns WHERE id = $1', [id]);
    if (!rows[0]) throw notFound(`Không tìm thấy đợt thi đua "${id}"`);
    return rows[0];
  }

  private async summarise(c: CampaignRow): Promise<CampaignSummary> {
    const counts: Array<{ phase: UnitPhase; n: string; overdue: string; escalated: string; issuer: string }> = await this.ds.query(
      `SELECT phase, count(*) AS n, count(*) FILTER (WHERE overdue) AS overdue,
              count(*) FILTER (WHERE escalation_level > 0) AS escalated, count(*) FILTER (WHERE escalation_level > 1) AS issuer
       FROM unit_status WHERE campaign_id = $1 GROUP BY phase`,
      [c.id],
    );
    const byPhase: Partial<Record<UnitPhase, number>> = {};
    let overdue = 0;
    let escalated = 0;
    let escalatedToIssuer = 0;
    let enrolled = 0;
    for (const r of counts) {
      byPhase[r.phase] = Number(r.n);
      enrolled += Number(r.n);
      overdue += Number(r.overdue);
      escalated += Number(r.escalated);
      escalatedToIssuer += Number(r.issuer);
    }
    // Enrolled units are those projected.
    let unitsEnrolled = enrolled;
    if (c.status === 'launching') {
      // The workflow knows the launch progress before the projection catches up.
      const progress = await this.progress(c.id);
      if (progress) unitsEnrolled = Math.max(unitsEnrolled, progress.unitsStarted);
    }
    const status = c.status;
    const d = c.definition;
    return {
      id: c.id,
      title: d.title,
      issuer: d.issuer,
      coordinator: d.coordinator,
      timezone: d.timezone,
      status,
      milestones: d.milestones,
      chase: d.chase,
      createdAt: c.created_at.toISOString(),
      launch: { unitsTotal: c.units_total, unitsEnrolled: Math.min(unitsEnrolled, c.units_total), done: status !== 'launching' },
      counts: { byPhase, overdue, escalated, escalatedToIssuer },
      fanOut: c.fan_out,
    };
  }

  private async progress(campaignId: string): Promise<CampaignProgress | undefined> {
    try {
      return await this.client.withDeadline(Date.now() + 2000, () => this.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getCampaignProgress));
    } catch {
      return undefined; // the summary still answers from PostgreSQL
    }
  }

  /** A page of the unit table. */
  async units(campaignId: string, f: UnitFilter): Promise<UnitPage> {
    await this.row(campaignId);
    const where = ['campaign_id = $1'];
    const args: unknown[] = [campaignId];
    if (f.phase?.length) where.push(`phase = ANY($${args.push(f.phase)})`);
    if (f.overdue !== undefined) where.push(`overdue = $${args.push(f.overdue)}`);
    if (f.escalationLevel !== undefined) where.push(`escalation_level = $${args.push(f.escalationLevel)}`);
    if (f.q) where.push(`(unit_name ILIKE $${args.push(`%${f.q.replace(/[\\%_]/g, '\\$&')}%`)} OR unit_id ILIKE $${args.length})`);
    const order = { name: 'unit_name, unit_id', phase: 'phase, unit_name', escalation: 'escalation_level DESC, overdue DESC, unit_name', updated: 'updated_at DESC, unit_id' }[f.sort];
    const sql = `SELECT unit_id, state, phase, overdue, escalation_level, reminders_sent, updated_at, count(*) OVER () AS total
      FROM unit_status WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${args.push(f.pageSize)} OFFSET $${args.push((f.page - 1) * f.pageSize)}`;
    const rows: Array<{ unit_id: string; state: UnitState; phase: UnitPhase; overdue: boolean; escalation_level: number; reminders_sent: number; updated_at: Date; total: string }> =
      await this.ds.query(sql, args);
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && f.page > 1) {
      const c: Array<{ n: string }> = await this.ds.query(`SELECT count(*) AS n FROM unit_status WHERE ${where.join(' AND ')}`, args.slice(0, -2));
      total = Number(c[0].n);
    }
    return {
      items: rows.map((r) => ({
        unitId: r.unit_id,
        name: r.state.unit.name,
        kind: r.state.unit.kind,
        phase: r.phase,
        overdue: r.overdue,
        escalationLevel: r.escalation_level,
        remindersSent: r.reminders_sent,
        nextDueAt: currentTask(r.state)?.dueAt ?? null,
        updatedAt: r.updated_at.toISOString(),
      })),
      total,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  /** The projected state of a unit in a campaign, or 404 (unknown campaign, unit not in it, or not enrolled yet). */
  async unitState(campaignId: string, unitId: string): Promise<UnitState> {
    return (await this.projected(campaignId, unitId, 'state')).value;
  }

  /** Only the unit's phase and its campaign's status (the submission path needs no more), with the same 404s as unitState. */
  async unitPhase(campaignId: string, unitId: string): Promise<{ phase: UnitPhase; campaignStatus: CampaignStatus }> {
    const { value, status } = await this.projected<'phase'>(campaignId, unitId, 'phase');
    return { phase: value, campaignStatus: status };
  }

  private async projected<K extends 'state' | 'phase'>(
    campaignId: string,
    unitId: string,
    column: K,
  ): Promise<{ value: K extends 'state' ? UnitState : UnitPhase; status: CampaignStatus }> {
    const rows: Array<{ value: (K extends 'state' ? UnitState : UnitPhase) | null; member: boolean; status: CampaignStatus }> = await this.ds.query(
      `SELECT us.${column} AS value, cu.unit_id IS NOT NULL AS member, c.status FROM campaigns c
       LEFT JOIN campaign_units cu ON cu.campaign_id = c.id AND cu.unit_id = $2
       LEFT JOIN unit_status us ON us.campaign_id = c.id AND us.unit_id = $2 WHERE c.id = $1`,
      [campaignId, unitId],
    );
    if (!rows[0]) throw notFound(`Không tìm thấy đợt thi đua "${campaignId}"`);
    if (!rows[0].member) throw notFound(`Đơn vị "${unitId}" không tham gia đợt thi đua "${campaignId}"`);
    if (!rows[0].value) throw notFound(`Đơn vị "${unitId}" đang được ghi danh vào đợt thi đua; vui lòng thử lại sau ít phút`);
    return { value: rows[0].value, status: rows[0].status };
  }

  /** The open tasks of a unit across its campaigns: overdue first, then by deadline. */
  async tasksOf(unitId: string): Promise<Task[]> {
    const rows: Array<{ state: UnitState }> = await this.ds.query(
      'SELECT state FROM unit_status WHERE unit_id = $1 AND NOT (phase = ANY($2))',
      [unitId, TERMINAL_PHASES],
    );
    const tasks: Task[] = [];
    for (const { state } of rows) {
      const t = currentTask(state);
      if (!t) continue;
      tasks.push({
        campaignId: state.campaign.campaignId,
        campaignTitle: state.campaign.title,
        unitId: state.unit.id,
        kind: t.kind,
        dueAt: t.dueAt,
        cutoffAt: t.cutoffAt ?? null,
        overdue: t.missed,
        ...(t.returnedReason ? { returnedReason: t.returnedReason } : {}),
        timezone: state.campaign.timezone,
      });
    }
    return tasks.sort((a, b) => Number(b.overdue) - Number(a.overdue) || Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  /** The unit's event log, oldest first. */
  async unitEvents(campaignId: string, unitId: string): Promise<UnitEventView[]> {
    await this.unitPhase(campaignId, unitId);
    const events = await readStream(this.ds.manager, unitWorkflowId(campaignId, unitId));
    return events.map((stored) => {
      const e = toUnitEvent(stored);
      // Type and data travel together, as the event recorded them.
      return { id: stored.id, seq: e.seq, type: e.type, occurredAt: e.at, ...(e.actor ? { actor: e.actor } : {}), data: e.data } as UnitEventView;
    });
  }
}

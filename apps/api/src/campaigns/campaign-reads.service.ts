/** Read side of campaigns: the registry, the unit_status projection and the event log. */
import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  campaignWorkflowId,
  durationMs,
  formatDateTime,
  formatDelay,
  getCampaignProgress,
  isChased,
  PHASE_LABELS,
  UNIT_KIND_LABELS,
  unitWorkflowId,
  type CampaignProgress,
  type CampaignDefinition,
  type CampaignStatus,
  roundTask,
  taskLabel,
  type TaskKind,
  type TaskState,
  type UnitPhase,
  type UnitState,
  type CampaignSummary,
  type Task,
  type TaskProgress,
  type UnitEventView,
  type UnitPage,
  type UnitRow,
} from '@thidua/contracts';
import { tallyTasks } from '@thidua/campaigns';
import { daysLate } from '@thidua/calendar';
import { taskDates } from '@thidua/domain';
import { notFound } from '../common/http-errors';
import {
  findCampaign,
  listCampaigns,
  phaseCounts,
  projectedUnit,
  readStream,
  taskCounts,
  toUnitEvent,
  unitStatusPage,
  type CampaignRow,
  type UnitStatusQuery,
} from '@thidua/persistence';

/**
 * How many days past its missed deadline a unit is (the earliest missed task), in the campaign's own days: a
 * rehearsal's plan days (its definition's day length, also for units enrolled before their state carried it).
 */
function lateness(state: UnitState, now: string, def: CampaignDefinition): { daysOverdue: number; workingDays: boolean } {
  const missed = currentTasks(state).find((t) => t.missed);
  const late = daysLate(missed?.dueAt ?? now, now, { calendar: state.calendar, dayLength: def.dayLength });
  return { daysOverdue: missed ? late.days : 0, workingDays: late.working };
}

/** The tasks a unit is expected to deliver now (open or returned), the earliest due first. */
export function currentTasks(state: UnitState): TaskState[] {
  return Object.values(state.tasks)
    .filter((t): t is TaskState => t !== undefined && isChased(t))
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

@Injectable()
export class CampaignReadsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly client: Client,
  ) {}

  /** The campaigns of these organisations, newest first. */
  async list(orgs: readonly string[]): Promise<CampaignSummary[]> {
    return Promise.all((await listCampaigns(this.ds, orgs)).map((r) => this.summarise(r)));
  }

  async get(id: string): Promise<CampaignSummary> {
    return this.summarise(await this.row(id));
  }

  /** The campaign row, or 404. */
  async row(id: string): Promise<CampaignRow> {
    const row = await findCampaign(this.ds, id);
    if (!row) throw notFound(`Không tìm thấy đợt thi đua "${id}"`);
    return row;
  }

  private async summarise(c: CampaignRow): Promise<CampaignSummary> {
    const counts = await phaseCounts(this.ds, c.id);
    const byPhase: Partial<Record<UnitPhase, number>> = {};
    let overdue = 0;
    let escalated = 0;
    let escalatedToIssuer = 0;
    let enrolled = 0;
    for (const r of counts) {
      byPhase[r.phase] = r.n;
      enrolled += r.n;
      overdue += r.overdue;
      escalated += r.escalated;
      escalatedToIssuer += r.issuer;
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
      orgId: c.org_id,
      title: d.title,
      issuer: d.issuer,
      coordinator: d.coordinator,
      timezone: d.timezone,
      status,
      milestones: d.milestones,
      chase: d.chase,
      criteria: d.criteria ?? null,
      reports: d.reports ?? [],
      meetings: d.meetings ?? [],
      dayLength: d.dayLength ?? null,
      createdAt: c.created_at.toISOString(),
      launch: { unitsTotal: c.units_total, unitsEnrolled: Math.min(unitsEnrolled, c.units_total), done: status !== 'launching' },
      counts: { byPhase, overdue, escalated, escalatedToIssuer },
      fanOut: c.fan_out,
      parent: d.parent ?? null,
      clusters: d.clusters ?? [],
    };
  }

  private async progress(campaignId: string): Promise<CampaignProgress | undefined> {
    try {
      return await this.client.withDeadline(Date.now() + 2000, () =>
        this.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getCampaignProgress),
      );
    } catch {
      return undefined; // the summary still answers from PostgreSQL
    }
  }

  /** Per task, in the order they fall due: how many units are where with it. */
  async taskProgress(campaignId: string): Promise<TaskProgress[]> {
    const d = (await this.row(campaignId)).definition;
    // The tasks' dates as the units' decider sets them from the milestones, and each round's own.
    const dates = new Map<TaskKind, { dueAt: string; cutoffAt?: string }>([
      ...Object.entries(taskDates(d.milestones)).flatMap(([k, v]) => (v ? [[k as TaskKind, v] as const] : [])),
      ...(d.reports ?? []).map((r) => [roundTask(r.id), { dueAt: r.due, cutoffAt: r.cutoffAt }] as const),
    ]);
    const byTask = tallyTasks(await taskCounts(this.ds, campaignId));
    const kinds = [...new Set<TaskKind>([...dates.keys(), ...byTask.keys()])];
    const due = (k: TaskKind): number => Date.parse(dates.get(k)?.dueAt ?? '') || Infinity;
    return kinds
      .sort((a, b) => due(a) - due(b))
      .map((task) => {
        const t = byTask.get(task) ?? { counts: {}, overdue: 0, late: 0 };
        const date = dates.get(task);
        return { task, title: taskLabel(task, d.reports)[0], dueAt: date?.dueAt ?? null, cutoffAt: date?.cutoffAt ?? null, ...t };
      });
  }

  /** A page of the unit table. */
  async units(campaignId: string, f: UnitStatusQuery): Promise<UnitPage> {
    return this.unitPage(await this.row(campaignId), f);
  }

  /** A page of the unit table of a campaign known to exist. */
  private async unitPage(campaign: CampaignRow, f: UnitStatusQuery): Promise<UnitPage> {
    const { rows, total } = await unitStatusPage(this.ds, campaign.id, f);
    const now = new Date().toISOString();
    return {
      items: rows.map((r) => ({
        unitId: r.state.unit.id,
        name: r.state.unit.name,
        kind: r.state.unit.kind,
        phase: r.phase,
        overdue: r.overdue,
        escalationLevel: r.escalationLevel,
        remindersSent: r.remindersSent,
        nextDueAt: currentTasks(r.state)[0]?.dueAt ?? null,
        ...lateness(r.state, now, campaign.definition),
        updatedAt: r.updatedAt.toISOString(),
      })),
      total,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  /** Every unit matching the filters, in the table's order, as an .xlsx workbook (dates dd/MM/yyyy HH:mm, words not codes). */
  async unitsWorkbook(campaignId: string, f: UnitStatusQuery): Promise<Buffer> {
    const campaign = await this.row(campaignId);
    const def = campaign.definition;
    const rows: UnitRow[] = [];
    for (let page = 1; ; page++) {
      const p = await this.unitPage(campaign, { ...f, page, pageSize: 500 });
      rows.push(...p.items);
      if (rows.length >= p.total || p.items.length === 0) break;
    }
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Thi đua';
    const ws = wb.addWorksheet('Đơn vị', { views: [{ state: 'frozen', ySplit: 2 }] });
    // A rehearsal's days are plan days: said beside its title, so nobody reads them as real days.
    const rehearsal = def.dayLength
      ? ` (diễn tập: một ngày của kế hoạch kéo dài ${formatDelay(durationMs(def.dayLength))}; số ngày tính theo ngày của kế hoạch)`
      : '';
    ws.addRow([`${def.title}${rehearsal}`]).font = { bold: true, size: 13 };
    ws.addRow(['Mã đơn vị', 'Đơn vị', 'Loại', 'Giai đoạn', 'Hạn', 'Quá hạn', 'Số ngày quá hạn', 'Báo cáo lãnh đạo', 'Số lần nhắc']).font = {
      bold: true,
    };
    for (const r of rows) {
      ws.addRow([
        r.unitId,
        r.name,
        UNIT_KIND_LABELS[r.kind][0],
        PHASE_LABELS[r.phase][0],
        r.nextDueAt ? formatDateTime(r.nextDueAt, def.timezone) : '',
        r.overdue ? 'Có' : 'Không',
        r.overdue ? (r.daysOverdue === 0 ? 'dưới 1 ngày' : `${r.daysOverdue} ${r.workingDays ? 'ngày làm việc' : 'ngày'}`) : '',
        r.escalationLevel ? `Mức ${r.escalationLevel}` : '',
        r.remindersSent,
      ]);
    }
    ws.columns.forEach((col, i) => (col.width = [24, 36, 18, 22, 18, 10, 20, 16, 12][i]));
    return Buffer.from(await wb.xlsx.writeBuffer());
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
    const { campaign, member, value } = await projectedUnit(this.ds, campaignId, unitId, column);
    if (!campaign) throw notFound(`Không tìm thấy đợt thi đua "${campaignId}"`);
    if (!member) throw notFound(`Đơn vị "${unitId}" không tham gia đợt thi đua "${campaignId}"`);
    if (!value) throw notFound(`Đơn vị "${unitId}" đang được ghi danh vào đợt thi đua; vui lòng thử lại sau ít phút`);
    return { value, status: campaign };
  }

  /** The open tasks of a unit in its open campaigns' states (every report round still expected): overdue first, then by deadline. */
  tasksOf(states: readonly UnitState[]): Task[] {
    const tasks: Task[] = [];
    for (const state of states) {
      for (const t of currentTasks(state)) {
        tasks.push({
          campaignId: state.campaign.campaignId,
          campaignTitle: state.campaign.title,
          unitId: state.unit.id,
          kind: t.kind,
          title: taskLabel(t.kind, state.reports)[0],
          dueAt: t.dueAt,
          cutoffAt: t.cutoffAt ?? null,
          overdue: t.missed,
          ...(t.returnedReason ? { returnedReason: t.returnedReason } : {}),
          timezone: state.campaign.timezone,
          dayLength: state.dayLength ?? null,
        });
      }
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
      return {
        id: stored.id,
        seq: e.seq,
        type: e.type,
        occurredAt: e.at,
        ...(e.actor ? { actor: e.actor } : {}),
        data: e.data,
      } as UnitEventView;
    });
  }
}

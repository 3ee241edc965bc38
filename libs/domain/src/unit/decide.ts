/** decide(state, command) → events: every rule of a unit's lifecycle. Pure; throws UnitRuleError to refuse. */
import {
  attachmentProblems,
  type Attachment,
  appliesToUnit,
  checkCriteria,
  checkTargets,
  inSentence,
  isChased,
  isIsoInstant,
  LIMITS,
  MAX_RECEIPT_DELAY_MS,
  returnReasonProblem,
  sameMilestones,
  sameReports,
  TASK_LABELS,
  taskLabel,
  TERMINAL_PHASES,
  unitClosedMessage,
  valueProblems,
  type DayOverride,
  type NewUnitEvent,
  type ReportMetrics,
  type TaskState,
  type UnitCommandPayloads,
  type UnitState,
} from '@thidua/contracts';
import { tick } from './chase';
import { UnitRuleError, type UnitCommand } from './commands';
import { optionalText, text } from '../rule-error';
import { evolve, reportTaskOf } from './evolve';
import { isLate } from '../deadlines';
import type { LedgerModel } from '../ledger';

function assertOpen(state: UnitState): void {
  if (TERMINAL_PHASES.includes(state.phase)) {
    throw new UnitRuleError('closed', unitClosedMessage(state.phase));
  }
}

function assertBeforeCutoff(task: TaskState, at: string, what: string): void {
  if (task.cutoffAt && Date.parse(at) >= Date.parse(task.cutoffAt)) {
    throw new UnitRuleError('cutoff-passed', `Đã quá hạn chót nhận ${what}`);
  }
}

/**
 * The instant a submission is judged at: when the API received it, if that is a real instant no later than
 * the workflow's time and at most MAX_RECEIPT_DELAY_MS before it; otherwise the workflow's time.
 */
export function judgedAt(cmd: { at: string; receivedAt?: string }): string {
  const { at, receivedAt } = cmd;
  if (receivedAt === undefined || !isIsoInstant(receivedAt)) return at;
  const delay = Date.parse(at) - Date.parse(receivedAt);
  return delay >= 0 && delay <= MAX_RECEIPT_DELAY_MS ? receivedAt : at;
}

function checkMetrics(metrics: ReportMetrics | undefined): void {
  for (const [key, value] of Object.entries(metrics ?? {})) {
    const max = key === 'feedbackResponseHours' ? LIMITS.responseHours : LIMITS.percent;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
      throw new UnitRuleError('invalid', `metrics.${key} phải là số từ 0 đến ${max}`);
    }
  }
}

type Report = UnitCommandPayloads['SubmitReport'];

/**
 * The values a report states, checked against the campaign's criteria: every problem at once, each naming
 * its field. A final report states every criterion that applies to the unit; earlier reports may state some.
 */
function checkValues(state: UnitState, report: Report): Record<string, number> | undefined {
  const criteria = state.criteria;
  if (!criteria) {
    if (report.values !== undefined)
      throw new UnitRuleError('invalid', 'values: đợt thi đua này không có chỉ tiêu riêng; số liệu gửi trong metrics');
    return undefined;
  }
  if (report.metrics !== undefined)
    throw new UnitRuleError('invalid', 'metrics: đợt thi đua này có chỉ tiêu riêng; số liệu gửi trong values, theo mã chỉ tiêu');
  const values = report.values ?? {};
  if (typeof values !== 'object' || values === null || Array.isArray(values))
    throw new UnitRuleError('invalid', 'values phải là một đối tượng {mã chỉ tiêu: số liệu}');
  const applies = criteria.filter((c) => appliesToUnit(c, state.unit));
  const problems: string[] = [];
  for (const [id, value] of Object.entries(values)) {
    const criterion = applies.find((c) => c.id === id);
    if (!criterion) {
      problems.push(
        criteria.some((c) => c.id === id)
          ? `values.${id}: chỉ tiêu này không áp dụng cho đơn vị`
          : `values.${id}: không có chỉ tiêu này trong đợt thi đua`,
      );
      continue;
    }
    problems.push(...valueProblems(criterion, value).map((p) => `values.${id} (${criterion.title}) ${p}`));
  }
  if (report.stage === 'final') {
    for (const c of applies)
      if (!(c.id in values)) problems.push(`values.${c.id} (${c.title}): báo cáo cuối đợt cần số liệu của chỉ tiêu này`);
  }
  if (problems.length) throw new UnitRuleError('invalid', problems.join('; '), problems);
  return { ...values };
}

/** The task a report is for, or a refusal naming what is wrong. */
function reportTask(state: UnitState, report: Report): { kind: ReturnType<typeof reportTaskOf>; task: TaskState } {
  if (report.stage === 'round') {
    const round = state.reports?.find((r) => r.id === report.round);
    if (!round) throw new UnitRuleError('wrong-phase', `Đợt thi đua này không có kỳ báo cáo "${String(report.round ?? '')}"`);
  }
  const kind = reportTaskOf(report);
  const task = state.tasks[kind];
  if (!task) throw new UnitRuleError('wrong-phase', 'Đợt thi đua này không yêu cầu báo cáo sơ kết');
  return { kind, task };
}

/** True when two lists of overrides hold the same days (in any order). */
function sameOverrides(a: readonly DayOverride[], b: readonly DayOverride[]): boolean {
  const key = (o: DayOverride): string => `${o.date}|${o.kind}|${o.name}`;
  const set = new Set(a.map(key));
  return a.length === b.length && b.every((o) => set.has(key(o)));
}

/** The attachments a submission carries, checked; `{}` when none (the event then names none). */
function attached(list: readonly Attachment[] | undefined): { attachments?: Attachment[] } {
  const problems = attachmentProblems(list);
  if (problems.length) throw new UnitRuleError('invalid', problems.join('; '));
  return list?.length ? { attachments: [...list] } : {};
}

/** Decides the events of a command, or throws UnitRuleError (nothing changes). */
export function decide(state: UnitState | undefined, cmd: UnitCommand): NewUnitEvent[] {
  if (cmd.type === 'Enrol') return state ? [] : [{ type: 'UnitEnrolled', at: cmd.at, data: cmd.data }];
  if (!state) throw new UnitRuleError('wrong-phase', 'Đơn vị chưa được ghi danh vào đợt thi đua');
  const base = { at: cmd.at, actor: cmd.actor };
  switch (cmd.type) {
    case 'Tick':
      return tick(state, cmd.at, { missedBeforeClose: cmd.missedBeforeClose === true });
    case 'SubmitRegistration': {
      assertOpen(state);
      const task = state.tasks.registration!;
      if (task.status === 'submitted') throw new UnitRuleError('wrong-phase', 'Đăng ký đã được gửi và đang chờ Phòng Nội vụ xem xét');
      if (task.status === 'approved') throw new UnitRuleError('wrong-phase', 'Đăng ký đã được duyệt');
      const when = judgedAt(cmd);
      assertBeforeCutoff(task, when, inSentence(TASK_LABELS.registration));
      const commitments = text(cmd.data.commitments, 'commitments (nội dung đăng ký)', LIMITS.commitments);
      const list = Array.isArray(cmd.data.initiatives) ? cmd.data.initiatives : [];
      if (list.length < 1) throw new UnitRuleError('invalid', 'Cần đăng ký ít nhất một sáng kiến, giải pháp');
      if (list.length > LIMITS.initiatives) throw new UnitRuleError('invalid', `Tối đa ${LIMITS.initiatives} sáng kiến, giải pháp`);
      const initiatives = list.map((i, n) => ({
        title: text(i?.title, `initiatives[${n}].title`, LIMITS.initiativeTitle),
        description: text(i?.description, `initiatives[${n}].description`, LIMITS.initiativeDescription),
      }));
      const files = attached(cmd.data.attachments);
      const late = isLate(when, task.dueAt);
      return [
        {
          type: 'RegistrationSubmitted',
          ...base,
          data: { commitments, initiatives, late, attempt: state.registrationAttempts + 1, ...files },
        },
      ];
    }
    case 'DecideRegistration': {
      assertOpen(state);
      if (state.tasks.registration?.status !== 'submitted') throw new UnitRuleError('wrong-phase', 'Không có đăng ký nào đang chờ duyệt');
      if (cmd.data.decision === 'approve') return [{ type: 'RegistrationApproved', ...base, data: {} }];
      const missing = returnReasonProblem(cmd.data.decision, cmd.data.reason);
      if (missing) throw new UnitRuleError('invalid', missing);
      const reason = text(cmd.data.reason, 'reason (lý do trả lại)', LIMITS.reason);
      return [{ type: 'RegistrationReturned', ...base, data: { reason } }];
    }
    case 'SubmitReport': {
      assertOpen(state);
      const { kind, task } = reportTask(state, cmd.data);
      const what = inSentence(taskLabel(kind, state.reports));
      if (task.status === 'pending')
        throw new UnitRuleError('wrong-phase', 'Chưa đến thời điểm báo cáo cuối đợt (đợt thi đua chưa kết thúc)');
      if (task.status === 'submitted') throw new UnitRuleError('wrong-phase', `Đã gửi ${what}`);
      const when = judgedAt(cmd);
      assertBeforeCutoff(task, when, what);
      const summary = text(cmd.data.summary, 'summary (nội dung báo cáo)', LIMITS.summary);
      checkMetrics(cmd.data.metrics);
      const values = checkValues(state, cmd.data);
      const files = attached(cmd.data.attachments);
      const late = isLate(when, task.dueAt);
      const { stage, round, metrics, consolidated } = cmd.data;
      if (state.criteria) {
        const criteriaCheck = checkCriteria(state.criteria, state.unit, values);
        return [
          {
            type: 'ReportSubmitted',
            ...base,
            data: {
              stage,
              ...(stage === 'round' ? { round } : {}),
              summary,
              values,
              criteriaCheck,
              late,
              ...(consolidated ? { consolidated } : {}),
              ...files,
            },
          },
        ];
      }
      const targetCheck = stage === 'final' ? checkTargets(metrics) : undefined;
      return [
        {
          type: 'ReportSubmitted',
          ...base,
          data: { stage, ...(stage === 'round' ? { round } : {}), summary, metrics, targetCheck, late, ...files },
        },
      ];
    }
    case 'RecordReview': {
      assertOpen(state);
      if (state.reviews[cmd.data.stage])
        throw new UnitRuleError('wrong-phase', `Kết quả ${cmd.data.stage === 'final' ? 'tổng kết' : 'sơ kết'} đã được ghi nhận`);
      if (cmd.data.stage === 'interim' && state.stage === 'registration')
        throw new UnitRuleError('wrong-phase', 'Chưa đến thời điểm sơ kết');
      if (cmd.data.stage === 'final' && state.tasks['final-report']?.status !== 'submitted') {
        throw new UnitRuleError('wrong-phase', 'Đơn vị chưa gửi báo cáo kết quả cuối đợt');
      }
      const commendation = optionalText(cmd.data.commendation, 'commendation (hình thức khen thưởng)', LIMITS.commendation);
      const note = optionalText(cmd.data.note, 'note (ghi chú)', LIMITS.note);
      const data = { stage: cmd.data.stage, rating: cmd.data.rating, ...(commendation ? { commendation } : {}), ...(note ? { note } : {}) };
      const event: NewUnitEvent = { type: 'ReviewRecorded', ...base, data };
      return cmd.data.stage === 'final' ? [event, { type: 'UnitCompleted', at: cmd.at, data: {} }] : [event];
    }
    case 'MoveMilestones':
      // Repeated fan-outs (a retried batch, a move that overlapped a launch batch) change nothing.
      if (TERMINAL_PHASES.includes(state.phase)) return [];
      const reports =
        cmd.data.reports && state.reports && !sameReports(state.reports, cmd.data.reports) ? [...cmd.data.reports] : undefined;
      if (sameMilestones(state.milestones, cmd.data.milestones) && !reports) return [];
      return [
        {
          type: 'MilestoneMoved',
          ...base,
          data: { milestones: cmd.data.milestones, previous: state.milestones, ...(reports ? { reports } : {}) },
        },
      ];
    case 'Withdraw':
      assertOpen(state);
      return [{ type: 'UnitWithdrawn', ...base, data: { reason: optionalText(cmd.data.reason, 'reason (lý do rút)', LIMITS.reason) } }];
    case 'ChangeCalendar': {
      // Only a unit counting with a calendar cares; the same overrides again (a repeated fan-out) change nothing.
      const calendar = state.calendar;
      if (!calendar || TERMINAL_PHASES.includes(state.phase) || sameOverrides(calendar.overrides, cmd.data.overrides)) return [];
      return [{ type: 'CalendarChanged', ...base, data: { overrides: [...cmd.data.overrides] } }];
    }
    case 'Cancel':
      return TERMINAL_PHASES.includes(state.phase) ? [] : [{ type: 'UnitClosed', ...base, data: { reason: 'cancelled' } }];
    case 'LinkSubCampaign':
      // Launched again (a repeated launch re-sends the link): nothing new.
      return state.subCampaign === cmd.data.campaignId
        ? []
        : [{ type: 'SubCampaignLinked', ...base, data: { campaignId: cmd.data.campaignId } }];
    case 'RemindNow':
      // One reminder per task the unit is late with, keyed by the instant: a second click is a second reminder.
      if (TERMINAL_PHASES.includes(state.phase)) return [];
      return Object.values(state.tasks)
        .filter((t): t is TaskState => t !== undefined && isChased(t) && t.missed)
        .map((t): NewUnitEvent => ({
          type: 'ReminderSent',
          ...base,
          data: { task: t.kind, key: `manual:${cmd.at}`, kind: 'overdue', dueAt: t.dueAt, ...(t.cutoffAt ? { cutoffAt: t.cutoffAt } : {}) },
        }));
    default: {
      const never: never = cmd;
      throw new Error(`Unknown command ${JSON.stringify(never)}`);
    }
  }
}

/** A unit's stream as every writer decides it (the unit workflow, and the API for a caller's command): versioned by its last event's number. */
export const UNIT_MODEL: LedgerModel<UnitState, UnitCommand, NewUnitEvent> = { decide, evolve, version: (s) => s?.seq ?? 0 };

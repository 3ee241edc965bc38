/** evolve(state, event) → state: the only place a unit's state changes. Pure; also used by the projections. */
import {
  roundTask,
  type Milestones,
  type TaskKind,
  type TaskState,
  type UnitEvent,
  type UnitEventData,
  type UnitState,
} from '@thidua/contracts';

type Tasks = Partial<Record<TaskKind, TaskState>>;

function newTask(kind: TaskKind, status: TaskState['status'], dueAt: string, cutoffAt: string | undefined, openedAt?: string): TaskState {
  return { kind, status, dueAt, cutoffAt, openedAt, missed: false, escalationLevel: 0, remindersSent: [] };
}

function patchTask(state: UnitState, kind: TaskKind, patch: Partial<TaskState>): Tasks {
  const task = state.tasks[kind];
  if (!task) return state.tasks;
  return { ...state.tasks, [kind]: { ...task, ...patch } };
}

/** The due date and cut-off of each task the milestones set (report rounds carry their own). */
export function taskDates(
  m: Milestones,
): Record<'registration' | 'interim-report' | 'final-report', { dueAt: string; cutoffAt?: string } | undefined> {
  return {
    registration: { dueAt: m.registrationDue, cutoffAt: m.registrationCutoffAt },
    'interim-report': m.interimReportDue ? { dueAt: m.interimReportDue, cutoffAt: m.interimReportCutoffAt } : undefined,
    'final-report': { dueAt: m.finalReportDue, cutoffAt: m.finalReportCutoffAt },
  };
}

function enrolled(e: UnitEventData['UnitEnrolled'], at: string): UnitState {
  const dates = taskDates(e.milestones);
  const tasks: Tasks = { registration: newTask('registration', 'open', dates.registration!.dueAt, dates.registration!.cutoffAt, at) };
  const interim = dates['interim-report'];
  if (interim) tasks['interim-report'] = newTask('interim-report', 'open', interim.dueAt, interim.cutoffAt, at);
  // Each report round is a task of its own, open from enrolment and chased towards its due date.
  for (const round of e.reports ?? []) tasks[roundTask(round.id)] = newTask(roundTask(round.id), 'open', round.due, round.cutoffAt, at);
  tasks['final-report'] = newTask('final-report', 'pending', dates['final-report']!.dueAt, dates['final-report']!.cutoffAt);
  return {
    campaign: e.campaign,
    unit: e.unit,
    milestones: e.milestones,
    chase: e.chase,
    ...(e.criteria ? { criteria: e.criteria } : {}),
    ...(e.reports ? { reports: e.reports } : {}),
    ...(e.meetings ? { meetings: e.meetings } : {}),
    ...(e.calendar ? { calendar: e.calendar } : {}),
    ...(e.dayLength ? { dayLength: e.dayLength } : {}),
    phase: 'awaiting-registration',
    stage: 'registration',
    tasks,
    submissions: {},
    reviews: {},
    registrationAttempts: 0,
    remindersSent: 0,
    seq: 0,
    enrolledAt: at,
    updatedAt: at,
  };
}

function moved(state: UnitState, e: UnitEventData['MilestoneMoved'], at: string): Tasks {
  const dates: Partial<Record<TaskKind, { dueAt: string; cutoffAt?: string }>> = { ...taskDates(e.milestones) };
  for (const r of e.reports ?? []) dates[roundTask(r.id)] = { dueAt: r.due, cutoffAt: r.cutoffAt };
  const tasks: Tasks = { ...state.tasks };
  for (const kind of Object.keys(tasks) as TaskKind[]) {
    const task = tasks[kind];
    const d = dates[kind];
    if (!task || !d) continue;
    // A deadline moved into the future is no longer missed: the unit is back on time and escalation restarts.
    const stillMissed = task.missed && Date.parse(d.dueAt) <= Date.parse(at);
    const changed =
      Date.parse(d.dueAt) !== Date.parse(task.dueAt) ||
      (d.cutoffAt === undefined
        ? task.cutoffAt !== undefined
        : task.cutoffAt === undefined || Date.parse(d.cutoffAt) !== Date.parse(task.cutoffAt));
    const moves = changed ? { moves: (task.moves ?? 0) + 1 } : {};
    tasks[kind] = {
      ...task,
      dueAt: d.dueAt,
      cutoffAt: d.cutoffAt,
      missed: stillMissed,
      escalationLevel: stillMissed ? task.escalationLevel : 0,
      ...moves,
    };
  }
  return tasks;
}

/** The task a report is for. */
export function reportTaskOf(report: { stage: UnitEventData['ReportSubmitted']['stage']; round?: string }): TaskKind {
  if (report.stage === 'final') return 'final-report';
  return report.stage === 'round' && report.round !== undefined ? roundTask(report.round) : 'interim-report';
}

/** Applies one event. Unknown event types are a compile error (exhaustive switch). */
export function evolve(state: UnitState | undefined, event: UnitEvent): UnitState {
  if (event.type === 'UnitEnrolled') return { ...enrolled(event.data, event.at), seq: event.seq };
  if (!state) throw new Error(`Event ${event.type} before UnitEnrolled`);
  const next = apply(state, event);
  return { ...next, seq: event.seq, updatedAt: event.at };
}

function apply(state: UnitState, event: Exclude<UnitEvent, { type: 'UnitEnrolled' }>): UnitState {
  const at = event.at;
  switch (event.type) {
    case 'ReminderSent': {
      const task = state.tasks[event.data.task];
      return {
        ...state,
        remindersSent: state.remindersSent + 1,
        tasks: patchTask(state, event.data.task, { remindersSent: [...(task?.remindersSent ?? []), event.data.key], remindedThrough: at }),
      };
    }
    case 'DeadlineMissed':
      return { ...state, tasks: patchTask(state, event.data.task, { missed: true }) };
    case 'UnitEscalated':
      return {
        ...state,
        tasks: patchTask(state, event.data.task, {
          escalationLevel: event.data.level,
          ...(event.data.level === 1 ? { escalatedAt: at } : {}),
        }),
      };
    case 'RegistrationSubmitted':
      return {
        ...state,
        phase: state.stage === 'registration' ? 'registration-submitted' : state.phase,
        registrationAttempts: event.data.attempt,
        tasks: patchTask(state, 'registration', {
          status: 'submitted',
          submittedAt: at,
          late: event.data.late,
          missed: false,
          escalationLevel: 0,
          returnedReason: undefined,
        }),
        submissions: {
          ...state.submissions,
          registration: {
            at,
            late: event.data.late,
            commitments: event.data.commitments,
            initiatives: event.data.initiatives,
            ...(event.data.attachments ? { attachments: event.data.attachments } : {}),
          },
        },
      };
    case 'RegistrationApproved':
      return {
        ...state,
        phase: state.stage === 'registration' ? 'registration-approved' : state.phase,
        tasks: patchTask(state, 'registration', { status: 'approved' }),
      };
    case 'RegistrationReturned':
      return {
        ...state,
        phase: state.stage === 'registration' ? 'registration-returned' : state.phase,
        // Chasing starts afresh: if the deadline has passed, the next tick records it missed and escalates again.
        tasks: patchTask(state, 'registration', {
          status: 'returned',
          returnedReason: event.data.reason,
          missed: false,
          escalationLevel: 0,
        }),
      };
    case 'InterimReviewStarted':
      return { ...state, stage: 'interim-review', phase: 'interim-review' };
    case 'CampaignEnded':
      return {
        ...state,
        stage: 'final',
        phase: 'awaiting-final-report',
        tasks: patchTask(state, 'final-report', { status: 'open', openedAt: at }),
      };
    case 'ReportSubmitted': {
      const d = event.data;
      const kind = reportTaskOf(d);
      const checks = d.criteriaCheck ? { values: d.values ?? {}, criteriaCheck: d.criteriaCheck } : {};
      return {
        ...state,
        phase: kind === 'final-report' ? 'final-report-submitted' : state.phase,
        tasks: patchTask(state, kind, { status: 'submitted', submittedAt: at, late: d.late, missed: false, escalationLevel: 0 }),
        submissions: {
          ...state.submissions,
          [kind]: {
            at,
            late: d.late,
            summary: d.summary,
            metrics: d.metrics,
            targetCheck: d.targetCheck,
            ...checks,
            ...(d.consolidated ? { consolidated: d.consolidated } : {}),
            ...(d.attachments ? { attachments: d.attachments } : {}),
          },
        },
      };
    }
    case 'ReviewRecorded': {
      const review = { at, rating: event.data.rating, commendation: event.data.commendation, note: event.data.note };
      const interim = event.data.stage === 'interim';
      return {
        ...state,
        reviews: { ...state.reviews, [event.data.stage]: review },
        stage: interim && state.stage !== 'final' ? 'in-progress' : state.stage,
        phase: interim && state.stage !== 'final' ? 'in-progress' : state.phase,
      };
    }
    case 'MilestoneMoved':
      return {
        ...state,
        milestones: event.data.milestones,
        ...(event.data.reports ? { reports: event.data.reports } : {}),
        tasks: moved(state, event.data, at),
      };
    case 'CalendarChanged':
      // Timers are re-planned from the new calendar on the workflow's next turn; reminder keys keep any from repeating.
      return state.calendar ? { ...state, calendar: { ...state.calendar, overrides: event.data.overrides } } : state;
    case 'UnitWithdrawn':
      return { ...state, phase: 'withdrawn' };
    case 'UnitClosed':
      return {
        ...state,
        phase: event.data.reason === 'cancelled' ? 'cancelled' : 'non-compliant',
        tasks: event.data.task ? patchTask(state, event.data.task, { status: 'missed' }) : state.tasks,
      };
    case 'UnitCompleted':
      return { ...state, phase: 'completed' };
    case 'SubCampaignLinked':
      return { ...state, subCampaign: event.data.campaignId };
    default: {
      const never: never = event;
      throw new Error(`Unknown event ${JSON.stringify(never)}`);
    }
  }
}

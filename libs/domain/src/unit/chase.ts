/**
 * Time-driven rules: what is due at an instant (tick) and when the next thing is due (nextAlarm). Pure.
 * A unit whose campaign counts in working days or keeps office hours reads its durations through its
 * calendar (libs/calendar: rules and the announced changes it enrolled with, pure and deterministic); one
 * without (every campaign before the calendar) counts clock time, exactly as its history recorded.
 */
import {
  DEFAULT_OFFICE_HOURS,
  durationMs,
  durationParts,
  isChased,
  TERMINAL_PHASES,
  type NewUnitEvent,
  type TaskState,
  type UnitCalendar,
  type UnitState,
} from '@thidua/contracts';
import { calendarFor } from '@thidua/calendar';

const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

/** How a unit (or a campaign's commendation stage) counts time. */
export interface Clock {
  /** `ms` moved by `times` × `duration` (negative: back); days are working days when the campaign counts them. */
  shift(ms: number, duration: string, times: number): number;
  /** The first instant at or after `ms` at which a reminder or an escalation may go out. */
  office(ms: number): number;
  /** The last such instant at or before `ms` (a reminder that office hours would push past its deadline goes earlier). */
  officeBefore(ms: number): number;
  /** Whether the campaign keeps office hours (level 1 then waits for them after a missed deadline). */
  readonly officeHours: boolean;
}

const CLOCK_TIME: Clock = {
  shift: (ms, d, times) => ms + times * durationMs(d),
  office: (ms) => ms,
  officeBefore: (ms) => ms,
  officeHours: false,
};

/** The clock of a campaign's calendar policy (none: clock time). */
export function clockOf(c: UnitCalendar | undefined): Clock {
  if (!c) return CLOCK_TIME;
  const calendar = calendarFor(c.overrides);
  const hours = c.officeHours === false ? undefined : (c.officeHours ?? DEFAULT_OFFICE_HOURS);
  return {
    shift: (ms, d, times) => {
      if (!c.workingDays) return ms + times * durationMs(d);
      const { days, restMs } = durationParts(d);
      return calendar.shiftWorkingDays(ms, days * times) + restMs * times;
    },
    office: (ms) => (hours ? calendar.officeTime(ms, hours.start, hours.end) : ms),
    officeBefore: (ms) => (hours ? calendar.officeTimeBefore(ms, hours.start, hours.end) : ms),
    officeHours: hours !== undefined,
  };
}

/** Reminder instants before the deadline, earliest first, with their stable keys. */
function beforeReminders(state: UnitState, task: TaskState, clock: Clock): Array<{ key: string; at: number }> {
  const due = t(task.dueAt);
  const at = (offset: string): number => {
    const raw = clock.shift(due, offset, -1);
    const next = clock.office(raw);
    return next < due ? next : clock.officeBefore(raw);
  };
  return state.chase.reminderOffsets
    .map((offset) => ({ key: `${task.kind}:before:${offset}`, at: at(offset) }))
    .filter((r) => r.at < t(task.dueAt) && (!task.openedAt || r.at >= t(task.openedAt)))
    .sort((a, b) => a.at - b.at);
}

function overdueAt(state: UnitState, task: TaskState, k: number, clock: Clock): number {
  return clock.office(clock.shift(t(task.dueAt), state.chase.overdueReminderInterval, k));
}

/** The largest n ≥ 1 whose overdue reminder is due by `until` (1 when none is): the reminders are in time order. */
function overdueCount(state: UnitState, task: TaskState, until: number, clock: Clock): number {
  const interval = durationMs(state.chase.overdueReminderInterval);
  // Clock time: the count itself. A calendar only delays reminders, so it bounds the search.
  const bound = Math.max(1, Math.floor((until - t(task.dueAt)) / interval));
  if (clock === CLOCK_TIME) return bound;
  let lo = 1;
  let hi = bound;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (overdueAt(state, task, mid, clock) <= until) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** When level 2 follows a level 1 escalation. */
function levelTwoAt(state: UnitState, task: TaskState, clock: Clock): number {
  return clock.office(clock.shift(t(task.escalatedAt!), state.chase.escalationDelay, 1));
}

function cutoffPassed(task: TaskState, at: number): boolean {
  return task.cutoffAt !== undefined && at >= t(task.cutoffAt);
}

/** The instants the unit is reminded before a task's deadline (for calendar feeds: the same rule as the engine's). */
export function reminderInstants(state: UnitState, task: TaskState): number[] {
  return beforeReminders(state, task, clockOf(state.calendar)).map((r) => r.at);
}

/** The next reminder (before or overdue) that has not been handled, or undefined. */
function nextReminder(
  state: UnitState,
  task: TaskState,
  at: number,
  clock: Clock,
): { key: string; at: number; kind: 'before' | 'overdue' } | undefined {
  const through = task.remindedThrough ? t(task.remindedThrough) : -Infinity;
  // Reminders "before the deadline" make no sense once it has passed (e.g. a registration returned late).
  const beforeDue = at < t(task.dueAt);
  const pending = beforeDue ? beforeReminders(state, task, clock).filter((r) => r.at > through && !task.remindersSent.includes(r.key)) : [];
  // Only the latest elapsed reminder is sent when several have elapsed: a late tick does not send a burst.
  const elapsed = pending.filter((r) => r.at <= at);
  if (elapsed.length) return { ...elapsed[elapsed.length - 1], kind: 'before' };
  if (pending.length) return { ...pending[0], kind: 'before' };
  if (!task.missed && at < t(task.dueAt)) return undefined;
  const k = overdueCount(state, task, Math.max(at, through), clock);
  for (const n of [k, k + 1]) {
    const when = overdueAt(state, task, n, clock);
    const key = `${task.kind}:overdue:${task.dueAt}:${n}`;
    if (when > through && !task.remindersSent.includes(key) && !(task.cutoffAt && when >= t(task.cutoffAt))) {
      return { key, at: when, kind: 'overdue' };
    }
  }
  return undefined;
}

function chasedTasks(state: UnitState): TaskState[] {
  return Object.values(state.tasks).filter((task): task is TaskState => task !== undefined && isChased(task));
}

/**
 * Everything that falls due at `at`, in the order it happens. `missedBeforeClose`: a wake after a task's cutoff
 * (the worker down through the whole window) records the missed deadline before closing the unit, as a wake in
 * time would have; off for units started before that rule (see the unit workflow's patch).
 */
export function tick(state: UnitState, atIso: string, options: { readonly missedBeforeClose?: boolean } = {}): NewUnitEvent[] {
  if (TERMINAL_PHASES.includes(state.phase)) return [];
  const clock = clockOf(state.calendar);
  const at = t(atIso);
  const events: NewUnitEvent[] = [];
  const m = state.milestones;
  if (state.stage === 'registration' && at >= t(m.interimReviewAt)) events.push({ type: 'InterimReviewStarted', at: atIso, data: {} });
  if (state.stage !== 'final' && at >= t(m.campaignEndsAt)) events.push({ type: 'CampaignEnded', at: atIso, data: {} });

  const tasks = chasedTasks(state);
  if (state.stage !== 'final' && at >= t(m.campaignEndsAt)) {
    const final = state.tasks['final-report'];
    if (final && final.status === 'pending') tasks.push({ ...final, status: 'open', openedAt: atIso });
  }
  for (const task of tasks) {
    const due = { task: task.kind, dueAt: task.dueAt };
    if (cutoffPassed(task, at)) {
      if (options.missedBeforeClose && !task.missed && at >= t(task.dueAt)) events.push({ type: 'DeadlineMissed', at: atIso, data: due });
      events.push({ type: 'UnitClosed', at: atIso, data: { reason: 'non-compliant', task: task.kind } });
      return events;
    }
    const reminder = nextReminder(state, task, at, clock);
    if (reminder && reminder.at <= at) {
      events.push({ type: 'ReminderSent', at: atIso, data: { ...due, key: reminder.key, kind: reminder.kind, cutoffAt: task.cutoffAt } });
    }
    // The deadline passes when it passes; telling the unit's head and the coordinator waits for office hours.
    const levelOneAt = clock.office(t(task.dueAt));
    if (!task.missed && at >= t(task.dueAt)) {
      events.push({ type: 'DeadlineMissed', at: atIso, data: due });
      if (at >= levelOneAt) events.push({ type: 'UnitEscalated', at: atIso, data: { ...due, level: 1 } });
    } else if (clock.officeHours && task.missed && task.escalationLevel === 0 && at >= levelOneAt) {
      events.push({ type: 'UnitEscalated', at: atIso, data: { ...due, level: 1 } });
    } else if (task.missed && task.escalationLevel === 1 && task.escalatedAt && at >= levelTwoAt(state, task, clock)) {
      events.push({ type: 'UnitEscalated', at: atIso, data: { ...due, level: 2 } });
    }
  }
  return events;
}

/** The earliest instant after the last handled one at which tick() will have something to do. */
export function nextAlarm(state: UnitState, nowIso: string): string | undefined {
  if (TERMINAL_PHASES.includes(state.phase)) return undefined;
  const now = t(nowIso);
  const clock = clockOf(state.calendar);
  const m = state.milestones;
  const candidates: number[] = [];
  if (state.stage === 'registration') candidates.push(t(m.interimReviewAt));
  if (state.stage !== 'final') candidates.push(t(m.campaignEndsAt));
  for (const task of chasedTasks(state)) {
    if (task.cutoffAt) candidates.push(t(task.cutoffAt));
    if (!task.missed) candidates.push(t(task.dueAt));
    else if (clock.officeHours && task.escalationLevel === 0) candidates.push(clock.office(t(task.dueAt)));
    else if (task.escalationLevel === 1 && task.escalatedAt) candidates.push(levelTwoAt(state, task, clock));
    const reminder = nextReminder(state, task, now, clock);
    if (reminder) candidates.push(reminder.at);
  }
  const future = candidates.filter((c) => Number.isFinite(c));
  return future.length ? iso(Math.min(...future)) : undefined;
}

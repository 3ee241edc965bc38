/** Time-driven rules: what is due at an instant (tick) and when the next thing is due (nextAlarm). Pure. */
import { durationMs, isChased, TERMINAL_PHASES, type NewUnitEvent, type TaskState, type UnitState } from '../../../libs/contracts/src/campaign';

const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

/** Reminder instants before the deadline, earliest first, with their stable keys. */
function beforeReminders(state: UnitState, task: TaskState): Array<{ key: string; at: number }> {
  return state.chase.reminderOffsets
    .map((offset) => ({ key: `${task.kind}:before:${offset}`, at: t(task.dueAt) - durationMs(offset) }))
    .filter((r) => r.at < t(task.dueAt) && (!task.openedAt || r.at >= t(task.openedAt)))
    .sort((a, b) => a.at - b.at);
}

function overdueAt(state: UnitState, task: TaskState, k: number): number {
  return t(task.dueAt) + k * durationMs(state.chase.overdueReminderInterval);
}

function cutoffPassed(task: TaskState, at: number): boolean {
  return task.cutoffAt !== undefined && at >= t(task.cutoffAt);
}

/** The next reminder (before or overdue) that has not been handled, or undefined. */
function nextReminder(state: UnitState, task: TaskState, at: number): { key: string; at: number; kind: 'before' | 'overdue' } | undefined {
  const through = task.remindedThrough ? t(task.remindedThrough) : -Infinity;
  // Reminders "before the deadline" make no sense once it has passed (e.g. a registration returned late).
  const beforeDue = at < t(task.dueAt);
  const pending = beforeDue ? beforeReminders(state, task).filter((r) => r.at > through && !task.remindersSent.includes(r.key)) : [];
  // Only the latest elapsed reminder is sent when several have elapsed: a late tick does not send a burst.
  const elapsed = pending.filter((r) => r.at <= at);
  if (elapsed.length) return { ...elapsed[elapsed.length - 1], kind: 'before' };
  if (pending.length) return { ...pending[0], kind: 'before' };
  if (!task.missed && at < t(task.dueAt)) return undefined;
  const interval = durationMs(state.chase.overdueReminderInterval);
  const k = Math.max(1, Math.floor((Math.max(at, through) - t(task.dueAt)) / interval));
  for (const n of [k, k + 1]) {
    const when = overdueAt(state, task, n);
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

/** Everything that falls due at `at`, in the order it happens. */
export function tick(state: UnitState, atIso: string): NewUnitEvent[] {
  if (TERMINAL_PHASES.includes(state.phase)) return [];
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
    if (cutoffPassed(task, at)) {
      events.push({ type: 'UnitClosed', at: atIso, data: { reason: 'non-compliant', task: task.kind } });
      return events;
    }
    const due = { task: task.kind, dueAt: task.dueAt };
    const reminder = nextReminder(state, task, at);
    if (reminder && reminder.at <= at) {
      events.push({ type: 'ReminderSent', at: atIso, data: { ...due, key: reminder.key, kind: reminder.kind, cutoffAt: task.cutoffAt } });
    }
    if (!task.missed && at >= t(task.dueAt)) {
      events.push({ type: 'DeadlineMissed', at: atIso, data: due });
      events.push({ type: 'UnitEscalated', at: atIso, data: { ...due, level: 1 } });
    } else if (task.missed && task.escalationLevel === 1 && task.escalatedAt && at >= t(task.escalatedAt) + durationMs(state.chase.escalationDelay)) {
      events.push({ type: 'UnitEscalated', at: atIso, data: { ...due, level: 2 } });
    }
  }
  return events;
}

/** The earliest instant after the last handled one at which tick() will have something to do. */
export function nextAlarm(state: UnitState, nowIso: string): string | undefined {
  if (TERMINAL_PHASES.includes(state.phase)) return undefined;
  const now = t(nowIso);
  const m = state.milestones;
  const candidates: number[] = [];
  if (state.stage === 'registration') candidates.push(t(m.interimReviewAt));
  if (state.stage !== 'final') candidates.push(t(m.campaignEndsAt));
  for (const task of chasedTasks(state)) {
    if (task.cutoffAt) candidates.push(t(task.cutoffAt));
    if (!task.missed) candidates.push(t(task.dueAt));
    else if (task.escalationLevel === 1 && task.escalatedAt) candidates.push(t(task.escalatedAt) + durationMs(state.chase.escalationDelay));
    const reminder = nextReminder(state, task, now);
    if (reminder) candidates.push(reminder.at);
  }
  const future = candidates.filter((c) => Number.isFinite(c));
  return future.length ? iso(Math.min(...future)) : undefined;
}

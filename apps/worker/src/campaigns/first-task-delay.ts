/**
 * When a launched unit's workflow takes its first task. The enrolment is stored and projected before the
 * workflow starts (the workflow starts from that snapshot), so its first task only arms the timer of its
 * next alarm: nothing a user sees waits for it. A large launch therefore starts its workflows with a delay
 * that grows with their position (Temporal's start delay), so those first tasks trickle through the worker
 * after the launch instead of competing with the starts; never later than a minute before the unit's first
 * alarm, and never by more than ten minutes. An update (a unit's submission) runs the task at once.
 */

/** The longest a first task waits. */
export const MAX_FIRST_TASK_DELAY_MS = 10 * 60_000;
/** A first task runs at least this long before the unit's first alarm. */
const ALARM_MARGIN_MS = 60_000;
/** Delays shorter than this are not worth a timer: small campaigns start as before. */
const MIN_DELAY_MS = 1000;

/**
 * The start delay in milliseconds for the unit at `position` (1-based) whose first alarm is at `alarmAt`
 * (epoch ms; undefined: none), launched at `now`, trickling `perSecond` first tasks a second (well under what
 * one worker sustains beside other work; LAUNCH_FIRST_TASKS_PER_SECOND, 100 by default); undefined for no delay.
 */
export function firstTaskDelay(position: number, alarmAt: number | undefined, now: number, perSecond: number): number | undefined {
  const spread = Math.min((position / perSecond) * 1000, MAX_FIRST_TASK_DELAY_MS);
  const delay = alarmAt === undefined ? spread : Math.min(spread, alarmAt - now - ALARM_MARGIN_MS);
  return delay >= MIN_DELAY_MS ? Math.floor(delay) : undefined;
}

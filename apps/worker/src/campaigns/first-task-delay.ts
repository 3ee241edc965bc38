/**
 * When a launched unit's workflow takes its first task. The enrolment is stored and projected before the
 * workflow starts (the workflow starts from that snapshot), so its first task only arms the timer of its
 * next alarm: nothing a user sees waits for it, and an update (a unit's submission) runs it at once. A large
 * launch therefore starts its workflows with a delay (Temporal's start delay) so that their first tasks run
 * after the launch's last start instead of competing with the starts, then trickle through the worker; never
 * later than a minute before the unit's first alarm, and never by more than ten minutes.
 */

/** The longest a first task waits. */
export const MAX_FIRST_TASK_DELAY_MS = 10 * 60_000;
/** A first task runs at least this long before the unit's first alarm. */
const ALARM_MARGIN_MS = 60_000;
/** Delays shorter than this are not worth a timer. */
const MIN_DELAY_MS = 1000;
/**
 * The launch's start rate assumed when placing first tasks after its end: below what one worker and one
 * Temporal server reach on two cores (226–309 units/s measured), so that few first tasks run inside the launch.
 */
export const EXPECTED_STARTS_PER_SECOND = 150;

/** Where a unit stands in its launch. */
export interface LaunchSlot {
  /** The unit's position in the campaign (1-based). */
  readonly position: number;
  /** The campaign's number of units. */
  readonly total: number;
  /** The unit's first alarm (epoch ms; undefined: none). */
  readonly alarmAt: number | undefined;
  /** When the unit's workflow is started (epoch ms). */
  readonly now: number;
}

/**
 * The start delay in milliseconds of a unit launched in `slot`, trickling `perSecond` first tasks a second
 * once the launch is expected to have started its last unit (LAUNCH_FIRST_TASKS_PER_SECOND, 100 by default);
 * undefined for no delay. A campaign of at most `perSecond` units (a ward's) is not delayed: its first tasks
 * are a second of work.
 */
export function firstTaskDelay({ position, total, alarmAt, now }: LaunchSlot, perSecond: number): number | undefined {
  if (total <= perSecond) return undefined;
  const launchLeft = Math.max(0, total - position) / EXPECTED_STARTS_PER_SECOND;
  const spread = Math.min((launchLeft + position / perSecond) * 1000, MAX_FIRST_TASK_DELAY_MS);
  const delay = alarmAt === undefined ? spread : Math.min(spread, alarmAt - now - ALARM_MARGIN_MS);
  return delay >= MIN_DELAY_MS ? Math.floor(delay) : undefined;
}

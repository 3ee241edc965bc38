/**
 * Time-driven rules of the commendation stage: when each unit's nominating task is reminded and escalated
 * (the campaign's chase policy, in its calendar) and when the public posting ends. Pure.
 */
import type { CommendationState } from '@thidua/contracts';
import { clockOf } from '../unit/chase';
import type { NominationAlarm } from './commands';

/** The earliest reminder or escalation not yet sent, with its instant (ms). */
export function nextNominationAlarm(state: CommendationState): { at: number; alarm: NominationAlarm } | undefined {
  if (state.stage !== 'nominating') return undefined;
  const clock = clockOf(state.calendar);
  let best: { at: number; alarm: NominationAlarm } | undefined;
  const consider = (at: number, alarm: NominationAlarm, sent: readonly string[]): void => {
    if (sent.includes(alarm.key)) return;
    if (!best || at < best.at) best = { at, alarm };
  };
  for (const u of state.units) {
    const task = u.task;
    if (!task || (task.status !== 'open' && task.status !== 'returned')) continue;
    const due = Date.parse(task.dueAt);
    const opened = Date.parse(task.openedAt ?? state.openedAt);
    for (const offset of state.chase.reminderOffsets) {
      const raw = clock.shift(due, offset, -1);
      const at = clock.office(raw) < due ? clock.office(raw) : clock.officeBefore(raw);
      // Reminders whose instant passed before the task opened are not caught up.
      if (at >= opened && at < due) consider(at, { unitId: u.unitId, key: `before:${offset}`, kind: 'before' }, task.sent);
    }
    consider(clock.office(due), { unitId: u.unitId, key: 'level:1', kind: 'level', level: 1 }, task.sent);
    if (task.escalationLevel >= 1)
      consider(
        clock.office(clock.shift(due, state.chase.escalationDelay, 1)),
        { unitId: u.unitId, key: 'level:2', kind: 'level', level: 2 },
        task.sent,
      );
  }
  return best;
}

/** When a posting started at `postedAt` ends: after `days` working days (a campaign counting them), else `days` plan days. */
export function postingEnd(
  state: Pick<CommendationState, 'calendar' | 'dayMs'>,
  postedAt: string,
  days: number,
): { endsAt: string; workingDays: boolean } {
  const ms = Date.parse(postedAt);
  if (state.calendar?.workingDays)
    return { endsAt: new Date(clockOf(state.calendar).shift(ms, `P${days}D`, 1)).toISOString(), workingDays: true };
  return { endsAt: new Date(ms + days * state.dayMs).toISOString(), workingDays: false };
}

/** How late something is, in the campaign's own days: working days when it counts them, else calendar days of the plan. Pure. */
import { planDayMs, type UnitPlan } from '@thidua/contracts';
import { calendarFor } from './calendar';

/**
 * Whole days from `dueIso` to `atIso` (0 when not past): working days in a campaign counting them, else
 * days of the plan (a rehearsal's days last its `dayLength`).
 */
export function daysLate(
  dueIso: string,
  atIso: string,
  plan: Pick<UnitPlan, 'calendar' | 'dayLength'>,
): { days: number; working: boolean } {
  const { calendar } = plan;
  if (Date.parse(atIso) <= Date.parse(dueIso)) return { days: 0, working: calendar?.workingDays === true };
  if (!calendar?.workingDays)
    return { days: Math.floor((Date.parse(atIso) - Date.parse(dueIso)) / planDayMs(plan.dayLength)), working: false };
  const cal = calendarFor(calendar.overrides);
  // A deadline at midnight is missed on the day that starts then: count from the last instant still on time.
  return { days: cal.workingDaysBetween(new Date(Date.parse(dueIso) - 1).toISOString(), atIso), working: true };
}

/**
 * A sub-campaign's dates: every deadline, cut-off, review and meeting of the campaign above, `lead` earlier,
 * so that the units below report before the organisation must report up (its units report 5 working days
 * before its own report is due). Its days are working days when the plan counts them, plan days in a
 * rehearsal (whose days last seconds), clock days otherwise. Pure.
 */
import { durationParts, MILESTONE_ORDER, planDayMs, type Meeting, type Milestones, type ReportRound } from '@thidua/contracts';
import type { WorkingCalendar } from './calendar';

/** How a sub-campaign counts its lead. */
export interface LeadCounting {
  readonly workingDays: boolean;
  readonly calendar: WorkingCalendar;
  /** A rehearsal's plan day (absent: real days). */
  readonly dayLength?: string;
}

/** The instant `lead` before `iso`. */
export function leadBefore(iso: string, lead: string, how: LeadCounting): string {
  const { days, restMs } = durationParts(lead);
  const ms = Date.parse(iso);
  if (how.dayLength !== undefined)
    return new Date(ms - ((days * 86_400_000 + restMs) * planDayMs(how.dayLength)) / 86_400_000).toISOString();
  const shifted = how.workingDays ? how.calendar.shiftWorkingDays(ms, -days) : ms - days * 86_400_000;
  return new Date(shifted - restMs).toISOString();
}

/** The plan of a sub-campaign launched at `launchAt`: the parent's dates, `lead` earlier (its launch excepted). */
export function earlierPlan(
  parent: { readonly milestones: Milestones; readonly reports?: readonly ReportRound[]; readonly meetings?: readonly Meeting[] },
  lead: string,
  how: LeadCounting,
  launchAt: string,
): { milestones: Milestones; reports?: ReportRound[]; meetings?: Meeting[] } {
  const before = (iso: string): string => leadBefore(iso, lead, how);
  const milestones: { -readonly [K in keyof Milestones]?: string } = { launchAt };
  for (const k of MILESTONE_ORDER) {
    const v = parent.milestones[k];
    if (k !== 'launchAt' && v !== undefined) milestones[k] = before(v);
  }
  const reports = parent.reports?.map((r) => ({ ...r, due: before(r.due), ...(r.cutoffAt ? { cutoffAt: before(r.cutoffAt) } : {}) }));
  const meetings = parent.meetings?.map((m) => ({ ...m, at: before(m.at) }));
  return { milestones: milestones as Milestones, ...(reports ? { reports } : {}), ...(meetings ? { meetings } : {}) };
}

/**
 * A campaign's deadlines moved off days that are not worked, when its calendar policy asks for it
 * (`shiftDeadlines`): the due dates and cut-offs of its milestones and report rounds. Launch dates, reviews
 * and meetings are events, not deadlines: they stand. Pure.
 */
import type { CampaignDefinition, Milestones, ReportRound } from '../../contracts/src/campaign';
import type { WorkingCalendar } from './calendar';

const DEADLINES = ['registrationDue', 'registrationCutoffAt', 'interimReportDue', 'interimReportCutoffAt', 'finalReportDue', 'finalReportCutoffAt'] as const;

/** The milestones and rounds with every deadline whose last day is not worked moved to the end of the next working day. */
export function shiftDeadlines(plan: { milestones: Milestones; reports?: readonly ReportRound[] }, calendar: WorkingCalendar): { milestones: Milestones; reports?: ReportRound[] } {
  const shift = (iso: string): string => {
    const ms = Date.parse(iso);
    const moved = calendar.shiftDeadline(ms);
    return moved === ms ? iso : new Date(moved).toISOString();
  };
  const milestones: { -readonly [K in keyof Milestones]: Milestones[K] } = { ...plan.milestones };
  for (const k of DEADLINES) {
    const v = milestones[k];
    if (v !== undefined) milestones[k] = shift(v);
  }
  const reports = plan.reports?.map((r) => ({ ...r, due: shift(r.due), ...(r.cutoffAt ? { cutoffAt: shift(r.cutoffAt) } : {}) }));
  return { milestones, ...(reports ? { reports } : {}) };
}

/** Whether a definition's deadlines are to be moved off days that are not worked (never in a rehearsal). */
export function shiftsDeadlines(def: Pick<CampaignDefinition, 'calendar' | 'dayLength'>): boolean {
  return def.calendar?.shiftDeadlines === true && def.dayLength === undefined;
}

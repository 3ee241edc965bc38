/**
 * A campaign's deadlines moved off days that are not worked, when its calendar policy asks for it
 * (`shiftDeadlines`): the due dates and cut-offs of its milestones and report rounds. Launch dates, reviews
 * and meetings are events, not deadlines: they stand. Pure.
 */
import { durationParts, type CampaignDefinition, type Milestones, type ReportRound } from '@thidua/contracts';
import type { WorkingCalendar } from './calendar';

const DEADLINES = [
  'registrationDue',
  'registrationCutoffAt',
  'interimReportDue',
  'interimReportCutoffAt',
  'finalReportDue',
  'finalReportCutoffAt',
] as const;

/** The milestones and rounds with every deadline whose last day is not worked moved to the end of the next working day. */
export function shiftDeadlines(
  plan: { milestones: Milestones; reports?: readonly ReportRound[] },
  calendar: WorkingCalendar,
): { milestones: Milestones; reports?: ReportRound[] } {
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

const CUTOFFS = [
  ['registrationDue', 'registrationCutoffAt'],
  ['interimReportDue', 'interimReportCutoffAt'],
  ['finalReportDue', 'finalReportCutoffAt'],
] as const;

/**
 * The plan with a cut-off after every deadline that has none, `after` later (its days working days when
 * `workingDays`); explicit cut-offs stand. Not in a rehearsal.
 */
export function withCutoffs(
  plan: { milestones: Milestones; reports?: readonly ReportRound[] },
  after: string,
  workingDays: boolean,
  calendar: WorkingCalendar,
): { milestones: Milestones; reports?: ReportRound[] } {
  const { days, restMs } = durationParts(after);
  const later = (iso: string): string =>
    new Date((workingDays ? calendar.shiftWorkingDays(Date.parse(iso), days) : Date.parse(iso) + days * 86_400_000) + restMs).toISOString();
  const milestones: { -readonly [K in keyof Milestones]: Milestones[K] } = { ...plan.milestones };
  for (const [due, cutoff] of CUTOFFS) {
    const d = milestones[due];
    if (d !== undefined && milestones[cutoff] === undefined) milestones[cutoff] = later(d);
  }
  const reports = plan.reports?.map((r) => (r.cutoffAt ? { ...r } : { ...r, cutoffAt: later(r.due) }));
  return { milestones, ...(reports ? { reports } : {}) };
}

/** The campaign definition: who takes part, the milestones, and how units are chased. Plain JSON. */

import type { ParentLink } from './cascade';
import type { ClusterRef } from './clusters';
import type { Criterion, Meeting, ReportRound } from './criteria';
import type { ScorePolicy } from './scores';

/**
 * Kinds of participating unit: cơ quan chuyên môn, đơn vị sự nghiệp, UBND phường, UBND xã, khu phố/ấp
 * (since 1/7/2025 local government has two levels: province, and commune or ward).
 */
export type UnitKind = 'agency' | 'service-unit' | 'ward' | 'commune' | 'neighbourhood';

/** A participating unit. */
export interface UnitRef {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly headEmail?: string;
  readonly contactEmail?: string;
  /** The emulation cluster it belongs to in this campaign (a campaign launched to clusters). */
  readonly cluster?: string;
}

/** Milestones as ISO-8601 instants; each deadline may have a late cut-off after which work is refused. */
export interface Milestones {
  readonly launchAt: string;
  readonly registrationDue: string;
  readonly registrationCutoffAt?: string;
  readonly interimReviewAt: string;
  readonly interimReportDue?: string;
  readonly interimReportCutoffAt?: string;
  readonly campaignEndsAt: string;
  readonly finalReportDue: string;
  readonly finalReportCutoffAt?: string;
}

/** Names of the milestones, in the order they must come. */
export const MILESTONE_ORDER = [
  'launchAt',
  'registrationDue',
  'registrationCutoffAt',
  'interimReportDue',
  'interimReportCutoffAt',
  'interimReviewAt',
  'campaignEndsAt',
  'finalReportDue',
  'finalReportCutoffAt',
] as const satisfies ReadonlyArray<keyof Milestones>;

/** How units are chased. Durations are ISO-8601 (P7D, PT30S...). */
export interface ChasePolicy {
  /** Reminders before each deadline, e.g. ['P7D', 'P3D', 'P1D']. */
  readonly reminderOffsets: readonly string[];
  /** Interval of overdue reminders after a missed deadline, until the work arrives or the cut-off passes. */
  readonly overdueReminderInterval: string;
  /** Delay after level 1 (unit head + coordinator) before level 2 (issuer). */
  readonly escalationDelay: string;
}

/**
 * How a campaign counts time (not in a rehearsal, whose days last seconds): day counts of the chase policy in
 * working days, office hours for reminders and escalations, and whether a deadline whose last day is not
 * worked moves to the end of the next working day.
 */
export interface CalendarPolicy {
  /** The day counts of the chase policy (P3D, P1D) are working days (weekends, holidays and days off skipped). */
  readonly workingDays?: boolean;
  /**
   * Reminders and escalations due outside these hours (local "HH:MM", on working days) are sent at the next
   * opening; deadlines themselves never move for them. Absent: 07:30–17:00; false: any time.
   */
  readonly officeHours?: { readonly start: string; readonly end: string } | false;
  /** A deadline whose last day is not worked moves to the end of the next working day (off by default: the plan's date stands). */
  readonly shiftDeadlines?: boolean;
  /**
   * Late work is accepted this long after each deadline that states no cut-off of its own (ISO duration; its
   * days are working days when `workingDays`), e.g. P3D: "chậm nhất 03 ngày làm việc sau hạn".
   */
  readonly cutoffAfter?: string;
}

/** Office hours of Vietnam's public service. */
export const DEFAULT_OFFICE_HOURS = { start: '07:30', end: '17:00' } as const;

/** An announced change to one day of the working calendar (a day off, or a Saturday worked). */
export interface DayOverride {
  readonly date: string;
  readonly kind: 'day-off' | 'working-day';
  readonly name: string;
}

/** What a unit counts time with: the campaign's policy and the calendar's announced changes when it enrolled. */
export type UnitCalendar = CalendarPolicy & { readonly overrides: readonly DayOverride[] };

/** A whole campaign definition. */
export interface CampaignDefinition {
  readonly code: string;
  readonly title: string;
  readonly issuer: string;
  readonly coordinator: string;
  readonly coordinatorEmail?: string;
  readonly issuerEmail?: string;
  readonly timezone: string;
  readonly units: readonly UnitRef[];
  readonly milestones: Milestones;
  readonly chase: ChasePolicy;
  /** A rehearsal: how long one day of the plan lasts (ISO duration, e.g. PT1S); absent in a real campaign. */
  readonly dayLength?: string;
  /**
   * The campaign's own criteria, checked in its reports. Absent in definitions before criteria were data
   * (the 2019 campaigns): their reports are checked against the 2019 plan's targets, as they were recorded.
   */
  readonly criteria?: readonly Criterion[];
  /** Report rounds before the final report, each with its due date. */
  readonly reports?: readonly ReportRound[];
  /** Review meetings (sơ kết, tổng kết). */
  readonly meetings?: readonly Meeting[];
  /** Working days and office hours; absent in definitions before the calendar (every duration is clock time). */
  readonly calendar?: CalendarPolicy;
  /** Points deducted on score sheets for late or missing work (none when absent). */
  readonly scoring?: ScorePolicy;
  /** A sub-campaign: the unit it reports for in the campaign above, and how much earlier its deadlines come. */
  readonly parent?: ParentLink;
  /** The emulation clusters its units belong to, as they stood at the launch. */
  readonly clusters?: readonly ClusterRef[];
}

/** Shortest interval between two reminders to one unit in a real campaign (scaled in a rehearsal). */
export const MIN_CHASE_INTERVAL_MS = 3_600_000;

/** True when two sets of milestones denote the same instants. */
export function sameMilestones(a: Milestones, b: Milestones): boolean {
  return MILESTONE_ORDER.every((k) => {
    const x = a[k];
    const y = b[k];
    return x === undefined || y === undefined ? x === y : Date.parse(x) === Date.parse(y);
  });
}

/** True when two lists of report rounds have the same rounds with the same titles and instants (in any order). */
export function sameReports(a: readonly ReportRound[], b: readonly ReportRound[]): boolean {
  const instant = (x: string | undefined): number | undefined => (x === undefined ? undefined : Date.parse(x));
  return (
    a.length === b.length &&
    a.every((r) => {
      const o = b.find((x) => x.id === r.id);
      return o !== undefined && o.title === r.title && instant(o.due) === instant(r.due) && instant(o.cutoffAt) === instant(r.cutoffAt);
    })
  );
}

/** The default chase policy of the issue: 7, 3 and 1 days before; daily when overdue; level 2 after 3 days. */
export const DEFAULT_CHASE: ChasePolicy = {
  reminderOffsets: ['P7D', 'P3D', 'P1D'],
  overdueReminderInterval: 'P1D',
  escalationDelay: 'P3D',
};

/** Default timezone of every campaign. */
export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

/** The campaign definition: who takes part, the milestones, and how units are chased. Plain JSON. */

import type { Criterion, Meeting, ReportRound } from './criteria';

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

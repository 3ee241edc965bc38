/**
 * Score sheets (bảng chấm điểm): each unit's points by the campaign's own criteria, less the deductions its
 * policy sets for late or missing work, and the ranking of all units. Pure; recomputed from the units'
 * states whenever they change (frozen when the list is posted: the commendation stage). The rules that
 * compute them are in `@thidua/domain` (scores.ts).
 */
import type { UnitKind } from './definition';
import type { UnitPhase } from './unit-state';

/** Points a campaign deducts (each a positive number of points). */
export interface ScorePolicy {
  /** For a registration sent after its deadline. */
  readonly lateRegistration?: number;
  /** For each report (a round, the interim or the final report) sent after its deadline. */
  readonly lateReport?: number;
  /** For a unit closed as non-compliant (a cut-off passed with its work missing). */
  readonly nonCompliant?: number;
}

/** One criterion on a unit's sheet. */
export interface ScoreLine {
  readonly criterion: string;
  readonly title: string;
  /** The rule in words, e.g. "từ 90% trở lên". */
  readonly target: string;
  /** The value the unit stated (its final report's, else its latest report's); null when none. */
  readonly value: number | null;
  readonly met: boolean | null;
  readonly points: number;
  readonly max: number;
  /** Scored by the coordinator's judgement (the commendation stage), with its note. */
  readonly judged?: true;
  readonly note?: string;
}

/** A deduction and why. */
export interface Deduction {
  readonly reason: string;
  readonly points: number;
}

/** A unit's score sheet. */
export interface ScoreSheet {
  readonly unitId: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly phase: UnitPhase;
  readonly lines: readonly ScoreLine[];
  readonly deductions: readonly Deduction[];
  /** Points of the criteria met, less the deductions, never below 0. */
  readonly total: number;
  readonly max: number;
  /** The final report is in: the sheet will not change by the unit's own reports any more. */
  readonly final: boolean;
}

/** A sheet in the ranking: equal totals share a rank (1, 2, 2, 4). */
export type RankedSheet = ScoreSheet & { readonly rank: number };

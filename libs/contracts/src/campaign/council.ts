/**
 * The emulation and commendation council's secret ballot (Hội đồng Thi đua – Khen thưởng): whether a nominee
 * passes is computed from the counts and the commendation form's rule, never typed. A rule states the share
 * of votes in favour it needs (e.g. 70/100 or 2/3), counted against all members or against those present,
 * and the quorum of members present. The figures belong to each form in the catalogue (issue 14); this
 * module only states them; `@thidua/domain` (council.ts) counts.
 */

/** What a form requires of the council's vote. */
export interface VoteRule {
  /** The share in favour needed, as a fraction (70/100, 2/3, 90/100); reaching it exactly passes. */
  readonly share: { readonly num: number; readonly den: number };
  /** Counted against every member of the council, or against those present. */
  readonly of: 'members' | 'present';
  /** The share of members who must be present for the vote to count. */
  readonly quorum: { readonly num: number; readonly den: number };
}

/** The counts of one nominee's ballot. */
export interface Ballot {
  readonly members: number;
  readonly present: number;
  readonly inFavour: number;
}

/** The outcome, with the numbers it was decided by (for the minutes). */
export interface BallotResult {
  readonly quorate: boolean;
  readonly passed: boolean;
  /** Votes in favour needed (the smallest whole number reaching the share). */
  readonly needed: number;
  /** In favour as a percentage of the base it is counted against, one decimal. */
  readonly percent: number;
}

/**
 * Every failure type a workflow answers a caller with (the `type` of its ApplicationFailure), once. The API
 * maps each to an HTTP answer in a table the compiler checks for completeness: a code added here without a
 * mapping fails `tsc`.
 */
export const FAILURE_CODES = [
  /** A value the rules refuse (blank text, a bad number...): 400. */
  'invalid',
  /** Milestones out of order or not instants; details[0] lists each problem: 400. */
  'InvalidMilestones',
  /** The late cut-off has passed: 409. */
  'cutoff-passed',
  /** Not now: the task is not open, already done, or not part of this campaign: 409. */
  'wrong-phase',
  /** The unit has ended its participation: 409. */
  'closed',
  /** The campaign has ended or was cancelled: 409. */
  'CampaignClosed',
  /** The unit workflow has not enrolled yet: 409. */
  'NotEnrolled',
  /** Data the event store can never hold; nothing was recorded: 422. */
  'StoreRefused',
  /** A defect: 500. */
  'InternalError',
] as const;

/** A failure type a workflow may answer with. */
export type FailureCode = (typeof FAILURE_CODES)[number];

/** Failure type of an append the store can never accept (data it cannot hold): retrying is useless. */
export const STORE_REFUSED = 'StoreRefused' satisfies FailureCode;

/** True when `type` is one of {@link FAILURE_CODES}. */
export function isFailureCode(type: string | undefined | null): type is FailureCode {
  return (FAILURE_CODES as readonly string[]).includes(type ?? '');
}

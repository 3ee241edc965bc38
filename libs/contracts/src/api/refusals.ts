/**
 * The one vocabulary of refusals the API answers with: each `details[].reason` (kebab-case), the HTTP status it
 * goes with, and the reason each workflow failure code becomes. A reason added here without its status, or a
 * failure code without its reason, does not compile.
 */
import type { FailureCode } from '../campaign/failures';

/** Why a request was refused when the answer is not about one field (a conflict with the state of things). */
export const REFUSAL_REASONS = [
  /** The value breaks a rule of the domain (the problems name their fields). */
  'invalid',
  /** Milestones out of order or not instants. */
  'invalid-milestones',
  /** The late cut-off has passed. */
  'cutoff-passed',
  /** Not now: the task is not open, already done, or not part of this stage. */
  'wrong-phase',
  /** The unit has ended its participation, or the workflow is not there any more. */
  'closed',
  /** The campaign has ended or was cancelled. */
  'campaign-closed',
  /** The unit workflow has not enrolled yet. */
  'not-enrolled',
  /** Data the event store can never hold; nothing was recorded. */
  'store-refused',
  /** The unit already takes part in the campaign. */
  'already-enrolled',
  /** A campaign code, template id or form id is taken. */
  'code-taken',
  'template-id-taken',
  'form-exists',
  /** The thing edited was saved again since the version the request started from. */
  'version-moved',
  /** An admin cannot disable their own account. */
  'self',
] as const;

/** A refusal's reason. */
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The HTTP status of each reason. */
export const REFUSAL_STATUS = {
  invalid: 400,
  'invalid-milestones': 400,
  'cutoff-passed': 409,
  'wrong-phase': 409,
  closed: 409,
  'campaign-closed': 409,
  'not-enrolled': 409,
  'store-refused': 422,
  'already-enrolled': 409,
  'code-taken': 409,
  'template-id-taken': 409,
  'form-exists': 409,
  'version-moved': 409,
  self: 409,
} as const satisfies Record<RefusalReason, number>;

/** The reason the API names for each failure a workflow refuses an update with (`InternalError` is a defect: 500). */
export const FAILURE_REASONS = {
  invalid: 'invalid',
  InvalidMilestones: 'invalid-milestones',
  'cutoff-passed': 'cutoff-passed',
  'wrong-phase': 'wrong-phase',
  closed: 'closed',
  CampaignClosed: 'campaign-closed',
  NotEnrolled: 'not-enrolled',
  StoreRefused: 'store-refused',
  InternalError: undefined,
} as const satisfies Record<FailureCode, RefusalReason | undefined>;

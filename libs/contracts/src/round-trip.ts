/** Contracts of the diagnostic round trip (api → workflow → activity → PostgreSQL → api). */

/** Workflow type name registered with Temporal: never rename. */
export const ROUND_TRIP_WORKFLOW = 'roundTripWorkflow';

/** Input of the round-trip workflow. */
export interface RoundTripInput {
  readonly id: string;
  readonly message: string;
  /** Optional wait before recording, in milliseconds (lets tests prove durable timers). */
  readonly delayMs?: number;
}

/** Result of the round-trip workflow. */
export interface RoundTripResult {
  readonly id: string;
  readonly recordedAt: string;
}

/** Activities the round-trip workflow calls. */
export interface RoundTripActivities {
  /** Writes the row (idempotent by id) and returns when it was recorded. */
  recordRoundTrip(input: { id: string; message: string }): Promise<{ recordedAt: string }>;
}

/** Workflow id of a round trip: deterministic, so a repeated start is rejected as a duplicate. */
export function roundTripWorkflowId(id: string): string {
  return `round-trip:${id}`;
}

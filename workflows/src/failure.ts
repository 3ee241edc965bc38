/** The one way a decider's refusal becomes the failure an update answers with. */
import { ApplicationFailure } from '@temporalio/workflow';
import type { FailureCode } from '@thidua/contracts';
import { RuleError } from '@thidua/domain';

/** A refusal (thrown by a decider) as the failure an update throws; anything else is a defect. */
export function toFailure(err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof RuleError) {
    return err.problems.length
      ? ApplicationFailure.nonRetryable(err.message, err.code, [...err.problems])
      : ApplicationFailure.nonRetryable(err.message, err.code);
  }
  return ApplicationFailure.nonRetryable(err instanceof Error ? err.message : String(err), 'InternalError' satisfies FailureCode);
}

/** Refusals of the deciders, and the one way they become the failure an update answers with. */
import { ApplicationFailure } from '@temporalio/workflow';
import { unstorableCharacter, type FailureCode } from '../../libs/contracts/src/campaign';

/** Why a command was refused: a failure code from contracts and a Vietnamese message for the user. */
export class RuleError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
    /** Each problem, when there are several (sent as the failure's first detail). */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A refusal (thrown by a decider) as the failure an update throws; anything else is a defect. */
export function toFailure(err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof RuleError) {
    return err.problems.length ? ApplicationFailure.nonRetryable(err.message, err.code, [...err.problems]) : ApplicationFailure.nonRetryable(err.message, err.code);
  }
  return ApplicationFailure.nonRetryable(err instanceof Error ? err.message : String(err), 'InternalError' satisfies FailureCode);
}

/** Text a user wrote, checked by every decider alike: present, not blank, storable, within `max`; trimmed. */
export function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || !value.trim()) throw new RuleError('invalid', `${field} không được để trống`);
  const bad = unstorableCharacter(value);
  if (bad) throw new RuleError('invalid', `${field} chứa ký tự không hợp lệ (${bad})`);
  if (value.length > max) throw new RuleError('invalid', `${field} dài quá ${max} ký tự`);
  return value.trim();
}

/** {@link text} when given; undefined when absent. */
export function optionalText(value: unknown, field: string, max: number): string | undefined {
  return value === undefined || value === null ? undefined : text(value, field, max);
}

/** Refusals of the deciders (workflows turn them into the failure an update answers with: `toFailure`). */
import { unstorableCharacter, type FailureCode } from '@thidua/contracts';

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

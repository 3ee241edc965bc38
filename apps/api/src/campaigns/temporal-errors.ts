/** Turns what Temporal answers into HTTP errors (refusals by the workflow are 400/409, an absent worker is 503), and runs the API's updates with them. */
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { ApiException, refusal } from '../common/http-errors';
import { FAILURE_REASONS, isFailureCode, type FailureCode } from '@thidua/contracts';
import { problemsFromMessages } from '../common/validation';
import { RuleError } from '@thidua/domain';

/** Each problem a refusal names: its first detail, else its message. */
function problemsOf(cause: ApplicationFailure): string[] {
  const listed = cause.details?.[0];
  return Array.isArray(listed) && listed.every((p) => typeof p === 'string') ? listed : [cause.message];
}

/**
 * The HTTP answer to each refusal of a decider (in a workflow's update, or decided by the API itself): the
 * vocabulary's reason and status (problems of `invalid` refusals name their fields); undefined: a defect (500).
 */
function answer(code: FailureCode, message: string, problems: readonly string[]): ApiException | undefined {
  const reason = FAILURE_REASONS[code];
  if (reason === undefined) return undefined;
  if (reason === 'invalid') return new ApiException(400, message, problemsFromMessages([...problems], reason));
  if (reason === 'invalid-milestones')
    return new ApiException(400, `Mốc thời gian không hợp lệ: ${problems.join('; ')}`, problemsFromMessages([...problems], 'milestones'));
  return refusal(reason, message);
}

/** A decider's refusal of a command the API decided itself, as its HTTP answer; anything else is rethrown. */
export function refusalOf(err: unknown): ApiException {
  if (err instanceof RuleError) {
    const answered = answer(err.code, err.message, err.problems.length ? err.problems : [err.message]);
    if (answered) return answered;
  }
  throw err;
}

/** Retry-After of a 503: long enough for a worker to come back. */
export const RETRY_AFTER_SECONDS = 5;

export function unavailable(): ApiException {
  return new ApiException(
    503,
    'Hệ thống xử lý đang tạm ngưng; yêu cầu chưa được ghi nhận. Vui lòng gửi lại sau ít phút (dùng cùng Idempotency-Key).',
    [],
    {
      'Retry-After': String(RETRY_AFTER_SECONDS),
    },
  );
}

function isGrpcUnavailable(err: unknown): boolean {
  const code = (err as { code?: number })?.code;
  // 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE, 1 CANCELLED (our deadline)
  return code === 4 || code === 14 || code === 1 || /deadline|UNAVAILABLE/i.test(String((err as Error)?.message));
}

/** Maps an error of an update call; rethrows what it does not know (500). */
export function toHttpError(err: unknown, closedMessage: string): ApiException {
  if (err instanceof ApiException) return err;
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure) {
      const code = cause.type;
      const answered = isFailureCode(code) ? answer(code, cause.message, problemsOf(cause)) : undefined;
      if (answered) return answered;
    }
  }
  if (err instanceof WorkflowNotFoundError) return refusal('closed', closedMessage);
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcUnavailable(err) || isDroppedUpdate(err)) return unavailable();
  throw err;
}

/**
 * Whether the server dropped an update that the workflow had seen because that workflow task then failed on
 * completion (a signal or another update arrived while the workflow was continuing as new): nothing of it was
 * recorded, so the same update id may be sent again. The server answers FAILED_PRECONDITION (WorkflowNotReady),
 * which the SDK does not retry.
 */
export function isDroppedUpdate(err: unknown): boolean {
  const cause = (err as { cause?: { code?: number; details?: string } })?.cause;
  return cause?.code === 9 && /workflow task/i.test(cause.details ?? '');
}

/** Pause before sending a dropped update again: 50 ms doubling up to 1 s. */
const retryPause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));

/**
 * Runs an update against a workflow within `timeoutMs` and answers what it returned, or throws its HTTP
 * refusal ({@link toHttpError}; `closedMessage` when the workflow is not there). `updateId` (the request's
 * Idempotency-Key) makes a retry attach to the update that already ran; an update the server dropped unrecorded
 * ({@link isDroppedUpdate}) is sent again with the same id until the deadline.
 */
export async function executeUpdate<R, A>(
  client: Client,
  timeoutMs: number,
  handle: WorkflowHandle,
  update: UpdateDefinition<R, [A]>,
  arg: A,
  updateId: string | undefined,
  closedMessage: string,
): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  const id = updateId ?? randomUUID();
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.withDeadline(deadline, () => handle.executeUpdate(update, { args: [arg], updateId: id }));
    } catch (err) {
      if (isDroppedUpdate(err) && Date.now() < deadline) {
        await retryPause(attempt);
        continue;
      }
      throw toHttpError(err, closedMessage);
    }
  }
}

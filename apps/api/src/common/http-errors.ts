/** HTTP exceptions with our body shape and headers. */
import { HttpException } from '@nestjs/common';
import { REFUSAL_STATUS, type RefusalReason } from '@thidua/contracts';

/**
 * One detail of an error answer: the reason of the vocabulary, or a problem of one field (its path; absent when
 * the problem is not one field's).
 */
export type RefusalDetail =
  | { readonly reason: RefusalReason }
  | { readonly field?: string; readonly rule: string; readonly message: string; readonly reason?: undefined };

/** An HttpException carrying response headers (Retry-After) that the error filter sets. */
export class ApiException extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly details: readonly RefusalDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super({ message, details }, status);
  }
}

export const notFound = (message: string): ApiException => new ApiException(404, message);

/** A refusal for a reason of the vocabulary, with the status the vocabulary gives it. */
export const refusal = (reason: RefusalReason, message: string): ApiException =>
  new ApiException(REFUSAL_STATUS[reason], message, [{ reason }]);

export const forbidden = (message = 'Tài khoản không có quyền thực hiện thao tác này'): ApiException => new ApiException(403, message);

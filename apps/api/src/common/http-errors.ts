/** HTTP exceptions with our body shape and headers. */
import { HttpException } from '@nestjs/common';

/** An HttpException carrying response headers (Retry-After) that the error filter sets. */
export class ApiException extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly details: readonly unknown[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super({ message, details }, status);
  }
}

export const notFound = (message: string): ApiException => new ApiException(404, message);
export const conflict = (message: string, reason?: string): ApiException => new ApiException(409, message, reason ? [{ reason }] : []);
export const forbidden = (message = 'Tài khoản không có quyền thực hiện thao tác này'): ApiException => new ApiException(403, message);

/**
 * Every error leaves as {statusCode, error, message, details[]}: no stack traces, no framework wording.
 * Body-parser failures (malformed JSON, too large) arrive as HttpExceptions whose cause has a `type`.
 */
import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';

/** The JSON error body of every endpoint. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly details: readonly unknown[];
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn',
  403: 'Tài khoản không có quyền thực hiện thao tác này',
  404: 'Không tìm thấy',
  500: 'Lỗi hệ thống; vui lòng thử lại sau',
};

/**
 * PostgreSQL away or too slow: no connection within DATABASE_CONNECT_TIMEOUT_MS, a connection lost, the
 * server shutting down or starting (57P0x), a connection exception (08xxx) or a statement cancelled by
 * DATABASE_STATEMENT_TIMEOUT_MS (57014). The request changed nothing that was not rolled back.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const code = String(e?.driverError?.code ?? e?.code ?? '');
  if (/^(08|57P0)/.test(code) || code === '57014' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT') return true;
  const message = String(e?.driverError?.message ?? e?.message ?? '');
  return /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connect ECONNREFUSED|the database system is (starting up|shutting down)/i.test(
    message,
  );
}

/** Retry-After of a 503 for a dependency that is away. */
const DEPENDENCY_RETRY_SECONDS = 5;

function fromBodyParser(err: {
  type?: string;
  status?: number;
  message?: string;
  limit?: number;
}): { status: number; message: string } | undefined {
  if (err.type === 'entity.verify.failed') return { status: 400, message: err.message ?? 'Nội dung gửi lên không hợp lệ' };
  if (err.type === 'entity.too.large')
    return { status: 413, message: `Dữ liệu gửi lên vượt quá giới hạn ${Math.round((err.limit ?? 262_144) / 1024)} KiB` };
  if (err.type === 'entity.parse.failed') return { status: 400, message: 'Nội dung gửi lên không phải JSON hợp lệ' };
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported')
    return { status: 415, message: 'Bảng mã không được hỗ trợ; hãy dùng UTF-8' };
  return undefined;
}

/** Builds the body for a status, message and details. */
export function errorBody(status: number, message: string, details: readonly unknown[] = []): ErrorBody {
  return { statusCode: status, error: REASONS[status] ?? 'Error', message, details };
}

/** The causes under an unexpected error (a gRPC status, its code and details), for the log: " ← cause …". */
function causes(err: unknown): string {
  let text = '';
  for (let c = (err as { cause?: unknown })?.cause, depth = 0; c != null && depth < 5; c = (c as { cause?: unknown }).cause, depth++) {
    const { code, details, message } = c as { code?: unknown; details?: unknown; message?: unknown };
    const said = [details, message].find((t) => typeof t === 'string') ?? JSON.stringify(c);
    text += ` ← cause${typeof code === 'number' || typeof code === 'string' ? ` code ${code}` : ''}: ${said}`;
  }
  return text;
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    let body: ErrorBody;
    const raw = exception as { type?: string; cause?: { type?: string } };
    const parser = fromBodyParser(raw.cause ?? raw);
    if (parser) {
      body = errorBody(parser.status, parser.message);
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const r = (typeof raw === 'string' ? { message: raw } : raw) as { message?: unknown; details?: unknown[] };
      const fallback = DEFAULT_MESSAGES[status] ?? exception.message;
      const message = typeof r.message === 'string' ? ownWording(r.message, fallback) : fallback;
      body = errorBody(status, message, Array.isArray(r.details) ? r.details : Array.isArray(r.message) ? r.message : []);
      const headers = (exception as { headers?: Record<string, string> }).headers;
      for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
    } else if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`${req.method} ${req.originalUrl}: database unavailable (${String((exception as Error)?.message ?? exception)})`);
      body = errorBody(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Cơ sở dữ liệu tạm thời không phản hồi; yêu cầu chưa được ghi nhận. Vui lòng thử lại sau ít giây.',
      );
      res.setHeader('Retry-After', String(DEPENDENCY_RETRY_SECONDS));
    } else {
      this.logger.error(
        `${req.method} ${req.originalUrl} failed: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}${causes(exception)}`,
      );
      body = errorBody(HttpStatus.INTERNAL_SERVER_ERROR, DEFAULT_MESSAGES[500]);
    }
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }
}

// Nest's and Express's own English texts are replaced by ours: a specific one where the framework names the
// problem, else the status's default.
const FRAMEWORK_TEXTS: Array<[RegExp, string | undefined]> = [
  [/^Failed to decode param/, 'Đường dẫn chứa chuỗi mã hóa URL không hợp lệ'],
  [
    /^(Unauthorized|Forbidden resource|Forbidden|Not Found|Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) .*|Internal server error)$/,
    undefined,
  ],
];

function ownWording(message: string, fallback: string): string {
  const known = FRAMEWORK_TEXTS.find(([pattern]) => pattern.test(message));
  return known ? (known[1] ?? fallback) : message;
}

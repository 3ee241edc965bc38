/**
 * Idempotency-Key on write endpoints marked @Idempotent(): the first request with a key runs and its
 * successful answer is stored; retries (also concurrent ones) get that same answer without running again;
 * the same key with a different request is 422. A failed request releases its key, so it can be retried.
 * The key also becomes the Temporal update id, so even a retry after an API crash attaches to the
 * update that already ran instead of applying it twice.
 */
import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import {
  findIdempotencyKey,
  forgetIdempotencyKeys,
  releaseIdempotencyKey,
  reserveIdempotencyKey,
  saveIdempotentAnswer,
} from '@thidua/persistence';
import type { Principal } from '../auth/principal';
import { ApiException } from '../common/http-errors';

const IDEMPOTENT = 'idempotent';
/** The endpoint honours the Idempotency-Key header. */
export const Idempotent = (): MethodDecorator => SetMetadata(IDEMPOTENT, true);

/** What a handler may read: the update id to use for its workflow update. */
export interface IdempotentRequest extends Request {
  principal?: Principal;
  updateId?: string;
  /** When the request arrived (set first thing by RequestIdMiddleware): submissions are judged on time by it. */
  receivedAt?: string;
}

const KEY = /^[\x21-\x7e]{1,200}$/;
const POLL_MS = 25;
/** Keys are kept a day: long enough for any client's retries, short enough to keep the table small. */
const RETENTION_HOURS = 24;

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT, ctx.getHandler())) return next.handle();
    const req = ctx.switchToHttp().getRequest<IdempotentRequest>();
    const key = req.headers['idempotency-key'];
    if (key === undefined || !req.principal) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new ApiException(400, 'Idempotency-Key phải gồm 1-200 ký tự ASCII in được', [
        { field: 'Idempotency-Key', rule: 'format', message: 'Idempotency-Key: 1-200 ký tự ASCII in được' },
      ]);
    }
    return from(this.run(req, ctx.switchToHttp().getResponse<Response>(), req.principal.accountId, key, next));
  }

  private async run(req: IdempotentRequest, res: Response, accountId: string, key: string, next: CallHandler): Promise<unknown> {
    const hash = createHash('sha256')
      .update(`${req.method} ${req.path}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    req.updateId = `idem:${createHash('sha256').update(`${accountId}\n${key}`).digest('hex').slice(0, 32)}`;
    // A reservation older than this belongs to a request that died: it may be taken over.
    const staleMs = this.config.updateTimeoutMs + 30_000;
    const deadline = Date.now() + staleMs + 5000;
    for (;;) {
      if (await reserveIdempotencyKey(this.ds, accountId, key, hash, staleMs / 1000)) return this.lead(res, accountId, key, next);
      const row = await findIdempotencyKey(this.ds, accountId, key);
      if (row && row.requestHash !== hash) {
        throw new ApiException(422, 'Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới', [
          { field: 'Idempotency-Key', rule: 'reused', message: 'Idempotency-Key: đã dùng cho yêu cầu khác' },
        ]);
      }
      // Stored as text, not jsonb: the replay is byte-for-byte the first answer, with its status.
      if (row?.responseStatus != null) {
        res.status(row.responseStatus);
        return JSON.parse(row.responseBody ?? 'null') as unknown;
      }
      if (Date.now() > deadline)
        throw new ApiException(503, 'Yêu cầu trước với cùng Idempotency-Key vẫn đang được xử lý', [], { 'Retry-After': '5' });
      // Another request with this key is running (or released it): wait for its answer, then look again.
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  private async lead(res: Response, accountId: string, key: string, next: CallHandler): Promise<unknown> {
    // Now and then (about one new key in a hundred), forget keys older than the retention.
    if (Math.random() < 0.01) {
      void forgetIdempotencyKeys(this.ds, RETENTION_HOURS).catch(() => undefined);
    }
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: null });
    } catch (err) {
      await releaseIdempotencyKey(this.ds, accountId, key);
      throw err;
    }
    // The status the handler set (201 for a submission, 200 for a decision...), replayed with the body.
    await saveIdempotentAnswer(this.ds, accountId, key, res.statusCode, JSON.stringify(body));
    return body;
  }
}

/**
 * An API and a worker on the suite's real servers, in their own database and task queue, with an admin
 * account, and a small HTTP client that speaks JSON with bearer tokens.
 */
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { ServiceConfig } from '@thidua/config';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { createApiApp } from '../apps/api/src/bootstrap';
import { createIsolatedDatabase, testConfig } from './env';

export const ADMIN = { username: 'quan-tri', password: 'mat-khau-quan-tri-2026' };

/** A JSON response. */
export interface Reply<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** Calls the API. */
export class ApiClient {
  constructor(
    readonly base: string,
    readonly token?: string,
  ) {}

  as(token: string | undefined): ApiClient {
    return new ApiClient(this.base, token);
  }

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    // A FormData body (a file upload) sets its own multipart content type.
    const form = body instanceof FormData;
    const send = () =>
      fetch(`${this.base}${path}`, {
        method,
        headers: {
          ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' || form ? body : JSON.stringify(body),
      });
    // A read that finds its kept-alive connection closed under it (a busy machine) is sent again; a write never is.
    const res = await send().catch((err: unknown) => {
      if (method === 'GET' && (err as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return send();
      throw err;
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A GET whose answer is bytes (a PDF, a stored file), with its status and headers. */
  async bytes(path: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
    const res = await fetch(`${this.base}${path}`, { headers: this.token ? { authorization: `Bearer ${this.token}` } : {} });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.call<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}, headers?: Record<string, string>): Promise<Reply<T>> {
    return this.call<T>('POST', path, body, headers);
  }

  /** Logs in and returns a client carrying the token (throws unless 200). */
  async login(username: string, password: string): Promise<ApiClient> {
    const r = await this.as(undefined).post('/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return this.as(r.body.accessToken);
  }
}

/** A running stack for one test file. */
export interface ApiStack {
  readonly config: ServiceConfig;
  readonly anonymous: ApiClient;
  readonly admin: ApiClient;
  api: INestApplication;
  worker: INestApplicationContext | undefined;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** Starts an isolated API (+ worker) with an admin account. */
export async function startApiStack(prefix: string, overrides: Record<string, string> = {}): Promise<ApiStack> {
  const databaseUrl = await createIsolatedDatabase(prefix);
  const config = testConfig({
    DATABASE_URL: databaseUrl,
    TEMPORAL_TASK_QUEUE: `${prefix}-${randomUUID()}`,
    DIGEST_CRON: '',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    // Evidence files of this stack in a folder of its own (never the checkout's .data).
    STORAGE_URL: `file://${join(tmpdir(), `thidua-files-${prefix}-${randomUUID()}`)}`,
    ...overrides,
  });
  const stack: ApiStack = {
    config,
    anonymous: undefined as unknown as ApiClient,
    admin: undefined as unknown as ApiClient,
    api: undefined as unknown as INestApplication,
    worker: undefined,
    async startWorker() {
      const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
      await worker.init();
      stack.worker = worker;
    },
    async stopWorker() {
      await stack.worker?.close();
      stack.worker = undefined;
    },
    async close() {
      await stack.api?.close();
      await stack.stopWorker();
    },
  };
  await stack.startWorker();
  stack.api = await createApiApp(config);
  await stack.api.listen(0, '127.0.0.1');
  const anonymous = new ApiClient(await stack.api.getUrl());
  Object.assign(stack, { anonymous, admin: await anonymous.login(ADMIN.username, ADMIN.password) });
  return stack;
}

/**
 * Everything an API call could change, as one string: equal before and after a refused call proves it
 * wrote nothing.
 */
export async function dbFingerprint(ds: DataSource): Promise<string> {
  return JSON.stringify(
    await ds.query(`SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM units) AS units,
      (SELECT count(*) FROM campaigns) AS campaigns, (SELECT count(*) FROM campaign_units) AS members, (SELECT count(*) FROM idempotency_keys) AS keys,
      (SELECT max(updated_at) FROM unit_status) AS projected, (SELECT string_agg(phase, ',' ORDER BY campaign_id, unit_id) FROM unit_status) AS phases,
      (SELECT count(*) FROM notification_reads) AS read, (SELECT md5(string_agg(definition::text, '' ORDER BY id)) FROM campaigns) AS defs`),
  );
}

/**
 * End to end through real servers: HTTP → api → Temporal dev server → worker → activity → PostgreSQL → api.
 */
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { WorkerModule } from '../../worker/src/worker.module';
import { testConfig } from '../../../test/env';
import { createApiApp } from '../src/bootstrap';

describe('round trip (api + worker + Temporal + PostgreSQL)', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let base: string;
  const taskQueue = `e2e-${randomUUID()}`;

  beforeAll(async () => {
    const config = testConfig({ TEMPORAL_TASK_QUEUE: taskQueue, DIGEST_CRON: '' });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await worker.init();
    api = await createApiApp(config);
    await api.listen(0, '127.0.0.1');
    base = await api.getUrl();
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
  });

  it('answers liveness and readiness', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', temporal: 'ok' } });
    expect(ready.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('starts a workflow whose activity writes a row, and reads it back', async () => {
    const id = `rt-${randomUUID().slice(0, 8)}`;
    const created = await fetch(`${base}/api/round-trips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-123' },
      body: JSON.stringify({ id, message: 'Xin chào Bình Tân' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe('req-123');
    const result = (await created.json()) as { id: string; recordedAt: string };
    expect(result.id).toBe(id);

    const read = await fetch(`${base}/api/round-trips/${id}`);
    expect(read.status).toBe(200);
    const row = (await read.json()) as { id: string; message: string; workflowRunId: string; recordedAt: string };
    expect(row).toMatchObject({ id, message: 'Xin chào Bình Tân', recordedAt: result.recordedAt });
    expect(row.workflowRunId).toMatch(/[0-9a-f-]{36}/);

    // A second start of the same id joins the first run instead of writing again.
    const again = await fetch(`${base}/api/round-trips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, message: 'Xin chào Bình Tân' }),
    });
    expect(await again.json()).toEqual(result);
  });

  it('rejects bad input with a 400 naming each field, and unknown ids with 404', async () => {
    const bad = await fetch(`${base}/api/round-trips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'NOT A SLUG', extra: true }),
    });
    expect(bad.status).toBe(400);
    const body = JSON.stringify(await bad.json());
    expect(body).toContain('property extra should not exist');
    expect(body).toContain('id must be a lowercase slug');
    expect(body).toContain('message');
    expect((await fetch(`${base}/api/round-trips/does-not-exist`)).status).toBe(404);
  });
});

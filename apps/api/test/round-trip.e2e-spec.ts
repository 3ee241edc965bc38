/**
 * End to end through real servers: HTTP → api → Temporal dev server → worker → activity → PostgreSQL → api.
 */
import { randomUUID } from 'node:crypto';
import { startApiStack, type ApiStack } from '../../../test/api-stack';

describe('round trip (api + worker + Temporal + PostgreSQL)', () => {
  let stack: ApiStack;
  let base: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    stack = await startApiStack('roundtrip');
    base = stack.anonymous.base;
    auth = { authorization: `Bearer ${stack.admin.token}` };
  });

  afterAll(async () => {
    await stack?.close();
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
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-123', ...auth },
      body: JSON.stringify({ id, message: 'Xin chào Bình Tân' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe('req-123');
    const result = (await created.json()) as { id: string; recordedAt: string };
    expect(result.id).toBe(id);

    const read = await fetch(`${base}/api/round-trips/${id}`, { headers: auth });
    expect(read.status).toBe(200);
    const row = (await read.json()) as { id: string; message: string; workflowRunId: string; recordedAt: string };
    expect(row).toMatchObject({ id, message: 'Xin chào Bình Tân', recordedAt: result.recordedAt });
    expect(row.workflowRunId).toMatch(/[0-9a-f-]{36}/);

    // A second start of the same id joins the first run instead of writing again.
    const again = await fetch(`${base}/api/round-trips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ id, message: 'Xin chào Bình Tân' }),
    });
    expect(await again.json()).toEqual(result);
  });

  it('rejects bad input with a 400 naming each field, and unknown ids with 404', async () => {
    const bad = await fetch(`${base}/api/round-trips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ id: 'NOT A SLUG', extra: true }),
    });
    expect(bad.status).toBe(400);
    const body = JSON.stringify(await bad.json());
    expect(body).toContain('extra: trường này không được phép');
    expect(body).toContain('id: phải là mã gồm 1-64 ký tự');
    expect(body).toContain('message');
    expect((await fetch(`${base}/api/round-trips/does-not-exist`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${base}/api/round-trips/does-not-exist`)).status).toBe(401);
  });
});

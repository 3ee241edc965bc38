/**
 * The edges an attacker or a careless user reaches: each case was a 500, a hang or a silent acceptance
 * before, and must now be a clear 4xx (or a fast 503) that changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ADMIN,
  dbFingerprint,
  startApiStack,
  type ApiClient,
  type ApiStack,
  eventually,
  startTcpProxy,
  type TcpProxy,
  createIsolatedDatabase,
} from '@thidua/testing';

const PW = 'mat-khau-kiem-thu-2026';
const deep = (levels: number): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const fieldsOf = (body: { details?: Array<{ field?: string }> }): string[] => (body.details ?? []).map((d) => d.field ?? '');

describe('hardened edges', () => {
  let stack: ApiStack;
  let proxy: TcpProxy;
  let ds: DataSource;
  let admin: ApiClient;
  let unit: ApiClient;
  const code = `cung-${randomUUID().slice(0, 8)}`;
  const unitId = 'phong-tu-phap';

  beforeAll(async () => {
    // The stack reaches PostgreSQL through a proxy this test can take down.
    const url = new URL(await createIsolatedDatabase('hardening'));
    proxy = await startTcpProxy(url.hostname, Number(url.port));
    url.port = String(proxy.port);
    stack = await startApiStack('hardening', { DATABASE_URL: url.toString(), DATABASE_CONNECT_TIMEOUT_MS: '1000' });
    ds = stack.api.get(DataSource);
    admin = stack.admin;
    await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' });
    await admin.post('/api/accounts', { username: unitId, password: PW, role: 'unit', unitId });
    const template = (await admin.get(`/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date().toISOString()}&code=${code}`)).body;
    expect((await admin.post('/api/campaigns', { definition: { ...template, units: [unitId, 'phong-y-te'] } })).status).toBe(201);
    await eventually(
      () => admin.get(`/api/campaigns/${code}`),
      (r) => r.body.status === 'running',
    );
    unit = await stack.anonymous.login(unitId, PW);
  });
  afterAll(async () => {
    await proxy?.up().catch(() => undefined);
    await stack?.close();
    await proxy?.close();
  });

  const refused = async (call: () => Promise<{ status: number; body: any }>, status: number, field?: string): Promise<void> => {
    const before = await dbFingerprint(ds);
    const r = await call();
    expect({ status: r.status, fields: field ? fieldsOf(r.body) : [] }).toEqual({
      status,
      fields: field ? expect.arrayContaining([field]) : [],
    });
    expect(typeof r.body.message).toBe('string');
    expect(await dbFingerprint(ds)).toBe(before);
  };

  it('refuses U+0000 in paths and query strings with 400', async () => {
    await refused(() => admin.get('/api/campaigns/%00/units'), 400, 'id');
    await refused(() => admin.get(`/api/campaigns/${code}/units?q=%00`), 400, 'q');
    await refused(() => admin.get(`/api/campaigns/${code}/units/a%00b/events`), 400, 'unitId');
    await refused(() => unit.post('/api/me/notifications/a%00b/read'), 400, 'nid');
  });

  it('refuses instants JavaScript accepts and PostgreSQL or the calendar do not', async () => {
    for (const before of [
      '1',
      '2026-02-30T00:00:00Z',
      '%2B099999-01-01T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-04-31T10:00:00%2B07:00',
    ]) {
      await refused(() => unit.get(`/api/me/notifications?before=${before}`), 400, 'before');
    }
    await refused(() => admin.get('/api/campaign-templates/binh-tan-cchc-2019?launchAt=2026-02-30T00:00:00Z'), 400, 'launchAt');
    const template = (await admin.get('/api/campaign-templates/binh-tan-cchc-2019')).body;
    await refused(
      () =>
        admin.post('/api/campaigns', {
          definition: {
            ...template,
            code: 'ngay-ao',
            units: [unitId],
            milestones: { ...template.milestones, launchAt: '2026-02-30T00:00:00+07:00' },
          },
        }),
      400,
      'definition.milestones.launchAt',
    );
    expect((await unit.get('/api/me/notifications?before=2028-02-29T00:00:00%2B07:00')).status).toBe(200);
  });

  it('refuses JSON nested 5,000 levels deep with 400, the unauthenticated login included', async () => {
    for (const [who, path] of [
      [stack.anonymous, '/api/auth/login'],
      [admin, '/api/units'],
      [unit, `/api/campaigns/${code}/units/${unitId}/registration`],
    ] as const) {
      const r = await who.call('POST', path, deep(5000));
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/lồng nhau quá sâu/);
    }
  });

  it('refuses whitespace-only names and reasons; the campaign and the unit stay as they were', async () => {
    await refused(() => admin.post('/api/units', { id: 'dv-trong', name: '   ', kind: 'ward' }), 400, 'name');
    await refused(
      () => admin.post('/api/accounts', { username: 'ten-trong', password: PW, role: 'coordinator', displayName: ' \t ' }),
      400,
      'displayName',
    );
    await refused(() => admin.post(`/api/campaigns/${code}/cancel`, { reason: ' ' }), 400, 'reason');
    await refused(() => admin.call('DELETE', `/api/campaigns/${code}/units/${unitId}`, { reason: '\u3000 ' }), 400, 'reason');
    expect((await admin.get(`/api/campaigns/${code}`)).body.status).toBe('running');
  });

  it('refuses body keys naming Object.prototype members as unknown fields', async () => {
    await refused(
      () => admin.call('POST', '/api/units', '{"id":"dv-proto","name":"Proto","kind":"ward","__proto__":{"admin":true}}'),
      400,
      '__proto__',
    );
    await refused(() => admin.post('/api/units', { id: 'dv-proto', name: 'Proto', kind: 'ward', constructor: 'x' }), 400, 'constructor');
    await refused(
      () =>
        unit.post(`/api/campaigns/${code}/units/${unitId}/registration`, {
          commitments: 'Cam kết',
          initiatives: [{ title: 'A', description: 'B', hasOwnProperty: 1 }],
        }),
      400,
      'initiatives.0.hasOwnProperty',
    );
  });

  it('records a milestone "move" to the same values as nothing and tells no unit', async () => {
    const summary = (await admin.get(`/api/campaigns/${code}`)).body;
    const before = await dbFingerprint(ds);
    const r = await admin.call('PATCH', `/api/campaigns/${code}/milestones`, { milestones: summary.milestones });
    expect(r.status).toBe(200);
    expect(await dbFingerprint(ds)).toBe(before);
  });

  it('refuses trivial passwords, naming the field', async () => {
    for (const password of ['aaaaaaaaaa', '1234567890', '          ', 'qwertyuiop', 'matkhau123', 'tai-khoan-moi1']) {
      await refused(() => admin.post('/api/accounts', { username: 'tai-khoan-moi1', password, role: 'coordinator' }), 400, 'password');
    }
  });

  it('answers 503 with Retry-After at once while PostgreSQL is away, and serves again when it is back', async () => {
    await proxy.down();
    try {
      const signal = AbortSignal.timeout(30_000); // a hang (the old behaviour: 57 s) fails here, not a slow answer
      const login = await fetch(`${stack.anonymous.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
        signal,
      });
      expect(login.status).toBe(503);
      expect(Number(login.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await login.json()) as { message: string }).message).toMatch(/Cơ sở dữ liệu/);
      const submit = await fetch(`${stack.anonymous.base}/api/campaigns/${code}/units/${unitId}/registration`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${unit.token}`, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ commitments: 'Cam kết', initiatives: [{ title: 'A', description: 'B' }] }),
        signal,
      });
      expect(submit.status).toBe(503);
    } finally {
      await proxy.up();
    }
    await eventually(
      () => stack.anonymous.post('/api/auth/login', ADMIN),
      (r) => r.status === 200,
    );
  });
  // Last: it locks this test's address for every username.
  it('does not believe X-Forwarded-For unless a trusted proxy is configured: one address guessing many usernames is stopped', async () => {
    const attempts = stack.config.loginMaxFailures * 4;
    for (let i = 0; i < attempts; i++) {
      const r = await stack.anonymous.call(
        'POST',
        '/api/auth/login',
        { username: `doan-mo-${i}`, password: 'sai-mat-khau-123' },
        { 'X-Forwarded-For': `198.51.100.${i}` },
      );
      expect(r.status).toBe(401);
    }
    const r = await stack.anonymous.call(
      'POST',
      '/api/auth/login',
      { username: 'doan-mo-moi', password: 'sai-mat-khau-123' },
      { 'X-Forwarded-For': '203.0.113.77' },
    );
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

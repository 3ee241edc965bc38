/**
 * The rules every endpoint follows, over real HTTP: who may call what (every endpoint × every kind of
 * caller), and bad input on every write endpoint (a clear error body naming each field); nothing changes.
 */
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dbFingerprint, startApiStack, type ApiClient, type ApiStack, eventually } from '@thidua/testing';

type Who = 'none' | 'garbage' | 'forged' | 'expired' | 'admin' | 'coordinator' | 'own' | 'other';
const WHO: readonly Who[] = ['none', 'garbage', 'forged', 'expired', 'admin', 'coordinator', 'own', 'other'];

describe('API rules', () => {
  let stack: ApiStack;
  let ds: DataSource;
  const as: Partial<Record<Who, ApiClient>> = {};
  const code = `rules-${randomUUID().slice(0, 8)}`;
  const [own, other, spare] = ['phong-y-te', 'ubnd-phuong-an-lac', 'phong-kinh-te'];
  const pw = 'mat-khau-kiem-thu-2026';

  const fingerprint = (): Promise<string> => dbFingerprint(ds);

  beforeAll(async () => {
    stack = await startApiStack('rules');
    ds = stack.api.get(DataSource);
    const admin = stack.admin;
    await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' });
    for (const id of [own, other, spare]) await admin.post('/api/accounts', { username: id, password: pw, role: 'unit', unitId: id });
    await admin.post('/api/accounts', { username: 'dieu-phoi', password: pw, role: 'coordinator' });
    const def = (await admin.get(`/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date().toISOString()}&code=${code}`)).body;
    expect((await admin.post('/api/campaigns', { definition: { ...def, units: [own, other, spare] } })).status).toBe(201);
    await eventually(
      () => admin.get(`/api/campaigns/${code}`),
      (r) => r.body.status === 'running' && r.body.counts.byPhase['awaiting-registration'] === 3,
    );
    const secret = stack.config.jwtSecret!;
    const claims = { sub: randomUUID(), username: 'quan-tri', role: 'admin' };
    Object.assign(as, {
      none: stack.anonymous,
      garbage: stack.anonymous.as('not.a.token'),
      forged: stack.anonymous.as(new JwtService({ secret: 'x'.repeat(40) }).sign(claims)),
      expired: stack.anonymous.as(new JwtService({ secret }).sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 })),
      admin,
      coordinator: await stack.anonymous.login('dieu-phoi', pw),
      own: await stack.anonymous.login(own, pw),
      other: await stack.anonymous.login(other, pw),
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const u = (unitId: string): string => `/api/campaigns/${code}/units/${unitId}`;
  const INVALID = { unexpectedField: true };
  // Every endpoint. Allowed callers of a write send an invalid body: a 400 proves they got past the guard, and changes nothing.
  const endpoints: Array<{ method: string; path: () => string; allowed: Who[]; ok: number; body?: unknown }> = [
    { method: 'GET', path: () => '/api/accounts', allowed: ['admin'], ok: 200 },
    { method: 'POST', path: () => '/api/accounts', allowed: ['admin'], ok: 400, body: INVALID },
    { method: 'GET', path: () => '/api/units', allowed: ['admin', 'coordinator'], ok: 200 },
    { method: 'POST', path: () => '/api/units', allowed: ['admin'], ok: 400, body: INVALID },
    { method: 'POST', path: () => '/api/units/import', allowed: ['admin'], ok: 400, body: INVALID },
    { method: 'GET', path: () => '/api/campaign-templates', allowed: ['admin', 'coordinator'], ok: 200 },
    { method: 'GET', path: () => '/api/campaign-templates/binh-tan-cchc-2019', allowed: ['admin', 'coordinator'], ok: 200 },
    { method: 'POST', path: () => '/api/campaign-templates', allowed: ['admin', 'coordinator'], ok: 400, body: INVALID },
    { method: 'GET', path: () => '/api/campaign-templates/binh-tan-cchc-2019/summary', allowed: ['admin', 'coordinator'], ok: 200 },
    { method: 'GET', path: () => '/api/campaign-templates/binh-tan-cchc-2019/versions', allowed: ['admin', 'coordinator'], ok: 200 },
    { method: 'PUT', path: () => '/api/campaign-templates/binh-tan-cchc-2019', allowed: ['admin', 'coordinator'], ok: 400, body: INVALID },
    {
      method: 'POST',
      path: () => '/api/campaign-templates/binh-tan-cchc-2019/clone',
      allowed: ['admin', 'coordinator'],
      ok: 400,
      body: INVALID,
    },
    { method: 'POST', path: () => '/api/plan-imports', allowed: ['admin', 'coordinator'], ok: 400, body: INVALID },
    { method: 'POST', path: () => '/api/plan-imports/file', allowed: ['admin', 'coordinator'], ok: 400, body: INVALID },
    { method: 'GET', path: () => '/api/campaigns', allowed: ['admin', 'coordinator'], ok: 200 },
    { method: 'POST', path: () => '/api/campaigns', allowed: ['admin'], ok: 400, body: INVALID },
    { method: 'GET', path: () => `/api/campaigns/${code}`, allowed: ['admin', 'coordinator'], ok: 200 },
    { method: 'GET', path: () => `/api/campaigns/${code}/units`, allowed: ['admin', 'coordinator'], ok: 200 },
    { method: 'GET', path: () => `/api/campaigns/${code}/tasks`, allowed: ['admin', 'coordinator'], ok: 200 },
    { method: 'PATCH', path: () => `/api/campaigns/${code}/milestones`, allowed: ['admin'], ok: 400, body: INVALID },
    { method: 'POST', path: () => `/api/campaigns/${code}/units`, allowed: ['admin'], ok: 400, body: INVALID },
    { method: 'DELETE', path: () => u(own), allowed: ['admin'], ok: 400, body: INVALID },
    { method: 'POST', path: () => `/api/campaigns/${code}/cancel`, allowed: ['admin'], ok: 400, body: INVALID },
    { method: 'GET', path: () => u(own), allowed: ['admin', 'coordinator', 'own'], ok: 200 },
    { method: 'GET', path: () => `${u(own)}/events`, allowed: ['admin', 'coordinator', 'own'], ok: 200 },
    { method: 'POST', path: () => `${u(own)}/registration`, allowed: ['own'], ok: 400, body: INVALID },
    { method: 'POST', path: () => `${u(own)}/interim-report`, allowed: ['own'], ok: 400, body: INVALID },
    { method: 'POST', path: () => `${u(own)}/final-report`, allowed: ['own'], ok: 400, body: INVALID },
    { method: 'POST', path: () => `${u(own)}/reports/quy-1`, allowed: ['own'], ok: 400, body: INVALID },
    { method: 'POST', path: () => `${u(own)}/registration/decision`, allowed: ['admin', 'coordinator'], ok: 400, body: INVALID },
    { method: 'POST', path: () => `${u(own)}/reviews`, allowed: ['admin', 'coordinator'], ok: 400, body: INVALID },
    { method: 'GET', path: () => '/api/me/tasks', allowed: ['admin', 'coordinator', 'own', 'other'], ok: 200 },
    { method: 'GET', path: () => '/api/me/notifications', allowed: ['admin', 'coordinator', 'own', 'other'], ok: 200 },
    { method: 'POST', path: () => '/api/me/notifications/khong-co/read', allowed: ['admin', 'coordinator', 'own', 'other'], ok: 404 },
  ];

  it('answers every endpoint × caller with the right status, and denied calls change nothing', async () => {
    const table: string[] = [];
    for (const e of endpoints) {
      for (const who of WHO) {
        const before = await fingerprint();
        const r = await as[who]!.call(e.method, e.path(), e.body);
        // Another unit's paths are not there for a unit's clerk (404); a role's missing right is said (403).
        const otherUnit = who === 'other' && e.allowed.includes('own') && e.path().includes(`/units/${own}`);
        const expected = e.allowed.includes(who)
          ? e.ok
          : ['none', 'garbage', 'forged', 'expired'].includes(who)
            ? 401
            : otherUnit
              ? 404
              : 403;
        table.push(`${e.method} ${e.path()} ${who}: ${r.status}${r.status === expected ? '' : ` (expected ${expected})`}`);
        if (r.status >= 400) {
          expect(r.body).toMatchObject({
            statusCode: r.status,
            error: expect.any(String),
            message: expect.any(String),
            details: expect.any(Array),
          });
          expect(JSON.stringify(r.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
          expect(await fingerprint()).toBe(before);
        }
      }
    }
    expect(table.filter((line) => line.includes('expected'))).toEqual([]);
    // A unit never sees another unit's data, whichever way it asks.
    const peek = await as.other!.get(u(own));
    expect(peek.status).toBe(404);
    expect(JSON.stringify(peek.body)).not.toContain(own);
    expect((await as.expired!.get('/api/me/tasks')).body.message).toMatch(/hết hạn/);
  });

  it('throttles repeated failed logins with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await stack.anonymous.post('/api/auth/login', { username: spare, password: `sai-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await stack.anonymous.post('/api/auth/login', { username: spare, password: pw });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.body.message).toMatch(/thử lại/);
  });

  it('serves the OpenAPI document and Swagger UI, with security headers and no CORS unless configured', async () => {
    const doc = await stack.anonymous.get('/api/docs-json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    const documented = [
      '/api/auth/login',
      '/api/accounts',
      '/api/units',
      '/api/units/import',
      '/api/campaign-templates',
      '/api/campaign-templates/{id}',
      '/api/campaign-templates/{id}/summary',
      '/api/campaign-templates/{id}/versions',
      '/api/campaign-templates/{id}/clone',
      '/api/plan-imports',
      '/api/plan-imports/file',
      '/api/campaigns',
      '/api/campaigns/{id}',
      '/api/campaigns/{id}/units',
      '/api/campaigns/{id}/tasks',
      '/api/campaigns/{id}/milestones',
      '/api/campaigns/{id}/cancel',
      '/api/campaigns/{id}/units/{unitId}',
      '/api/campaigns/{id}/units/{unitId}/events',
      '/api/campaigns/{id}/units/{unitId}/registration',
      '/api/campaigns/{id}/units/{unitId}/interim-report',
      '/api/campaigns/{id}/units/{unitId}/final-report',
      '/api/campaigns/{id}/units/{unitId}/reports/{roundId}',
      '/api/campaigns/{id}/units/{unitId}/registration/decision',
      '/api/campaigns/{id}/units/{unitId}/reviews',
      '/api/me/tasks',
      '/api/me/notifications',
      '/api/me/notifications/{nid}/read',
    ];
    expect(paths).toEqual(expect.arrayContaining(documented));
    expect(Object.keys(doc.body.components.schemas)).toEqual(
      expect.arrayContaining(['RegistrationDto', 'ReportDto', 'CampaignSummaryDto', 'UnitDetailDto', 'TaskDto', 'InboxDto', 'LoginDto']),
    );
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ui = await fetch(`${stack.anonymous.base}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const r = await stack.anonymous.call('GET', '/api/me/tasks', undefined, { origin: 'https://example.org' });
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(r.headers.get('x-powered-by')).toBeNull();
  });
});

/**
 * Text PostgreSQL cannot store (U+0000, a lone surrogate) in every text field of every write endpoint, in
 * path and query parameters: 400 naming the field, nothing changed, and the unit still accepts clean work.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dbFingerprint, startApiStack, type ApiClient, type ApiStack, eventually } from '@thidua/testing';
import { BINH_TAN_2019, instantiateTemplate } from '@thidua/contracts';

/** Every string leaf of a JSON value, as a dotted path. */
function stringPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => stringPaths(v, path ? `${path}.${k}` : k));
}
function withText(value: unknown, path: string[], text: string): unknown {
  if (path.length === 0) return text;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return (value as unknown[]).map((v, i) => (String(i) === head ? withText(v, rest, text) : v));
  const obj = value as Record<string, unknown>;
  return { ...obj, [head]: withText(obj[head], rest, text) };
}

describe('text the store cannot hold', () => {
  let stack: ApiStack;
  let ds: DataSource;
  let admin: ApiClient;
  let unit: ApiClient;
  const code = `nul-${randomUUID().slice(0, 8)}`;
  // Built here, not fetched: the table of cases is made before the suite runs.
  const template = { ...instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code }), units: undefined };
  const own = 'phong-tu-phap';
  const pw = 'mat-khau-kiem-thu-2026';

  beforeAll(async () => {
    stack = await startApiStack('unstorable');
    ds = stack.api.get(DataSource);
    admin = stack.admin;
    await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' });
    await admin.post('/api/accounts', { username: own, password: pw, role: 'unit', unitId: own });
    expect((await admin.post('/api/campaigns', { definition: { ...template, units: [own, 'phong-y-te'] } })).status).toBe(201);
    await eventually(
      () => admin.get(`/api/campaigns/${code}`),
      (r) => r.body.status === 'running',
    );
    unit = await stack.anonymous.login(own, pw);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const u = `/api/campaigns/${code}/units/${own}`;
  const initiative = { title: 'Một cửa điện tử', description: 'Tiếp nhận hồ sơ trực tuyến' };
  const writes: Array<{ name: string; who: () => ApiClient; method: string; path: string; body: () => unknown }> = [
    { name: 'login', who: () => stack.anonymous, method: 'POST', path: '/api/auth/login', body: () => ({ username: own, password: pw }) },
    {
      name: 'account',
      who: () => admin,
      method: 'POST',
      path: '/api/accounts',
      body: () => ({ username: 'tai-khoan-moi', password: pw, role: 'unit', unitId: own, displayName: 'Cán bộ' }),
    },
    {
      name: 'directory unit',
      who: () => admin,
      method: 'POST',
      path: '/api/units',
      body: () => ({ id: 'don-vi-moi', name: 'Đơn vị mới', kind: 'ward', headEmail: 'a@b.vn', contactEmail: 'c@d.vn' }),
    },
    { name: 'import', who: () => admin, method: 'POST', path: '/api/units/import', body: () => ({ templateId: 'binh-tan-cchc-2019' }) },
    {
      name: 'launch',
      who: () => admin,
      method: 'POST',
      path: '/api/campaigns',
      body: () => ({ definition: { ...template, code: 'moi-khac', units: [own] } }),
    },
    {
      name: 'move milestones',
      who: () => admin,
      method: 'PATCH',
      path: `/api/campaigns/${code}/milestones`,
      body: () => ({ milestones: template.milestones }),
    },
    { name: 'add unit', who: () => admin, method: 'POST', path: `/api/campaigns/${code}/units`, body: () => ({ unitId: 'phong-kinh-te' }) },
    {
      name: 'withdraw',
      who: () => admin,
      method: 'DELETE',
      path: `/api/campaigns/${code}/units/phong-y-te`,
      body: () => ({ reason: 'Sáp nhập' }),
    },
    { name: 'cancel', who: () => admin, method: 'POST', path: `/api/campaigns/${code}/cancel`, body: () => ({ reason: 'Điều chỉnh' }) },
    {
      name: 'registration',
      who: () => unit,
      method: 'POST',
      path: `${u}/registration`,
      body: () => ({ commitments: 'Cam kết', initiatives: [initiative] }),
    },
    {
      name: 'decision',
      who: () => admin,
      method: 'POST',
      path: `${u}/registration/decision`,
      body: () => ({ decision: 'return', reason: 'Bổ sung' }),
    },
    {
      name: 'review',
      who: () => admin,
      method: 'POST',
      path: `${u}/reviews`,
      body: () => ({ stage: 'interim', rating: 'good', commendation: 'Giấy khen', note: 'Tốt' }),
    },
    { name: 'interim report', who: () => unit, method: 'POST', path: `${u}/interim-report`, body: () => ({ summary: 'Sơ kết' }) },
    { name: 'final report', who: () => unit, method: 'POST', path: `${u}/final-report`, body: () => ({ summary: 'Tổng kết' }) },
  ];
  const cases = writes.flatMap((w) =>
    stringPaths(w.body()).flatMap((field) =>
      [
        ['U+0000', 'a\u0000b'],
        ['lone surrogate', 'a\uD800b'],
      ].map(([what, text]) => [`${w.name}: ${field} with ${what}`, w, field, text] as const),
    ),
  );

  it.each(cases)('%s → 400 naming the field', async (_name, w, field, text) => {
    const before = await dbFingerprint(ds);
    const r = await w.who().call(w.method, w.path, withText(w.body(), field.split('.'), text));
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(r.body.message).toMatch(/không hợp lệ/);
    expect(await dbFingerprint(ds)).toBe(before);
  });

  it.each([
    ['campaign id in a path', 'GET', '/api/campaigns/%00/units'],
    ['unit id in a path', 'GET', `/api/campaigns/${code}/units/a%00b/events`],
    ['notification id in a path', 'POST', '/api/me/notifications/a%00b/read'],
    ['search in a query', 'GET', `/api/campaigns/${code}/units?q=%00`],
  ])('%s → 400', async (_name, method, path) => {
    const r = await admin.call(method, path);
    expect(r.status).toBe(400);
    expect(r.body.details.length).toBeGreaterThan(0);
  });

  it('still accepts a clean registration afterwards', async () => {
    const r = await unit.post(`${u}/registration`, { commitments: 'Cam kết hoàn thành', initiatives: [initiative] });
    expect(r.status).toBe(201);
    expect(r.body.phase).toBe('registration-submitted');
  });
});

/**
 * Bad input on every write endpoint, table-driven: each answer is {statusCode, error, message, details[]}
 * naming the bad fields, and nothing in the database changes.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dbFingerprint, startApiStack, type ApiClient, type ApiStack, eventually } from '@thidua/testing';

describe('bad input on every write endpoint', () => {
  let stack: ApiStack;
  let ds: DataSource;
  let admin: ApiClient;
  let unit: ApiClient;
  let withdrawnUnit: ApiClient;
  let template: Record<string, any>;
  const code = `bad-${randomUUID().slice(0, 8)}`;
  const cancelled = `huy-${randomUUID().slice(0, 8)}`;
  const [own, withdrawn] = ['phong-tu-phap', 'phong-y-te'];
  const pw = 'mat-khau-kiem-thu-2026';

  const fingerprint = (): Promise<string> => dbFingerprint(ds);

  beforeAll(async () => {
    stack = await startApiStack('badinput');
    ds = stack.api.get(DataSource);
    admin = stack.admin;
    await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' });
    for (const id of [own, withdrawn]) await admin.post('/api/accounts', { username: id, password: pw, role: 'unit', unitId: id });
    template = (await admin.get(`/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date().toISOString()}&code=${code}`)).body;
    expect((await admin.post('/api/campaigns', { definition: { ...template, units: [own, withdrawn] } })).status).toBe(201);
    expect((await admin.post('/api/campaigns', { definition: { ...template, code: cancelled, units: [own] } })).status).toBe(201);
    for (const c of [code, cancelled])
      await eventually(
        () => admin.get(`/api/campaigns/${c}`),
        (r) => r.body.status === 'running',
      );
    expect((await admin.call('DELETE', `/api/campaigns/${code}/units/${withdrawn}`, { reason: 'Sáp nhập đơn vị' })).body.phase).toBe(
      'withdrawn',
    );
    expect((await admin.post(`/api/campaigns/${cancelled}/cancel`, { reason: 'Điều chỉnh kế hoạch' })).body.status).toBe('cancelled');
    // The cancellation reaches the unit in the background: wait for it, or it would change the fingerprint mid-case.
    await eventually(
      () => admin.get(`/api/campaigns/${cancelled}/units/${own}`),
      (r) => r.body.phase === 'cancelled',
    );
    unit = await stack.anonymous.login(own, pw);
    withdrawnUnit = await stack.anonymous.login(withdrawn, pw);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const u = (id = own, c = code): string => `/api/campaigns/${c}/units/${id}`;
  const initiative = { title: 'Một cửa điện tử', description: 'Tiếp nhận hồ sơ trực tuyến' };
  const goodRegistration = { commitments: 'Cam kết hoàn thành', initiatives: [initiative] };
  type Case = {
    name: string;
    who: () => ApiClient;
    method?: string;
    path: () => string;
    body: unknown;
    status: number;
    fields?: string[];
    raw?: boolean;
    message?: RegExp;
  };
  const cases: Case[] = [
    {
      name: 'login without fields',
      who: () => stack.anonymous,
      path: () => '/api/auth/login',
      body: {},
      status: 400,
      fields: ['username', 'password'],
    },
    {
      name: 'login with wrong types',
      who: () => stack.anonymous,
      path: () => '/api/auth/login',
      body: { username: 5, password: ['x'] },
      status: 400,
      fields: ['username', 'password'],
    },
    {
      name: 'account: bad username, short password, unknown role, extra field',
      who: () => admin,
      path: () => '/api/accounts',
      body: { username: 'a b', password: 'ngan', role: 'boss', extra: 1 },
      status: 400,
      fields: ['username', 'password', 'role', 'extra'],
    },
    {
      name: 'account: unit role without unit',
      who: () => admin,
      path: () => '/api/accounts',
      body: { username: 'don-vi-x', password: pw, role: 'unit' },
      status: 400,
      fields: ['unitId'],
    },
    {
      name: 'account: unit not in the directory',
      who: () => admin,
      path: () => '/api/accounts',
      body: { username: 'don-vi-x', password: pw, role: 'unit', unitId: 'khong-co' },
      status: 422,
      fields: ['unitId'],
    },
    {
      name: 'account: username taken',
      who: () => admin,
      path: () => '/api/accounts',
      body: { username: own.toUpperCase(), password: pw, role: 'unit', unitId: own },
      status: 409,
    },
    {
      name: 'unit: bad id, empty name, unknown kind, bad e-mail',
      who: () => admin,
      path: () => '/api/units',
      body: { id: 'Phòng X', name: '', kind: 'club', headEmail: 'khong-phai-email' },
      status: 400,
      fields: ['id', 'name', 'kind', 'headEmail'],
    },
    {
      name: 'unit: name too long',
      who: () => admin,
      path: () => '/api/units',
      body: { id: 'dv-moi', name: 'x'.repeat(201), kind: 'ward' },
      status: 400,
      fields: ['name'],
    },
    { name: 'unit: id taken', who: () => admin, path: () => '/api/units', body: { id: own, name: 'Trùng', kind: 'agency' }, status: 409 },
    {
      name: 'import: unknown template',
      who: () => admin,
      path: () => '/api/units/import',
      body: () => ({ templateId: 'khong-co' }),
      status: 404,
    },
    {
      name: 'launch: definition not an object',
      who: () => admin,
      path: () => '/api/campaigns',
      body: { definition: 'x' },
      status: 400,
      fields: ['definition'],
    },
    {
      name: 'launch: units not in the directory',
      who: () => admin,
      path: () => '/api/campaigns',
      body: () => ({ definition: { ...template, code: 'moi-1', units: ['khong-co'] } }),
      status: 422,
      fields: ['units'],
    },
    {
      name: 'launch: milestones out of order',
      who: () => admin,
      path: () => '/api/campaigns',
      body: () => ({
        definition: {
          ...template,
          code: 'moi-2',
          units: [own],
          milestones: { ...template.milestones, registrationDue: '2019-01-01T00:00:00+07:00' },
        },
      }),
      status: 400,
      fields: ['definition.milestones.registrationDue'],
    },
    {
      name: 'launch: code taken by another definition',
      who: () => admin,
      path: () => '/api/campaigns',
      body: () => ({ definition: { ...template, title: 'Khác', units: [own, withdrawn] } }),
      status: 409,
    },
    {
      name: 'move milestones: not an instant',
      who: () => admin,
      method: 'PATCH',
      path: () => `/api/campaigns/${code}/milestones`,
      body: () => ({ milestones: { ...template.milestones, launchAt: 'hôm qua' } }),
      status: 400,
      fields: ['milestones.launchAt'],
    },
    {
      name: 'move milestones: unknown campaign',
      who: () => admin,
      method: 'PATCH',
      path: () => '/api/campaigns/khong-co/milestones',
      body: () => ({ milestones: template.milestones }),
      status: 404,
    },
    {
      name: 'move milestones: cancelled campaign',
      who: () => admin,
      method: 'PATCH',
      path: () => `/api/campaigns/${cancelled}/milestones`,
      body: () => ({ milestones: template.milestones }),
      status: 409,
    },
    {
      name: 'add unit: not in the directory',
      who: () => admin,
      path: () => `/api/campaigns/${code}/units`,
      body: { unitId: 'khong-co' },
      status: 422,
    },
    {
      name: 'add unit: already enrolled',
      who: () => admin,
      path: () => `/api/campaigns/${code}/units`,
      body: { unitId: own },
      status: 409,
    },
    { name: 'withdraw: unknown unit', who: () => admin, method: 'DELETE', path: () => u('phong-kinh-te'), body: {}, status: 404 },
    {
      name: 'withdraw: empty reason',
      who: () => admin,
      method: 'DELETE',
      path: () => u(),
      body: { reason: '' },
      status: 400,
      fields: ['reason'],
    },
    {
      name: 'cancel: reason of the wrong type',
      who: () => admin,
      path: () => `/api/campaigns/${code}/cancel`,
      body: { reason: 42 },
      status: 400,
      fields: ['reason'],
    },
    { name: 'cancel: already cancelled', who: () => admin, path: () => `/api/campaigns/${cancelled}/cancel`, body: {}, status: 409 },
    {
      name: 'decision: unknown decision',
      who: () => admin,
      path: () => `${u()}/registration/decision`,
      body: { decision: 'maybe' },
      status: 400,
      fields: ['decision'],
    },
    {
      name: 'decision: return without a reason',
      who: () => admin,
      path: () => `${u()}/registration/decision`,
      body: { decision: 'return' },
      status: 400,
      fields: ['reason'],
    },
    {
      name: 'decision: nothing submitted yet',
      who: () => admin,
      path: () => `${u()}/registration/decision`,
      body: { decision: 'approve' },
      status: 409,
    },
    {
      name: 'review: unknown stage and rating',
      who: () => admin,
      path: () => `${u()}/reviews`,
      body: { stage: 'mid', rating: 'great' },
      status: 400,
      fields: ['stage', 'rating'],
    },
    {
      name: 'review: commendation too long',
      who: () => admin,
      path: () => `${u()}/reviews`,
      body: { stage: 'interim', rating: 'good', commendation: 'x'.repeat(501) },
      status: 400,
      fields: ['commendation'],
    },
    {
      name: 'review: final before the final report',
      who: () => admin,
      path: () => `${u()}/reviews`,
      body: { stage: 'final', rating: 'good' },
      status: 409,
    },
    {
      name: 'registration: no initiative',
      who: () => unit,
      path: () => `${u()}/registration`,
      body: { commitments: 'Cam kết', initiatives: [] },
      status: 400,
      fields: ['initiatives'],
    },
    {
      name: 'registration: 21 initiatives',
      who: () => unit,
      path: () => `${u()}/registration`,
      body: { commitments: 'Cam kết', initiatives: Array(21).fill(initiative) },
      status: 400,
      fields: ['initiatives'],
    },
    {
      name: 'registration: blank commitments, empty title, unknown field',
      who: () => unit,
      path: () => `${u()}/registration`,
      body: { commitments: '   ', initiatives: [{ title: '', description: 'x', owner: 'y' }] },
      status: 400,
      fields: ['commitments', 'initiatives.0.title', 'initiatives.0.owner'],
    },
    {
      name: 'registration: title too long',
      who: () => unit,
      path: () => `${u()}/registration`,
      body: { commitments: 'x', initiatives: [{ title: 't'.repeat(301), description: 'x' }] },
      status: 400,
      fields: ['initiatives.0.title'],
    },
    {
      name: 'registration: initiatives of the wrong type',
      who: () => unit,
      path: () => `${u()}/registration`,
      body: { commitments: 'x', initiatives: 'một' },
      status: 400,
      fields: ['initiatives'],
    },
    {
      name: 'registration: malformed JSON',
      who: () => unit,
      path: () => `${u()}/registration`,
      body: '{"commitments": "x",',
      raw: true,
      status: 400,
      message: /JSON/,
    },
    {
      name: 'registration: body over 256 KiB',
      who: () => unit,
      path: () => `${u()}/registration`,
      body: { commitments: 'x'.repeat(300 * 1024), initiatives: [initiative] },
      status: 413,
      message: /256 KiB/,
    },
    { name: 'registration: unknown campaign', who: () => unit, path: () => u(own, 'khong-co'), body: goodRegistration, status: 404 },
    {
      name: 'registration: withdrawn unit',
      who: () => withdrawnUnit,
      path: () => `${u(withdrawn)}/registration`,
      body: goodRegistration,
      status: 409,
      message: /kết thúc tham gia/,
    },
    {
      name: 'registration: cancelled campaign',
      who: () => unit,
      path: () => `${u(own, cancelled)}/registration`,
      body: goodRegistration,
      status: 409,
    },
    {
      name: 'interim report: percentage over 100, summary missing',
      who: () => unit,
      path: () => `${u()}/interim-report`,
      body: { metrics: { satisfactionPct: 101, onTimeDossierPct: -1 } },
      status: 400,
      fields: ['summary', 'metrics.satisfactionPct', 'metrics.onTimeDossierPct'],
    },
    {
      name: 'interim report: not asked for by this plan',
      who: () => unit,
      path: () => `${u()}/interim-report`,
      body: { summary: 'Sơ kết' },
      status: 409,
    },
    {
      name: 'final report: metric not a number, unknown metric',
      who: () => unit,
      path: () => `${u()}/final-report`,
      body: { summary: 'x', metrics: { onlineProceduresPct: '35', happiness: 1 } },
      status: 400,
      fields: ['metrics.onlineProceduresPct', 'metrics.happiness'],
    },
    {
      name: 'final report: before the campaign ends',
      who: () => unit,
      path: () => `${u()}/final-report`,
      body: { summary: 'Tổng kết' },
      status: 409,
    },
    {
      name: 'idempotency key too long',
      who: () => unit,
      path: () => `${u()}/registration`,
      body: goodRegistration,
      status: 400,
      fields: ['Idempotency-Key'],
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await fingerprint();
    const headers: Record<string, string> = c.name.startsWith('idempotency') ? { 'idempotency-key': 'k'.repeat(201) } : {};
    const value = typeof c.body === 'function' ? (c.body as () => unknown)() : c.body;
    const body = c.raw ? value : JSON.stringify(value);
    const r = await c.who().call(c.method ?? 'POST', c.path(), body, { 'content-type': 'application/json', ...headers });
    expect(r.status).toBe(c.status);
    expect(r.body).toEqual({ statusCode: c.status, error: expect.any(String), message: expect.any(String), details: expect.any(Array) });
    expect(r.body.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữíìịỉĩúùụủũýỳỵỷỹéèẹẻẽóòọỏõ]/); // Vietnamese, with diacritics
    if (c.message) expect(r.body.message).toMatch(c.message);
    const named = r.body.details.map((d: { field?: string }) => d.field);
    for (const f of c.fields ?? []) expect(named).toContain(f);
    expect(await fingerprint()).toBe(before);
  });

  // Last, because it changes the campaign: the same endpoints succeed with good input.
  it('moves milestones and adds a unit, recorded with the acting admin', async () => {
    const later = new Date(Date.parse(template.milestones.registrationDue) + 3 * 86_400_000).toISOString();
    const moved = await admin.call('PATCH', `/api/campaigns/${code}/milestones`, {
      milestones: { ...template.milestones, registrationDue: later },
    });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.milestones.registrationDue)).toBe(Date.parse(later));
    const detail = await eventually(
      () => unit.get(u()),
      (r) => Date.parse(r.body.deadlines.registration.dueAt) === Date.parse(later),
    );
    expect(detail.body.phase).toBe('awaiting-registration');
    const added = await admin.post(`/api/campaigns/${code}/units`, { unitId: 'phong-kinh-te' });
    expect(added.status).toBe(201);
    expect(added.body.launch.unitsTotal).toBe(3);
    const enrolled = await eventually(
      () => admin.get(u('phong-kinh-te')),
      (r) => r.status === 200,
    );
    expect(Date.parse(enrolled.body.deadlines.registration.dueAt)).toBe(Date.parse(later));
    const log = await ds.query<Array<{ type: string; actor: string }>>(
      'SELECT type, actor FROM events WHERE campaign_id = $1 AND unit_id IS NULL ORDER BY seq',
      [code],
    );
    expect(log).toEqual(
      expect.arrayContaining([
        { type: 'MilestoneMoved', actor: 'admin:quan-tri' },
        { type: 'UnitAdded', actor: 'admin:quan-tri' },
      ]),
    );
  });
});

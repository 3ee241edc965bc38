/**
 * The fuzz suite: every operation of /api/docs-json, as every role, with hostile inputs generated from
 * its schemas (test/openapi-fuzz.ts). Each answer must be a 4xx (never 5xx, never a success), carry a
 * Vietnamese message, name the broken field when it is a 400, and leave the database as it was.
 * Fixed seed in CI; more cases: FUZZ_RUNS=2000 FUZZ_SEED=123 npx jest apps/api/test/api-fuzz.e2e-spec.ts
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  dbFingerprint,
  startApiStack,
  type ApiClient,
  type ApiStack,
  eventually,
  hostileRequests,
  operationsOf,
  type FuzzRequest,
} from '@thidua/testing';

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
const PW = 'mat-khau-kiem-thu-2026';

describe('fuzz: hostile input on every operation of the OpenAPI document', () => {
  let stack: ApiStack;
  let ds: DataSource;
  const clients: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};
  const tally = new Map<string, Map<number, number>>();
  let total = 0;

  beforeAll(async () => {
    stack = await startApiStack('fuzz');
    ds = stack.api.get(DataSource);
    const admin = stack.admin;
    await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' });
    const unitId = 'phong-tu-phap';
    await admin.post('/api/accounts', { username: unitId, password: PW, role: 'unit', unitId });
    await admin.post('/api/accounts', { username: 'dieu-phoi', password: PW, role: 'coordinator' });
    const code = `fuzz-${randomUUID().slice(0, 8)}`;
    const template = (await admin.get(`/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date().toISOString()}&code=${code}`)).body;
    expect((await admin.post('/api/campaigns', { definition: { ...template, units: [unitId, 'phong-y-te'] } })).status).toBe(201);
    await eventually(
      () => admin.get(`/api/campaigns/${code}`),
      (r) => r.body.status === 'running',
    );
    Object.assign(ids, { id: code, unitId, nid: randomUUID() });
    Object.assign(clients, {
      anonymous: stack.anonymous,
      admin,
      coordinator: await stack.anonymous.login('dieu-phoi', PW),
      unit: await stack.anonymous.login(unitId, PW),
    });
  });
  afterAll(async () => {
    const lines = [...tally].map(
      ([op, statuses]) =>
        `fuzz ${op} ${[...statuses]
          .sort()
          .map(([s, n]) => `${s}:${n}`)
          .join(' ')}`,
    );
    process.stdout.write(`${lines.join('\n')}\nfuzz summary requests=${total} operations=${tally.size} seed=${SEED}\n`);
    await stack?.close();
  });

  const send = async (who: ApiClient, r: FuzzRequest): Promise<{ status: number; body: any }> => {
    const headers: Record<string, string> = r.method === 'GET' ? {} : { 'idempotency-key': randomUUID() };
    const payload = r.raw ?? (r.body === undefined ? undefined : JSON.stringify(r.body));
    return who.call(r.method, r.url, payload, headers);
  };

  it('answers every hostile request with a clear 4xx and changes nothing', async () => {
    const doc = (await stack.anonymous.get('/api/docs-json')).body;
    const ops = operationsOf(doc).filter((op) => op.path.startsWith('/api/'));
    expect(ops.length).toBeGreaterThan(20);
    const roles = Object.keys(clients);
    for (const op of ops) {
      const name = `${op.method} ${op.path}`;
      const statuses = new Map<number, number>();
      tally.set(name, statuses);
      const before = await dbFingerprint(ds);
      await fc.assert(
        fc.asyncProperty(hostileRequests(op, ids), fc.constantFrom(...roles), async (request, role) => {
          const r = await send(clients[role], request);
          total += 1;
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          const where = `${role} ${request.method} ${request.url.slice(0, 120)} (${request.broke}: ${request.how}) → ${r.status} ${(JSON.stringify(r.body) ?? '').slice(0, 300)}`;
          if (r.status >= 500 || r.status < 400) throw new Error(`not a 4xx: ${where}`);
          // 431/414: Node's HTTP parser refuses an oversized request line before the application sees it.
          if (r.status === 431 || r.status === 414) return;
          if (typeof r.body?.message !== 'string' || !VIETNAMESE.test(r.body.message)) throw new Error(`no Vietnamese message: ${where}`);
          if (r.status === 400 && request.field !== undefined) {
            const fields: string[] = (r.body.details ?? []).map((d: { field?: string }) => d.field ?? '');
            const named =
              r.body.message.includes(request.field) ||
              fields.some((f) => f === request.field || f.endsWith(`.${request.field}`) || f.startsWith(`${request.field}.`));
            if (!named) throw new Error(`400 does not name the field: ${where}`);
          }
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
      expect(`${name}: ${await dbFingerprint(ds)}`).toBe(`${name}: ${before}`);
    }
  }, 600_000);
});

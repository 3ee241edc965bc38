/**
 * The authorization matrix, generated from the API's own OpenAPI document: every operation × eight callers of
 * three organisations (the province's admin and coordinator; ward A's and ward B's admin, coordinator and a
 * unit's clerk) × the data of each organisation. No leak is allowed: an id outside the caller's scope answers
 * 404 (exactly as an id that does not exist), a change of what the caller may only read is refused, no list
 * answer names another organisation's objects, and what the caller may read is really answered (the matrix
 * cannot pass by refusing everything). Writes carry an invalid body: a caller who passes the guards gets 400,
 * so the matrix changes nothing it checks.
 */
import { eventually, operationsOf, startApiStack, type ApiClient, type ApiStack, type Operation } from '@thidua/testing';

type Org = 'tp' | 'pa' | 'pb';
type Who = 'tp-admin' | 'tp-coordinator' | 'pa-admin' | 'pa-coordinator' | 'pa-clerk' | 'pb-admin' | 'pb-coordinator' | 'pb-clerk';
const ORGS: readonly Org[] = ['tp', 'pa', 'pb'];
const WHO: readonly Who[] = [
  'tp-admin',
  'tp-coordinator',
  'pa-admin',
  'pa-coordinator',
  'pa-clerk',
  'pb-admin',
  'pb-coordinator',
  'pb-clerk',
];
const ORG_ID: Record<Org, string> = { tp: 'root', pa: 'phuong-an', pb: 'phuong-binh' };

/** What each organisation holds (ids made distinct by the organisation's prefix). */
interface OrgData {
  readonly campaign: string;
  readonly cluster: string;
  readonly template: string;
  readonly unit: string;
  readonly units: readonly string[];
  readonly clerkAccount: string;
  readonly usernames: readonly string[];
}

/** Paths that are not an organisation's data: public, or a stream that never ends (its scope has its own tests). */
const SKIPPED = new Set([
  'POST /api/auth/login',
  'GET /api/health',
  'GET /api/ready',
  'GET /api/calendar/feeds/{file}',
  'GET /api/me/live',
]);

describe('authorization matrix: three organisations, eight callers, every operation', () => {
  let stack: ApiStack;
  const as = {} as Record<Who, ApiClient>;
  const data = {} as Record<Org, OrgData>;
  const pw = 'mat-khau-kiem-thu-2026';
  let ops: Operation[] = [];

  const orgOf = (who: Who): Org => who.slice(0, 2) as Org;
  /** The province reads everything below it; a ward only its own. */
  const sees = (who: Who, owner: Org): boolean => orgOf(who) === 'tp' || orgOf(who) === owner;

  beforeAll(async () => {
    stack = await startApiStack('authz');
    const root = stack.admin;
    for (const [id, name] of [
      ['phuong-an', 'Phường An'],
      ['phuong-binh', 'Phường Bình'],
    ])
      expect((await root.post('/api/organisations', { id, kind: 'ward', name })).status).toBe(201);
    // Each organisation's admin sets up its own directory, accounts, template and campaign.
    for (const org of ORGS) {
      let admin = root;
      if (org !== 'tp') {
        const made = await root.post('/api/accounts', { username: `${org}-admin`, password: pw, role: 'admin', orgId: ORG_ID[org] });
        expect(made.status).toBe(201);
        admin = await stack.anonymous.login(`${org}-admin`, pw);
      }
      const units = [`${org}-dv-1`, `${org}-dv-2`];
      for (const id of units) expect((await admin.post('/api/units', { id, name: `Đơn vị ${id}`, kind: 'agency' })).status).toBe(201);
      expect((await admin.post('/api/accounts', { username: `${org}-coordinator`, password: pw, role: 'coordinator' })).status).toBe(201);
      const clerk = await admin.post('/api/accounts', { username: `${org}-clerk`, password: pw, role: 'unit', unitId: units[0] });
      expect(clerk.status).toBe(201);
      const def = (await admin.get(`/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date().toISOString()}&code=${org}-dot`)).body;
      expect((await admin.post('/api/campaign-templates', { id: `${org}-mau`, definition: def })).status).toBe(201);
      expect((await admin.post('/api/campaigns', { definition: { ...def, units } })).status).toBe(201);
      const cluster = { id: `${org}-cum`, year: 2027, name: `Cụm ${org}`, members: units, head: units[0] };
      expect((await admin.post('/api/clusters', cluster)).status).toBe(201);
      data[org] = {
        campaign: `${org}-dot`,
        cluster: `${org}-cum`,
        template: `${org}-mau`,
        unit: units[0],
        units,
        clerkAccount: clerk.body.id,
        usernames: [`${org}-coordinator`, `${org}-clerk`, ...(org === 'tp' ? [] : [`${org}-admin`])],
      };
    }
    for (const org of ORGS)
      await eventually(
        () => root.get(`/api/campaigns/${data[org].campaign}`),
        (r) => r.body.status === 'running' && r.body.counts.byPhase['awaiting-registration'] === 2,
      );
    Object.assign(as, { 'tp-admin': root });
    for (const who of WHO) if (who !== 'tp-admin') as[who] = await stack.anonymous.login(who, pw);
    ops = operationsOf((await stack.anonymous.get('/api/docs-json')).body).filter((op) => !SKIPPED.has(`${op.method} ${op.path}`));
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** The path of `op` naming `owner`'s objects; undefined when a parameter is not one the matrix knows (a new endpoint must be classified). */
  function pathFor(op: Operation, owner: Org): string {
    const d = data[owner];
    const ids: Record<string, string> = {
      unitId: d.unit,
      accountId: d.clerkAccount,
      formId: 'chien-si-thi-dua-co-so',
      year: '2026',
      paper: 'quyet-dinh.pdf',
      nid: 'khong-co',
      nomineeId: 'khong-co',
      roundId: 'khong-co',
      criterion: 'khong-co',
      objectionId: 'khong-co',
      fileId: '00000000-0000-4000-8000-000000000000',
    };
    return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      if (name === 'id') {
        if (op.path.startsWith('/api/campaigns/')) return d.campaign;
        if (op.path.startsWith('/api/campaign-templates/')) return d.template;
        if (op.path.startsWith('/api/organisations/')) return ORG_ID[owner];
        if (op.path.startsWith('/api/clusters/')) return d.cluster;
      }
      const value = ids[name];
      if (value === undefined) throw new Error(`${op.method} ${op.path}: the matrix does not know the parameter {${name}}`);
      return value;
    });
  }

  /** Whether the path names an organisation's object (not only global ones: a form, a year). */
  const owned = (op: Operation): boolean => op.pathParams.some((p) => ['id', 'unitId', 'accountId'].includes(p));

  const call = (who: Who, op: Operation, path: string) =>
    op.method === 'GET' ? as[who].get(path) : as[who].call(op.method, path, { unexpectedField: true });

  it('answers 404 outside the scope, refuses changes of what may only be read, and really answers what may be read', async () => {
    expect(ops.length).toBeGreaterThan(60);
    const leaks: string[] = [];
    let readsAnswered = 0;
    for (const op of ops.filter(owned)) {
      for (const who of WHO) {
        const mine = await call(who, op, pathFor(op, orgOf(who)));
        const roleForbidden = mine.status === 403;
        for (const owner of ORGS) {
          if (owner === orgOf(who)) continue;
          const path = pathFor(op, owner);
          const r = await call(who, op, path);
          const line = `${who} ${op.method} ${path} → ${r.status} ${(JSON.stringify(r.body) ?? '').slice(0, 160)}`;
          if (roleForbidden) {
            if (r.status !== 403) leaks.push(`${line} (the role may not call it: 403 expected)`);
          } else if (!sees(who, owner)) {
            if (r.status !== 404) leaks.push(`${line} (outside the scope: 404 expected)`);
          } else if (op.method !== 'GET' && !op.path.endsWith('/clone')) {
            // (A clone only reads its source: the copy is the caller's own.)
            // The province reads the wards' data; it changes only its accounts and organisations (an admin manages those below).
            const manages = who === 'tp-admin' && (op.path.startsWith('/api/accounts/') || op.path.startsWith('/api/organisations/'));
            if (!manages && r.status !== 403) leaks.push(`${line} (read only: 403 expected)`);
            // A DELETE takes no body: removing a certificate the organisation has not got is the 404 that says so.
            const nothingToRemove = op.method === 'DELETE' && r.status === 404 && /chưa có chứng thư số/.test(String(r.body?.message));
            if (manages && r.status !== 400 && !nothingToRemove)
              leaks.push(`${line} (an admin manages those below: 400 for the invalid body expected)`);
          } else if (mine.status < 300) {
            if (r.status >= 300) leaks.push(`${line} (in the scope, answered for its own: 2xx expected)`);
            else readsAnswered += 1;
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(readsAnswered).toBeGreaterThan(20);
  });

  it('names no object of an organisation outside the scope in any list', async () => {
    const leaks: string[] = [];
    const lists = ops.filter((op) => op.method === 'GET' && op.pathParams.length === 0);
    expect(lists.length).toBeGreaterThan(8);
    for (const op of lists) {
      const queries = op.query.some((q) => q.name === 'below') ? ['', '?below=true'] : [''];
      for (const query of queries)
        for (const who of WHO) {
          const r = await as[who].get(`${op.path}${query}`);
          const text = JSON.stringify(r.body);
          for (const owner of ORGS) {
            if (sees(who, owner)) continue;
            const d = data[owner];
            // The province itself is known to every ward below it (its id is their parent's, its built-in plans are shared): its data are not.
            const tokens = [
              d.campaign,
              d.cluster,
              d.template,
              ...d.units,
              d.clerkAccount,
              ...(owner === 'tp' ? [] : [ORG_ID[owner]]),
              ...d.usernames,
            ];
            for (const token of tokens)
              if (text.includes(`"${token}"`)) leaks.push(`${who} GET ${op.path}${query} names "${token}" of ${ORG_ID[owner]}`);
          }
        }
    }
    expect(leaks).toEqual([]);
    // And the lists do show what is in the scope: the province sees both wards' campaigns when it asks for those below.
    const below = (await as['tp-coordinator'].get('/api/campaigns?below=true')).body as Array<{ id: string }>;
    expect(below.map((c) => c.id).sort()).toEqual(['pa-dot', 'pb-dot', 'tp-dot']);
    const own = (await as['pa-coordinator'].get('/api/campaigns?below=true')).body as Array<{ id: string }>;
    expect(own.map((c) => c.id)).toEqual(['pa-dot']);
  });

  it('lets a clerk reach only the campaigns that enrol its own unit', async () => {
    expect((await as['pa-clerk'].get(`/api/campaigns/pa-dot/units/pa-dv-1`)).status).toBe(200);
    expect((await as['pa-clerk'].get(`/api/campaigns/pb-dot/units/pa-dv-1`)).status).toBe(404);
    expect((await as['pa-clerk'].get(`/api/campaigns/pb-dot/commendation/papers/quyet-dinh.pdf`)).status).toBe(404);
    const tasks = (await as['pa-clerk'].get('/api/me/tasks')).body as Array<{ campaignId: string }>;
    expect(new Set(tasks.map((t) => t.campaignId))).toEqual(new Set(['pa-dot']));
  });
});

/**
 * npm run bench:province -- [--wards 168] [--units 60] [--seconds 20] [--read-rate 100] [--rounds 3] [--backends dev]
 * Reads of a province's installation against today's single office, in one run on one engine (worker and API in
 * their own processes, PostgreSQL): first one office (the root organisation alone, one campaign of `units`
 * units) and its coordinator's reads — the campaign list, the campaign's summary, a page of its unit table, the
 * inbox — at a fixed rate (open loop); then the province seeded from the official list (Thành phố Hồ Chí Minh,
 * `org:import`'s code) with `wards` wards of `units` units each, a campaign per ward and the city's campaign
 * of its wards, and the same reads at the same rate as ward coordinators (each on its own ward) and as the
 * city's coordinator, `rounds` windows of each (the median p99's window counts). Prints p50/p99 of each and their
 * ratio to the single office's. The city's read of every
 * campaign below it is printed beside (a read the single office never had).
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { CampaignLauncher, mapPool } from '@thidua/campaigns';
import { BINH_TAN_2019, instantiateTemplate, unitWorkflowId, type UnitRef } from '@thidua/contracts';
import { freePort, officialProvince, REPO_ROOT, stopChild, waitFor } from '@thidua/devkit';
import { importProvince } from '@thidua/persistence';
import { hashPassword } from '../apps/api/src/auth/password';
import { arg, benchEachBackend, cleanups, startEngine, waitForLaunchSettled, type Backend } from './bench-kit';
import { httpCall, openLoop, type StreamResult } from './load';

const log = (m: string): void => void process.stderr.write(`${m}\n`);
const fmt = (r: StreamResult): string =>
  `ok=${r.ok}/${r.sent} p50=${r.p50.toFixed(1)}ms p95=${r.p95.toFixed(1)}ms p99=${r.p99.toFixed(1)}ms max=${r.max.toFixed(1)}ms${Object.keys(r.errors).length ? ` errors=${JSON.stringify(r.errors)}` : ''}`;

async function measure(
  backend: Backend,
  dir: string,
  pgUrl: string,
  { wards, units, seconds, rate, rounds }: { wards: number; units: number; seconds: number; rate: number; rounds: number },
) {
  const secret = randomBytes(48).toString('base64url');
  const engine = await startEngine(dir, pgUrl, backend, { cachedWorkflows: (wards + 2) * units + 500 });
  const { ds, client, taskQueue } = engine;
  const jwt = new JwtService({ secret, signOptions: { expiresIn: 3600 } });
  const hash = await hashPassword(randomBytes(12).toString('hex'));
  const api = { child: undefined as ReturnType<typeof spawn> | undefined };
  try {
    /** Staff accounts holding one role each, written directly (the bench measures reads, not set-up); their tokens. */
    const staff = async (entries: Array<{ username: string; org: string; role: string }>): Promise<string[]> => {
      const ids = entries.map(() => randomUUID());
      await ds.query(
        'INSERT INTO accounts (id, username, password_hash, org_id) SELECT a, u, $3, o FROM unnest($1::uuid[], $2::text[], $4::text[]) AS t(a, u, o)',
        [ids, entries.map((e) => e.username), hash, entries.map((e) => e.org)],
      );
      await ds.query(
        'INSERT INTO role_grants (account_id, org_id, role) SELECT a, o, r FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(a, o, r)',
        [ids, entries.map((e) => e.org), entries.map((e) => e.role)],
      );
      return entries.map((e, i) => jwt.sign({ sub: ids[i], username: e.username, role: e.role, org: e.org }));
    };
    const directory = async (org: string, list: UnitRef[]): Promise<void> => {
      await ds.query(
        'INSERT INTO units (id, name, kind, org_id) SELECT id, n, k, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, n, k)',
        [list.map((u) => u.id), list.map((u) => u.name), list.map((u) => u.kind), org],
      );
    };
    const unitsOf = (prefix: string): UnitRef[] =>
      Array.from({ length: units }, (_, i) => ({
        id: `${prefix}-dv-${i + 1}`,
        name: `Khu phố ${i + 1} (${prefix})`,
        kind: 'neighbourhood',
      }));
    const launcher = new CampaignLauncher(ds, client, taskQueue);
    const launch = (code: string, org: string, list: UnitRef[]) =>
      launcher.launch({ ...instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code }), units: list }, 'bench', org);

    // Every unit workflow of every campaign started (a campaign turns 'running' after its last batch).
    const everyCampaignRunning = () =>
      waitFor(
        'every campaign running',
        async () => (await ds.query<Array<{ n: number }>>("SELECT count(*)::int AS n FROM campaigns WHERE status <> 'running'"))[0].n === 0,
        60 * 60_000,
        500,
      );

    const port = await freePort();
    api.child = spawn(process.execPath, [join(REPO_ROOT, 'dist/apps/api/src/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: engine.databaseUrl,
        TEMPORAL_ADDRESS: engine.temporal.address,
        WORKFLOW_BUNDLE_PATH: join(dir, 'bundle.js'),
        TEMPORAL_TASK_QUEUE: taskQueue,
        LOG_LEVEL: 'warn',
        JWT_SECRET: secret,
        PORT: String(port),
        HOST: '127.0.0.1',
        DIGEST_CRON: '',
        PROCESS_NAME: 'api-1',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    cleanups.push(() => stopChild(api.child!, 20_000));
    const base = new URL(`http://127.0.0.1:${port}`);
    await waitFor('the API to be ready', async () => (await fetch(new URL('/ready', base))).ok, 120_000, 200);

    /** The reads of one coordinator on their campaign, in turn. */
    const reads = (token: (n: number) => string, campaign: (n: number) => string) => (n: number) => {
      const path = [
        '/api/campaigns',
        `/api/campaigns/${campaign(n)}`,
        `/api/campaigns/${campaign(n)}/units?page=1&pageSize=50`,
        '/api/me/notifications?limit=20',
      ][n % 4];
      return httpCall(base, 'GET', path, token(n), undefined, 200);
    };
    /** One measured window after a warm-up long enough to touch every campaign once (a JIT-compiled, cached read path). */
    const run = async (name: string, call: (n: number) => Promise<string | undefined>): Promise<StreamResult> => {
      await openLoop(rate, 10, call);
      const r = await openLoop(rate, seconds, call);
      log(`${name}: ${fmt(r)}`);
      return r;
    };
    /** `rounds` windows; the one with the median p99 (a single window's p99 is its 1 % slowest: one GC pause moves it). */
    const median = (results: StreamResult[]): StreamResult => [...results].sort((a, b) => a.p99 - b.p99)[Math.floor(results.length / 2)];

    log(`single office: one campaign of ${units} units`);
    const [officeToken] = await staff([{ username: 'van-phong-dieu-phoi', org: 'root', role: 'coordinator' }]);
    const officeUnits = unitsOf('vp');
    await directory('root', officeUnits);
    await launch('van-phong', 'root', officeUnits);
    await everyCampaignRunning();
    await waitForLaunchSettled(client, taskQueue, unitWorkflowId('van-phong', officeUnits[units - 1].id));
    const officeRounds: StreamResult[] = [];
    for (let i = 0; i < rounds; i++)
      officeRounds.push(
        await run(
          `single office reads ${i + 1}/${rounds}`,
          reads(
            () => officeToken,
            () => 'van-phong',
          ),
        ),
      );
    const office = median(officeRounds);

    const province = officialProvince(79);
    if (!province) throw new Error('the official list has no province 79');
    const seeded = await importProvince(ds, { ...province, wards: province.wards.slice(0, wards) }, 'bench');
    log(`${seeded.province}: ${seeded.created} wards; ${wards} campaigns of ${units} units and the city's campaign of its wards`);
    const wardRows = await ds.query<Array<{ id: string }>>('SELECT id FROM organisations WHERE parent_id = $1 ORDER BY id', ['root']);
    const wardIds = wardRows.map((r) => r.id);
    const wardTokens = await staff(wardIds.map((w) => ({ username: `${w}-dieu-phoi`, org: w, role: 'coordinator' })));
    const [cityToken] = await staff([{ username: 'thanh-pho-dieu-phoi', org: 'root', role: 'coordinator' }]);
    const t0 = performance.now();
    await mapPool(wardIds, 4, async (w) => {
      const list = unitsOf(w);
      await directory(w, list);
      await launch(`${w}-2027`, w, list);
    });
    const cityUnits = await ds.query<UnitRef[]>("SELECT id, name, kind FROM units WHERE org_id = 'root' AND kind IN ('ward', 'commune')");
    await launch('thanh-pho-2027', 'root', cityUnits);
    await everyCampaignRunning();
    await waitForLaunchSettled(
      client,
      taskQueue,
      unitWorkflowId(`${wardIds[wardIds.length - 1]}-2027`, `${wardIds[wardIds.length - 1]}-dv-${units}`),
    );
    const [{ n: unitTotal }] = await ds.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM unit_status');
    log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${unitTotal} units running`);

    const wardRounds: StreamResult[] = [];
    const cityRounds: StreamResult[] = [];
    for (let i = 0; i < rounds; i++) {
      wardRounds.push(
        await run(
          `ward reads ${i + 1}/${rounds}`,
          reads(
            (n) => wardTokens[(n >> 2) % wardTokens.length],
            (n) => `${wardIds[(n >> 2) % wardIds.length]}-2027`,
          ),
        ),
      );
      cityRounds.push(
        await run(
          `city reads ${i + 1}/${rounds}`,
          reads(
            () => cityToken,
            () => 'thanh-pho-2027',
          ),
        ),
      );
    }
    const ward = median(wardRounds);
    const city = median(cityRounds);
    const below = await openLoop(Math.max(1, Math.round(rate / 20)), seconds, () =>
      httpCall(base, 'GET', '/api/campaigns?below=true', cityToken, undefined, 200),
    );
    log(`city: every campaign below (${wards + 2} summaries): ${fmt(below)}`);
    return (
      `province backend=${backend} wards=${wards} units_per_ward=${units} units_total=${unitTotal} rate=${rate} rounds=${rounds} ` +
      `office_p50_ms=${office.p50.toFixed(1)} office_p99_ms=${office.p99.toFixed(1)} ` +
      `ward_p50_ms=${ward.p50.toFixed(1)} ward_p99_ms=${ward.p99.toFixed(1)} city_p50_ms=${city.p50.toFixed(1)} city_p99_ms=${city.p99.toFixed(1)} ` +
      `ratio_ward_p99=${(ward.p99 / office.p99).toFixed(2)} ratio_city_p99=${(city.p99 / office.p99).toFixed(2)} ` +
      `below_list_p50_ms=${below.p50.toFixed(1)} below_list_p99_ms=${below.p99.toFixed(1)}`
    );
  } finally {
    if (api.child) await stopChild(api.child, 20_000);
    await engine.stop();
  }
}

const wards = arg('wards', 168);
const units = arg('units', 60);
const seconds = arg('seconds', 20);
const rate = arg('read-rate', 100);
const rounds = arg('rounds', 3);
benchEachBackend(
  'bench-province',
  (backends, dir) =>
    `bench: ${wards} wards × ${units} units on ${backends.join(' and ')}; reads at ${rate}/s for ${seconds} s; servers in ${dir}`,
  (backend, dir, pgUrl) => measure(backend, dir, pgUrl, { wards, units, seconds, rate, rounds }),
);

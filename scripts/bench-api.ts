/**
 * npm run bench:api -- [--units 1000] [--seconds 30] [--submit-rate 100] [--read-rate 500]
 * With a campaign of N units running (worker and API in their own processes, dev server, PostgreSQL),
 * offers submissions and task reads over HTTP at fixed rates (open loop) and prints throughput and
 * latency percentiles; then, in the same run, the latency of a bare Temporal update (SDK client → server →
 * SDK worker → back, a handler that only answers) at the same rate: the engine's floor.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { hashPassword } from '../apps/api/src/auth/password';
import { BINH_TAN_2019, instantiateTemplate } from '../libs/contracts/src/campaign';
import { REPO_ROOT, startEmbeddedPostgres, startTemporalDevServer, stopChild, waitFor } from '../libs/devkit/src';
import { createDataSource, runMigrations } from '../libs/persistence/src/data-source';
import { writeWorkflowBundle } from '../libs/temporal/src/workflow-bundle';
import { echo } from './bench-echo.workflow';
import { httpCall, openLoop, type StreamResult } from './load';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const cleanups: Array<() => Promise<unknown>> = [];
async function cleanUp(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().then(() => process.exit(130)));

const log = (m: string): void => void process.stderr.write(`${m}\n`);
const fmt = (r: StreamResult): string =>
  `ok=${r.ok}/${r.sent} rps=${r.rps.toFixed(1)} p50=${r.p50.toFixed(1)}ms p95=${r.p95.toFixed(1)}ms p99=${r.p99.toFixed(1)}ms max=${r.max.toFixed(1)}ms${Object.keys(r.errors).length ? ` errors=${JSON.stringify(r.errors)}` : ''}`;

async function main(): Promise<void> {
  const units = arg('units', 1000);
  const seconds = arg('seconds', 30);
  const submitRate = arg('submit-rate', 100);
  const readRate = arg('read-rate', 500);
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-bench-api-'));
  chmodSync(dir, 0o755);
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  log(`bench:api: ${units} units, ${seconds} s at ${submitRate} submissions/s and ${readRate} reads/s; servers in ${dir}`);

  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDir: join(dir, 'pg'), ephemeral: true }),
    // BENCH_TEMPORAL_DB=memory: SQLite in memory (no file, no WAL checkpoints), to see the store's share.
    startTemporalDevServer({ dbFilename: process.env.BENCH_TEMPORAL_DB === 'memory' ? undefined : join(dir, 'temporal.sqlite') }),
  ]);
  cleanups.push(() => pg.stop(), () => temporal.stop());
  const bundle = join(dir, 'bundle.js');
  await Promise.all([runMigrations(pg.url), writeWorkflowBundle(bundle)]);

  // The directory and the accounts, written directly: the bench measures submissions, not set-up.
  const ds = await createDataSource({ url: pg.url, poolSize: 2 }).initialize();
  cleanups.push(() => ds.destroy());
  const unitIds = Array.from({ length: units }, (_, i) => `don-vi-${String(i + 1).padStart(5, '0')}`);
  const hash = await hashPassword(randomBytes(12).toString('hex'));
  await ds.query(`INSERT INTO units (id, name, kind) SELECT id, 'Đơn vị ' || id, 'ward' FROM unnest($1::text[]) AS id`, [unitIds]);
  const accountIds = unitIds.map(() => randomUUID());
  await ds.query(`INSERT INTO accounts (id, username, password_hash, role, unit_id) SELECT a, u, $3, 'unit', u FROM unnest($1::uuid[], $2::text[]) AS t(a, u)`, [accountIds, unitIds, hash]);
  const secret = randomBytes(48).toString('base64url');
  const jwt = new JwtService({ secret, signOptions: { expiresIn: 3600 } });
  const unitTokens = unitIds.map((id, i) => jwt.sign({ sub: accountIds[i], username: id, role: 'unit', unitId: id }));
  const adminToken = jwt.sign({ sub: randomUUID(), username: 'bench-admin', role: 'admin' });
  const coordinatorToken = jwt.sign({ sub: randomUUID(), username: 'bench-coordinator', role: 'coordinator' });

  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, WORKFLOW_BUNDLE_PATH: bundle, TEMPORAL_TASK_QUEUE: 'bench', LOG_LEVEL: 'warn', JWT_SECRET: secret, PORT: String(port), HOST: '127.0.0.1', DIGEST_CRON: '' };
  for (const app of ['worker', 'api']) {
    const child = spawn(process.execPath, [join(REPO_ROOT, `dist/apps/${app}/src/main.js`)], { env: { ...env, PROCESS_NAME: app }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
    cleanups.push(() => stopChild(child, 20_000));
  }
  const base = new URL(`http://127.0.0.1:${port}`);
  await waitFor('the API to be ready', async () => (await fetch(new URL('/ready', base))).ok, 120_000, 200);

  const code = 'bench-api';
  const definition = { ...instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code }), units: unitIds };
  const launched = await fetch(new URL('/api/campaigns', base), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ definition }) });
  if (launched.status !== 201) throw new Error(`launch answered ${launched.status}: ${await launched.text()}`);
  const t0 = performance.now();
  await waitFor(`${units} units enrolled`, async () => {
    const s = (await (await fetch(new URL(`/api/campaigns/${code}`, base), { headers: { authorization: `Bearer ${adminToken}` } })).json()) as { status: string; counts: { byPhase: Record<string, number> } };
    return s.status === 'running' && s.counts.byPhase['awaiting-registration'] === units;
  }, 10 * 60_000, 500);
  log(`launched ${units} units in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Writes cycle through the units: registration (unit), return (coordinator), registration again...
  // so each unit's consecutive writes are units/rate seconds apart and every one is a valid command.
  const write = (n: number): Promise<string | undefined> => {
    const i = n % units;
    const round = Math.floor(n / units);
    const path = `/api/campaigns/${code}/units/${unitIds[i]}`;
    if (round % 2 === 1) return httpCall(base, 'POST', `${path}/registration/decision`, coordinatorToken, { decision: 'return', reason: 'Bổ sung chỉ tiêu' }, 201);
    return httpCall(base, 'POST', `${path}/registration`, unitTokens[i], { commitments: `Cam kết lần ${round + 1}`, initiatives: [{ title: 'Một cửa điện tử', description: 'Tiếp nhận hồ sơ trực tuyến' }] }, 201);
  };
  const read = (n: number): Promise<string | undefined> => httpCall(base, 'GET', '/api/me/tasks', unitTokens[(n * 7919) % units], undefined, 200);

  log('warm-up: 5 s at a tenth of the rates');
  await openLoop((submitRate + readRate) / 10, 5, read);
  log('measuring');
  const [submissions, reads] = await Promise.all([openLoop(submitRate, seconds, write), openLoop(readRate, seconds, read)]);
  log(`submissions: ${fmt(submissions)}`);
  log(`reads:       ${fmt(reads)}`);

  // The floor, with the API and the worker idle: bare updates at the same rate, through an SDK worker in this process.
  const floorSeconds = Math.min(seconds, 15);
  const connection = await Connection.connect({ address: temporal.address });
  cleanups.push(() => connection.close());
  const client = new Client({ connection });
  const echoBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./bench-echo.workflow'), logger: { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error: (m: string) => log(m) } });
  const worker = await Worker.create({ connection: await NativeConnection.connect({ address: temporal.address }), taskQueue: 'bench-echo', workflowBundle: echoBundle });
  const bare = await worker.runUntil(async () => {
    const handles = await Promise.all(Array.from({ length: 100 }, (_, i) => client.workflow.start('echoWorkflow', { workflowId: `echo-${i}`, taskQueue: 'bench-echo' })));
    await Promise.all(handles.map((h, i) => h.executeUpdate(echo, { args: [i] })));
    const result = await openLoop(submitRate, floorSeconds, async (n) => {
      const r = await handles[n % handles.length].executeUpdate(echo, { args: [n] });
      return r === n ? undefined : 'wrong answer';
    });
    await Promise.all(handles.map((h) => h.terminate('bench done')));
    return result;
  });
  log(`bare update: ${fmt(bare)}`);

  process.stdout.write(
    `api submit_rps=${submissions.rps.toFixed(0)} submit_p50_ms=${submissions.p50.toFixed(1)} submit_p99_ms=${submissions.p99.toFixed(1)} ` +
      `read_rps=${reads.rps.toFixed(0)} read_p99_ms=${reads.p99.toFixed(1)} bare_update_p50_ms=${bare.p50.toFixed(1)} ratio_p50=${(submissions.p50 / bare.p50).toFixed(2)}\n`,
  );
  await cleanUp();
}

main().catch(async (err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  await cleanUp();
  process.exit(1);
});

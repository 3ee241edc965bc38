/**
 * npm run bench:api -- [--units 1000] [--seconds 30] [--submit-rate 100] [--read-rate 500] [--backends dev,cluster] [--apis 1] [--workers 1]
 * For each backend (the Temporal dev server on SQLite, the Temporal server on PostgreSQL): with a campaign
 * of N units running (worker(s) and API(s) in their own processes, PostgreSQL), offers submissions and task
 * reads over HTTP at fixed rates (open loop, spread over the API processes) and prints throughput and
 * latency percentiles; then, in the same run and at the same rate, the engine's floors: a bare Temporal update
 * (SDK client → server → SDK worker → back, a handler that only answers), and a durable one (the handler stores a
 * row in PostgreSQL through a local activity first: the least "2xx only once stored by the workflow" costs).
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { hashPassword } from '../apps/api/src/auth/password';
import { BINH_TAN_2019, instantiateTemplate, unitWorkflowId } from '@thidua/contracts';
import { freePort, REPO_ROOT, stopChild, waitFor } from '@thidua/devkit';
import { arg, benchEachBackend, cleanups, cpuPerItem, startEngine, waitForLaunchSettled, type Backend, type Engine } from './bench-kit';
import { echo, type EchoActivities } from './bench-echo.workflow';
import { openLoop, openLoopInThread, type HttpRequestSpec, type StreamResult } from './load';

const log = (m: string): void => void process.stderr.write(`${m}\n`);
const fmt = (r: StreamResult): string =>
  `ok=${r.ok}/${r.sent} rps=${r.rps.toFixed(1)} p50=${r.p50.toFixed(1)}ms p95=${r.p95.toFixed(1)}ms p99=${r.p99.toFixed(1)}ms max=${r.max.toFixed(1)}ms${Object.keys(r.errors).length ? ` errors=${JSON.stringify(r.errors)}` : ''}`;

interface Load {
  readonly units: number;
  readonly seconds: number;
  readonly submitRate: number;
  readonly readRate: number;
  readonly apis: number;
  readonly workers: number;
}

async function measure(
  backend: Backend,
  dir: string,
  pgUrl: string,
  pgPid: number | undefined,
  { units, seconds, submitRate, readRate, apis, workers }: Load,
): Promise<string> {
  const secret = randomBytes(48).toString('base64url');
  // The worker's workflow cache holds every unit, as an operator sizes it for the units a worker hosts.
  const engine = await startEngine(dir, pgUrl, backend, { workers, cachedWorkflows: units + 100 });
  const { ds, databaseUrl, temporal } = engine;
  const apiChildren: Array<ReturnType<typeof spawn>> = [];
  try {
    // The directory and the accounts, written directly: the bench measures submissions, not set-up.
    const unitIds = Array.from({ length: units }, (_, i) => `don-vi-${String(i + 1).padStart(5, '0')}`);
    const hash = await hashPassword(randomBytes(12).toString('hex'));
    await ds.query(`INSERT INTO units (id, name, kind) SELECT id, 'Đơn vị ' || id, 'ward' FROM unnest($1::text[]) AS id`, [unitIds]);
    const accountIds = unitIds.map(() => randomUUID());
    const [adminId, coordinatorId] = [randomUUID(), randomUUID()];
    await ds.query(`INSERT INTO accounts (id, username, password_hash) SELECT a, u, $3 FROM unnest($1::uuid[], $2::text[]) AS t(a, u)`, [
      [...accountIds, adminId, coordinatorId],
      [...unitIds, 'bench-admin', 'bench-coordinator'],
      hash,
    ]);
    await ds.query(
      `INSERT INTO role_grants (account_id, org_id, role, unit_id) SELECT a, 'root', r, u FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(a, r, u)`,
      [
        [...accountIds, adminId, coordinatorId],
        [...unitIds.map(() => 'unit'), 'admin', 'coordinator'],
        [...unitIds, null, null],
      ],
    );
    const jwt = new JwtService({ secret, signOptions: { expiresIn: 3600 } });
    const unitTokens = unitIds.map((id, i) => jwt.sign({ sub: accountIds[i], username: id, role: 'unit', unitId: id }));
    const adminToken = jwt.sign({ sub: adminId, username: 'bench-admin', role: 'admin' });
    const coordinatorToken = jwt.sign({ sub: coordinatorId, username: 'bench-coordinator', role: 'coordinator' });

    const bases: URL[] = [];
    for (let i = 0; i < apis; i++) {
      const port = await freePort();
      const env = {
        ...process.env,
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: temporal.address,
        WORKFLOW_BUNDLE_PATH: join(dir, 'bundle.js'),
        TEMPORAL_TASK_QUEUE: engine.taskQueue,
        LOG_LEVEL: 'warn',
        JWT_SECRET: secret,
        PORT: String(port),
        HOST: '127.0.0.1',
        DIGEST_CRON: '',
        PROCESS_NAME: `api-${i + 1}`,
      };
      apiChildren.push(
        spawn(
          process.execPath,
          [...(process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(REPO_ROOT, 'dist/apps/api/src/main.js')],
          { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true },
        ),
      );
      bases.push(new URL(`http://127.0.0.1:${port}`));
    }
    cleanups.push(() => Promise.all(apiChildren.map((c) => stopChild(c, 20_000))));
    for (const base of bases) await waitFor('the API to be ready', async () => (await fetch(new URL('/ready', base))).ok, 120_000, 200);
    const base = bases[0];
    /** Requests spread over the API processes, as a load balancer would. */
    const baseFor = (n: number): URL => bases[n % bases.length];

    const code = 'bench-api';
    const definition = { ...instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code }), units: unitIds };
    const launched = await fetch(new URL('/api/campaigns', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ definition }),
    });
    if (launched.status !== 201) throw new Error(`launch answered ${launched.status}: ${await launched.text()}`);
    const t0 = performance.now();
    await waitFor(
      `${units} units enrolled`,
      async () => {
        const s = (await (
          await fetch(new URL(`/api/campaigns/${code}`, base), { headers: { authorization: `Bearer ${adminToken}` } })
        ).json()) as { status: string; counts: { byPhase: Record<string, number> } };
        return s.status === 'running' && s.counts.byPhase['awaiting-registration'] === units;
      },
      10 * 60_000,
      500,
    );
    log(`${backend}: launched ${units} units in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // Steady state: the launch's trickled first tasks are not the submissions' cost.
    await waitForLaunchSettled(engine.client, engine.taskQueue, unitWorkflowId(code, unitIds[units - 1]));

    // Writes cycle through the units: registration (unit), return (coordinator), registration again...
    // so each unit's consecutive writes are units/rate seconds apart and every one is a valid command.
    const write = (n: number): HttpRequestSpec => {
      const i = n % units;
      const round = Math.floor(n / units);
      const path = `/api/campaigns/${code}/units/${unitIds[i]}`;
      if (round % 2 === 1)
        return {
          base: baseFor(n).href,
          method: 'POST',
          path: `${path}/registration/decision`,
          token: coordinatorToken,
          body: { decision: 'return', reason: 'Bổ sung chỉ tiêu' },
          expect: 201,
        };
      return {
        base: baseFor(n).href,
        method: 'POST',
        path: `${path}/registration`,
        token: unitTokens[i],
        body: {
          commitments: `Cam kết lần ${round + 1}`,
          initiatives: [{ title: 'Một cửa điện tử', description: 'Tiếp nhận hồ sơ trực tuyến' }],
        },
        expect: 201,
      };
    };
    const read = (n: number): HttpRequestSpec => ({
      base: baseFor(n).href,
      method: 'GET',
      path: '/api/me/tasks',
      token: unitTokens[(n * 7919) % units],
      expect: 200,
    });
    /** `rate` a second for `span` seconds, the stream's calls numbered on from `from`. */
    const calls = (rate: number, span: number, of: (n: number) => HttpRequestSpec, from = 0): HttpRequestSpec[] =>
      Array.from({ length: Math.round(rate * span) }, (_, n) => of(from + n));

    // Steady state, not a cold start: 5 s of both streams at their full rates first, so the measuring window starts
    // on JIT-compiled paths in the API, the worker and the server (unwarmed, the first second of submissions met
    // all three compiling at once and alone made p99). The writes then go on where the warm-up left them.
    const warmUp = 5;
    log(`warm-up: ${warmUp} s of submissions and reads at their full rates`);
    await openLoopInThread({
      seconds: warmUp,
      streams: [
        { rate: submitRate, requests: calls(submitRate, warmUp, write) },
        { rate: readRate, requests: calls(readRate, warmUp, read) },
      ],
    });
    log('measuring');
    // CPU of each process over the window, per submission (the reads' share included: they run at the same time).
    // The requests run in a thread of their own, clear of this process's collector pauses.
    const pids = [temporal.pid, ...engine.workers.map((w) => w.pid), ...apiChildren.map((c) => c.pid)];
    const streams = [
      { rate: submitRate, requests: calls(submitRate, seconds, write, Math.round(submitRate * warmUp)) },
      { rate: readRate, requests: calls(readRate, seconds, read) },
    ];
    const {
      result: [submissions, reads],
      msPerItem: cpu,
    } = await cpuPerItem(pids, async () => {
      const results = await openLoopInThread({ seconds, streams });
      return Object.assign(results, { ok: results[0].ok });
    }, [pgPid]);
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const cpuOf = {
      server: cpu[0],
      worker: sum(cpu.slice(1, 1 + engine.workers.length)),
      api: sum(cpu.slice(1 + engine.workers.length, pids.length)),
      postgres: cpu[pids.length],
    };
    log(`${backend} submissions: ${fmt(submissions)}`);
    log(`${backend} reads:       ${fmt(reads)}`);

    // The floors, with the API and the worker idle, at the same rate through an SDK worker in this process: a bare
    // update, and an update that stores a row first (what the contract "accepted = stored" costs at the least).
    const bare = await floor(engine, pgPid, 'echoWorkflow', submitRate, Math.min(seconds, 15));
    log(`${backend} bare update: ${fmt(bare.result)}`);
    const durable = await floor(engine, pgPid, 'durableEchoWorkflow', submitRate, Math.min(seconds, 15));
    log(`${backend} durable update: ${fmt(durable.result)}`);
    return (
      `api backend=${backend} apis=${apis} workers=${workers} submit_rps=${submissions.rps.toFixed(0)} submit_p50_ms=${submissions.p50.toFixed(1)} submit_p99_ms=${submissions.p99.toFixed(1)} ` +
      `read_rps=${reads.rps.toFixed(0)} read_p50_ms=${reads.p50.toFixed(1)} read_p99_ms=${reads.p99.toFixed(1)} bare_update_p50_ms=${bare.result.p50.toFixed(1)} bare_update_p99_ms=${bare.result.p99.toFixed(1)} ratio_p50=${(submissions.p50 / bare.result.p50).toFixed(2)} ` +
      `durable_update_p50_ms=${durable.result.p50.toFixed(1)} durable_update_p99_ms=${durable.result.p99.toFixed(1)} ratio_to_durable_p50=${(submissions.p50 / durable.result.p50).toFixed(2)} ` +
      `cpu_ms_per_submit server=${cpuOf.server.toFixed(1)} worker=${cpuOf.worker.toFixed(1)} api=${cpuOf.api.toFixed(1)} postgres=${cpuOf.postgres.toFixed(1)} ` +
      `cpu_ms_per_bare_update server=${bare.msPerItem[0].toFixed(1)} client_and_echo_worker=${bare.msPerItem[1].toFixed(1)} postgres=${bare.msPerItem[2].toFixed(1)} ` +
      `cpu_ms_per_durable_update server=${durable.msPerItem[0].toFixed(1)} client_and_echo_worker=${durable.msPerItem[1].toFixed(1)} postgres=${durable.msPerItem[2].toFixed(1)}`
    );
  } finally {
    await Promise.all(apiChildren.map((c) => stopChild(c, 20_000)));
    await engine.stop();
  }
}

/**
 * `rate` updates a second for `seconds` to 100 workflows of `workflowType` (bench-echo.workflow.ts) on a task queue
 * of their own, through a worker in this process; with the CPU of the server and of this process per update.
 */
async function floor(
  engine: Engine,
  pgPid: number | undefined,
  workflowType: 'echoWorkflow' | 'durableEchoWorkflow',
  rate: number,
  seconds: number,
): Promise<{ result: StreamResult; msPerItem: number[] }> {
  const { client, ds, temporal } = engine;
  await ds.query('CREATE TABLE IF NOT EXISTS bench_echo (n int NOT NULL, stored_at timestamptz NOT NULL DEFAULT now())');
  const activities: EchoActivities = {
    storeEcho: (n) => ds.transaction((m) => m.query('INSERT INTO bench_echo (n) VALUES ($1)', [n])),
  };
  const taskQueue = `bench-${workflowType}`;
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./bench-echo.workflow'),
    logger: { trace() {}, debug() {}, info() {}, log() {}, warn() {}, error: (m: string) => log(m) },
  });
  const connection = await NativeConnection.connect({ address: temporal.address });
  try {
    const worker = await Worker.create({ connection, taskQueue, workflowBundle: bundle, activities });
    return await cpuPerItem(
      [temporal.pid, process.pid],
      () =>
        worker.runUntil(async () => {
          const handles = await Promise.all(
            Array.from({ length: 100 }, (_, i) => client.workflow.start(workflowType, { workflowId: `${workflowType}-${i}`, taskQueue })),
          );
          await Promise.all(handles.map((h, i) => h.executeUpdate(echo, { args: [i] })));
          const result = await openLoop(rate, seconds, async (n) => {
            const r = await handles[n % handles.length].executeUpdate(echo, { args: [n] });
            return r === n ? undefined : 'wrong answer';
          });
          await Promise.all(handles.map((h) => h.terminate('bench done')));
          return result;
        }),
      [pgPid],
    );
  } finally {
    await connection.close();
  }
}

const load: Load = {
  units: arg('units', 1000),
  seconds: arg('seconds', 30),
  submitRate: arg('submit-rate', 100),
  readRate: arg('read-rate', 500),
  apis: arg('apis', 1),
  workers: arg('workers', 1),
};
benchEachBackend(
  'bench-api',
  (backends, dir) =>
    `bench:api: ${load.units} units, ${load.seconds} s at ${load.submitRate} submissions/s and ${load.readRate} reads/s on ${backends.join(' and ')}; ${load.apis} API and ${load.workers} worker process(es); servers in ${dir}`,
  (backend, dir, pgUrl, pgPid) => measure(backend, dir, pgUrl, pgPid, load),
);

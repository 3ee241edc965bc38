/** What the benchmark scripts share: arguments, peak memory, and servers stopped in reverse order on exit or Ctrl-C. */
import { Client, Connection } from '@temporalio/client';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  REPO_ROOT,
  startEmbeddedPostgres,
  startTemporalCluster,
  startTemporalDevServer,
  stopChild,
  waitFor,
  type RunningTemporal,
} from '@thidua/devkit';
import { createDataSource, ensureDatabase, runMigrations } from '@thidua/persistence';
import { writeWorkflowBundle } from '@thidua/temporal';

/** A positive integer argument `--name N`. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
}

/** Peak resident memory of a process, MiB. */
export function peakRssMiB(pid: number | undefined): number {
  if (!pid) return 0;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux, asked once). */
let clockTicks: number | undefined;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), from state (field 3) on; undefined when it is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Seconds of /proc's CPU times in ticks (USER_HZ: 100 on Linux, asked once). */
function ticksToSeconds(ticks: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticks / clockTicks;
}

/** CPU seconds (user + system, every thread) a process has used so far, from /proc/<pid>/stat; 0 when it is gone. */
export function cpuSeconds(pid: number | undefined): number {
  const fields = pid ? statFields(pid) : undefined;
  // utime is field 14 and stime 15.
  return fields ? ticksToSeconds(Number(fields[11]) + Number(fields[12])) : 0;
}

/**
 * CPU seconds of a process and every process below it (PostgreSQL's backends are the postmaster's children): the
 * live ones from /proc, the ones that ended and were waited for from the root's cutime and cstime (fields 16, 17).
 */
export function treeCpuSeconds(root: number | undefined): number {
  const rootFields = root ? statFields(root) : undefined;
  if (!root || !rootFields) return 0;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const parent = /^\d+$/.test(entry) ? statFields(Number(entry))?.[1] : undefined;
    if (parent === undefined) continue;
    const siblings = children.get(Number(parent)) ?? [];
    siblings.push(Number(entry));
    children.set(Number(parent), siblings);
  }
  // Breadth first from the root: every process below it, each once.
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  const waitedFor = ticksToSeconds(Number(rootFields[13]) + Number(rootFields[14]));
  return tree.reduce((sum, pid) => sum + cpuSeconds(pid), waitedFor);
}

/** CPU milliseconds `pids` use while `work` runs, per item it reports done. */
export async function cpuPerItem<T extends { ok: number }>(
  pids: ReadonlyArray<number | undefined>,
  work: () => Promise<T>,
  /** Processes counted with everything below them (see {@link treeCpuSeconds}), answered after `pids`' figures. */
  trees: ReadonlyArray<number | undefined> = [],
): Promise<{ result: T; msPerItem: number[] }> {
  const sample = (): number[] => [...pids.map(cpuSeconds), ...trees.map(treeCpuSeconds)];
  const before = sample();
  const result = await work();
  const msPerItem = sample().map((seconds, i) => ((seconds - before[i]) * 1000) / Math.max(1, result.ok));
  return { result, msPerItem };
}

/** Everything started, stopped in reverse order at the end, on an error, or on Ctrl-C: no process left behind. */
export const cleanups: Array<() => Promise<unknown>> = [];
/** Servers still starting: a Ctrl-C during start-up waits for them, so they can be stopped too. */
const starting = new Set<Promise<unknown>>();
export function started<T extends { stop(): Promise<void> }>(start: Promise<T>): Promise<T> {
  const tracked = start.then((server) => (cleanups.push(() => server.stop()), server));
  starting.add(tracked);
  void tracked.catch(() => undefined).finally(() => starting.delete(tracked));
  return tracked;
}
export async function cleanUp(): Promise<void> {
  await Promise.allSettled([...starting]);
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));
}

/** The Temporal a benchmark runs on: the dev server (SQLite) or the production topology's server on PostgreSQL. */
export type Backend = 'dev' | 'cluster';

/** `--backends dev,cluster` (both by default): each backend's figures are printed, each with its own floor. */
export function backendsArg(): Backend[] {
  const i = process.argv.indexOf('--backends');
  const list = (i >= 0 ? (process.argv[i + 1] ?? '') : 'dev,cluster')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const bad = list.filter((b) => b !== 'dev' && b !== 'cluster');
  if (bad.length || list.length === 0)
    throw new Error(`--backends must list dev and/or cluster (got ${JSON.stringify(bad.join(',') || list.join(','))})`);
  return list as Backend[];
}

/**
 * A fresh Temporal of `backend` for one measurement: a dev server on its own SQLite file in `dir`, or the
 * Temporal server on `pgUrl`'s PostgreSQL with databases of its own (`name` keeps two apart).
 */
export function startTemporal(backend: Backend, dir: string, pgUrl: string, name: string): Promise<RunningTemporal> {
  if (backend === 'dev') {
    // BENCH_TEMPORAL_DB=memory compares against SQLite in memory (no file, no WAL) to see the store's share.
    return started(
      startTemporalDevServer({ dbFilename: process.env.BENCH_TEMPORAL_DB === 'memory' ? undefined : join(dir, `${name}.sqlite`) }),
    );
  }
  return started(
    startTemporalCluster({
      postgresUrl: pgUrl,
      dir: join(dir, name),
      databasePrefix: `temporal_${name.replace(/\W/g, '_')}`,
      retentionDays: 1,
    }),
  );
}

/** A PostgreSQL for the whole run (the app's database and, for the cluster, Temporal's). */
export function startBenchPostgres(dir: string): Promise<{ url: string; pid?: number }> {
  return started(startEmbeddedPostgres({ dataDir: join(dir, 'pg'), ephemeral: true }));
}

/** Starts `count` worker processes on one task queue (scale-out: they share the queue's work). */
export function startWorkers(count: number, env: NodeJS.ProcessEnv): ChildProcess[] {
  return Array.from({ length: count }, (_, i) => {
    const worker = spawn(
      process.execPath,
      [...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(REPO_ROOT, 'dist/apps/worker/src/main.js')],
      {
        env: { ...env, PROCESS_NAME: `worker-${i + 1}` },
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      },
    );
    cleanups.push(() => stopChild(worker, 20_000));
    return worker;
  });
}

/** A running engine: its workers, a client and data source for the bench, and how to stop it all. */
export interface Engine {
  readonly workers: ChildProcess[];
  readonly client: Client;
  readonly ds: DataSource;
  readonly taskQueue: string;
  readonly databaseUrl: string;
  readonly temporal: RunningTemporal;
  readonly stop: () => Promise<void>;
}

/**
 * The engine under test in `dir` on `backend`: a Temporal of its own on the run's PostgreSQL (a fresh
 * database for the app), `workers` worker processes, and a client and data source for the bench.
 * `cachedWorkflows` sizes each worker's workflow cache (as an operator would for the units a worker hosts;
 * `WORKER_MAX_CACHED_WORKFLOWS` in the environment wins).
 */
export async function startEngine(
  dir: string,
  pgUrl: string,
  backend: Backend,
  options: { cachedWorkflows?: number; workers?: number } = {},
): Promise<Engine> {
  const { url: databaseUrl } = await ensureDatabase(pgUrl, `app_${backend}`, { recreate: true }); // empty, for this backend alone
  const [temporal] = await Promise.all([startTemporal(backend, dir, pgUrl, `engine-${backend}`), runMigrations(databaseUrl)]);
  const bundle = join(dir, 'bundle.js');
  if (!existsSync(bundle)) await writeWorkflowBundle(bundle); // once per run: every backend runs the same workflows
  const taskQueue = 'bench';
  const workers = startWorkers(options.workers ?? 1, {
    ...(options.cachedWorkflows ? { WORKER_MAX_CACHED_WORKFLOWS: String(options.cachedWorkflows) } : {}),
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    WORKFLOW_BUNDLE_PATH: bundle,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '40',
    DIGEST_CRON: '',
  });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const ds = await createDataSource({ url: databaseUrl, poolSize: 4 }).initialize();
  let stopped: Promise<void> | undefined;
  // Stops this engine (the next backend then runs on a quiet machine); also on exit or Ctrl-C.
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      await Promise.all(workers.map((w) => stopChild(w, 20_000)));
      await connection.close().catch(() => undefined);
      await ds.destroy().catch(() => undefined);
      await temporal.stop();
    })());
  cleanups.push(stop);
  return { workers, client, ds, taskQueue, databaseUrl, temporal, stop };
}

/**
 * A benchmark's main: a scratch folder and one PostgreSQL for the run, then `measure` for each backend of
 * `--backends` in turn (the previous one stopped first); prints each backend's figures line at the end.
 */
export function benchEachBackend(
  name: string,
  describe: (backends: Backend[], dir: string) => string,
  measure: (backend: Backend, dir: string, pgUrl: string, pgPid: number | undefined) => Promise<string>,
): void {
  runBench(async () => {
    const backends = backendsArg();
    const dir = mkdtempSync(join(tmpdir(), `thi-dua-${name}-`));
    chmodSync(dir, 0o755);
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    process.stderr.write(`${describe(backends, dir)}\n`);
    const pg = await startBenchPostgres(dir);
    const lines: string[] = [];
    try {
      for (const backend of backends) lines.push(await measure(backend, dir, pg.url, pg.pid));
    } finally {
      await cleanUp();
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}

/** Runs a benchmark's main: on failure, prints the stack, stops everything started and exits non-zero. */
export function runBench(main: () => Promise<void>): void {
  main().catch(async (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    await cleanUp();
    process.exit(1);
  });
}

/**
 * Waits until a launch has settled: the last unit's first workflow task is due (a large launch trickles
 * them with start delays) and the queue has had nothing waiting for 3 s. Returns the seconds it took.
 */
export async function waitForLaunchSettled(client: Client, taskQueue: string, lastWorkflowId: string): Promise<number> {
  const t0 = performance.now();
  const last = await client.workflow.getHandle(lastWorkflowId).describe();
  const due = last.executionTime?.getTime() ?? Date.now();
  await waitFor('the last unit’s first task to be due', async () => Date.now() >= due, 15 * 60_000, 500);
  await waitForQueueDrained(client, taskQueue, 3000);
  return (performance.now() - t0) / 1000;
}

/**
 * Waits until a task queue has had no workflow or activity task waiting for a worker for `quietMs` (the
 * server's approximate backlog, polled): the work a launch leaves behind is done, so what is measured next
 * is not its tail. Returns the seconds until the queue
 * went quiet (the quiet period itself not counted).
 */
export async function waitForQueueDrained(client: Client, taskQueue: string, quietMs = 3000, timeoutMs = 30 * 60_000): Promise<number> {
  const t0 = performance.now();
  let quietSince: number | undefined;
  const backlog = async (taskQueueType: 1 | 2): Promise<number> => {
    const res = await client.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: taskQueue },
      taskQueueType,
      reportStats: true,
    });
    return Number(res.stats?.approximateBacklogCount ?? 0);
  };
  await waitFor(
    `task queue ${taskQueue} drained`,
    async () => {
      const waiting = (await backlog(1)) + (await backlog(2));
      if (waiting > 0) quietSince = undefined;
      else quietSince ??= performance.now();
      return quietSince !== undefined && performance.now() - quietSince >= quietMs;
    },
    timeoutMs,
    250,
  );
  return ((quietSince ?? performance.now()) - t0) / 1000;
}

/** What the benchmark scripts share: arguments, peak memory, and servers stopped in reverse order on exit or Ctrl-C. */
import { Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { REPO_ROOT, startEmbeddedPostgres, startTemporalDevServer, stopChild, waitFor } from '../libs/devkit/src';
import { createDataSource, runMigrations } from '../libs/persistence/src/data-source';
import { writeWorkflowBundle } from '../libs/temporal/src/workflow-bundle';

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


/**
 * The engine under test in `dir`: PostgreSQL, a dev server, the worker as its own process, and a client and
 * data source for the bench. `cachedWorkflows` sizes the worker's workflow cache (as an operator would for
 * the units a worker hosts; `WORKER_MAX_CACHED_WORKFLOWS` in the environment wins).
 */
export async function startEngine(dir: string, cachedWorkflows?: number): Promise<{ worker: ChildProcess; client: Client; ds: DataSource; taskQueue: string }> {
  const [pg, temporal] = await Promise.all([
    started(startEmbeddedPostgres({ dataDir: join(dir, 'pg'), ephemeral: true })),
    // BENCH_TEMPORAL_DB=memory compares against SQLite in memory (no file, no WAL) to see the store's share.
    started(startTemporalDevServer({ dbFilename: process.env.BENCH_TEMPORAL_DB === 'memory' ? undefined : join(dir, 'temporal.sqlite') })),
  ]);
  const bundle = join(dir, 'bundle.js');
  await Promise.all([runMigrations(pg.url), writeWorkflowBundle(bundle)]);
  const taskQueue = 'bench';
  const worker = spawn(process.execPath, [...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(REPO_ROOT, 'dist/apps/worker/src/main.js')], {
    env: {
      ...(cachedWorkflows ? { WORKER_MAX_CACHED_WORKFLOWS: String(cachedWorkflows) } : {}),
      ...process.env,
      DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, WORKFLOW_BUNDLE_PATH: bundle, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '40' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  cleanups.push(() => stopChild(worker, 20_000));
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  cleanups.push(() => connection.close());
  const ds = await createDataSource({ url: pg.url, poolSize: 4 }).initialize();
  cleanups.push(() => ds.destroy());
  return { worker, client, ds, taskQueue };
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
 * Waits until a task queue has had no workflow or activity task waiting for a worker for `quietMs` (the
 * server's approximate backlog, polled): the work a launch leaves behind is done, so what is measured next
 * is not its tail. Returns the seconds until the queue
 * went quiet (the quiet period itself not counted).
 */
export async function waitForQueueDrained(client: Client, taskQueue: string, quietMs = 3000, timeoutMs = 30 * 60_000): Promise<number> {
  const t0 = performance.now();
  let quietSince: number | undefined;
  const backlog = async (taskQueueType: 1 | 2): Promise<number> => {
    const res = await client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType, reportStats: true });
    return Number(res.stats?.approximateBacklogCount ?? 0);
  };
  await waitFor(`task queue ${taskQueue} drained`, async () => {
    const waiting = (await backlog(1)) + (await backlog(2));
    if (waiting > 0) quietSince = undefined;
    else quietSince ??= performance.now();
    return quietSince !== undefined && performance.now() - quietSince >= quietMs;
  }, timeoutMs, 250);
  return ((quietSince ?? performance.now()) - t0) / 1000;
}

/**
 * npm run bench:launch -- --units N [--backends dev,cluster] [--workers 1]
 * For each backend (the Temporal dev server on SQLite, the production topology's Temporal server on
 * PostgreSQL): launches a campaign of N units with the worker(s) in their own processes and measures
 * units/second until every UnitEnrolled is in PostgreSQL and every unit workflow is started, then when the
 * units' first workflow tasks (trickled after the launch by start delays) have all run too (settled); first, in the same run and on a fresh server of
 * the same kind, the raw rate of starting N empty workflows with the bare SDK client (the engine's own limit).
 */
import { Client, Connection } from '@temporalio/client';
import { CampaignLauncher, mapPool } from '@thidua/campaigns';
import { BINH_TAN_2019, instantiateTemplate, unitWorkflowId, type UnitRef } from '@thidua/contracts';
import { waitFor } from '@thidua/devkit';
import { arg, benchEachBackend, peakRssMiB, startEngine, startTemporal, waitForLaunchSettled, type Backend } from './bench-kit';

const RAW_CONCURRENCY = 48; // the same number of starts in flight as the engine's enrol activity
const log = (m: string): void => void process.stderr.write(`${m}\n`);

/** Seconds to start `units` empty workflows on a queue no worker polls, on a fresh server of the backend's kind. */
async function rawStarts(backend: Backend, dir: string, pgUrl: string, units: number): Promise<number> {
  const server = await startTemporal(backend, dir, pgUrl, `raw-${backend}`);
  const connection = await Connection.connect({ address: server.address });
  try {
    const client = new Client({ connection });
    const ids = Array.from({ length: units }, (_, i) => `raw-${i}`);
    const t0 = performance.now();
    await mapPool(ids, RAW_CONCURRENCY, (id) =>
      client.workflow.start('emptyWorkflow', { workflowId: id, taskQueue: 'bench-raw-unpolled', args: [] }),
    );
    return (performance.now() - t0) / 1000;
  } finally {
    await connection.close();
    await server.stop(); // stopping twice (again in cleanUp) is harmless
  }
}

async function launch(backend: Backend, dir: string, pgUrl: string, units: number, workerCount: number): Promise<string> {
  // The engine's own limit first, on a fresh server of its own: measuring it on the server the engine has
  // just filled would flatter the ratio.
  const rawSeconds = await rawStarts(backend, dir, pgUrl, units);
  log(`${backend} raw: ${units} bare starts in ${rawSeconds.toFixed(1)} s`);
  const { workers, client, ds, taskQueue, stop } = await startEngine(dir, pgUrl, backend, { workers: workerCount });
  try {
    const template = instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code: 'bench' });
    const unitList: UnitRef[] = Array.from({ length: units }, (_, i) => ({
      id: `don-vi-${String(i + 1).padStart(5, '0')}`,
      name: `Đơn vị ${i + 1}`,
      kind: 'ward',
    }));
    const def = { ...template, units: unitList };
    const enrolled = async (): Promise<number> =>
      Number(
        (await ds.query<Array<{ n: string }>>("SELECT count(*) AS n FROM events WHERE campaign_id = 'bench' AND type = 'UnitEnrolled'"))[0]
          ?.n,
      );
    // The campaign turns 'running' only after its last batch of unit workflows has been started.
    const allStarted = async (): Promise<boolean> =>
      (await ds.query<Array<{ status: string }>>("SELECT status FROM campaigns WHERE id = 'bench'"))[0]?.status === 'running';

    // Start the clock only once every worker polls: their boot time is not launch time.
    await waitFor(
      'the workers to poll',
      async () => {
        const res = await client.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: taskQueue },
          taskQueueType: 1,
        });
        return (res.pollers?.length ?? 0) >= workerCount;
      },
      120_000,
      200,
    );
    const t0 = performance.now();
    await new CampaignLauncher(ds, client, taskQueue).launch(def, 'bench');
    let lastLog = 0;
    await waitFor(
      `${units} unit workflows started and UnitEnrolled events stored`,
      async () => {
        const n = await enrolled();
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`  ${backend}: enrolled ${n}/${units} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        }
        return n >= units && (await allStarted());
      },
      30 * 60_000,
      200,
    );
    const seconds = (performance.now() - t0) / 1000;
    log(`${backend} engine: ${units} units enrolled in ${seconds.toFixed(1)} s`);
    // Settled: every unit workflow's first task has run too (trickled after the launch by start delays).
    await waitForLaunchSettled(client, taskQueue, unitWorkflowId('bench', unitList[units - 1].id));
    const settled = (performance.now() - t0) / 1000 - 3; // the drain's quiet period is not work
    const rss = Math.max(...workers.map((w) => peakRssMiB(w.pid)));
    const unitsPerS = units / seconds;
    const rawPerS = units / rawSeconds;
    return `launch backend=${backend} units=${units} workers=${workerCount} seconds=${seconds.toFixed(1)} units_per_s=${unitsPerS.toFixed(1)} raw_per_s=${rawPerS.toFixed(1)} ratio=${(unitsPerS / rawPerS).toFixed(2)} settled_seconds=${settled.toFixed(1)} worker_peak_rss_mib=${rss}`;
  } finally {
    await stop(); // the next backend runs on a quiet machine
  }
}

const units = arg('units', 10_000);
const workerCount = arg('workers', 1);
benchEachBackend(
  'bench',
  (backends, dir) => `bench: ${units} units on ${backends.join(' and ')}, ${workerCount} worker process(es); servers in ${dir}`,
  (backend, dir, pgUrl) => launch(backend, dir, pgUrl, units, workerCount),
);

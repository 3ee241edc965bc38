/**
 * npm run bench:launch -- --units N
 * Launches a campaign of N units against a fresh local dev server and PostgreSQL, with the worker in its
 * own process, and measures units/second until every UnitEnrolled is in PostgreSQL; then, in the same run,
 * the raw rate of starting N empty workflows with the bare SDK client (the engine's own limit here).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { CampaignLauncher, mapPool } from '../libs/campaigns/src';
import { BINH_TAN_2019, instantiateTemplate, type UnitRef } from '../libs/contracts/src/campaign';
import { startTemporalDevServer, waitFor } from '../libs/devkit/src';
import { arg, cleanUp, cleanups, peakRssMiB, startEngine, started, runBench } from './bench-kit';

const RAW_CONCURRENCY = 48; // the same number of starts in flight as the engine's enrol activity

async function main(): Promise<void> {
  const units = arg('units', 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-bench-'));
  chmodSync(dir, 0o755);
  const log = (m: string): void => void process.stderr.write(`${m}\n`);
  log(`bench: ${units} units; servers in ${dir}`);
  // The engine's own limit first, on a fresh dev server of its own: bare starts of empty workflows on a
  // queue no worker polls, with as many in flight as the engine's enrol activity. Measuring it on the server
  // the engine has just filled would flatter the ratio.
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const rawServer = await started(startTemporalDevServer({ dbFilename: join(dir, 'raw.sqlite') }));
  const rawConnection = await Connection.connect({ address: rawServer.address });
  let rawSeconds: number;
  try {
    const rawClient = new Client({ connection: rawConnection });
    const rawIds = Array.from({ length: units }, (_, i) => `raw-${i}`);
    const r0 = performance.now();
    await mapPool(rawIds, RAW_CONCURRENCY, (id) => rawClient.workflow.start('emptyWorkflow', { workflowId: id, taskQueue: 'bench-raw-unpolled', args: [] }));
    rawSeconds = (performance.now() - r0) / 1000;
    log(`raw: ${units} bare starts in ${rawSeconds.toFixed(1)} s`);
  } finally {
    await rawConnection.close();
    await rawServer.stop(); // stopping twice (again in cleanUp) is harmless
  }

  const { worker, client, ds, taskQueue } = await startEngine(dir);
  try {
    const template = instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code: 'bench' });
    const unitList: UnitRef[] = Array.from({ length: units }, (_, i) => ({ id: `don-vi-${String(i + 1).padStart(5, '0')}`, name: `Đơn vị ${i + 1}`, kind: 'ward' }));
    const def = { ...template, units: unitList };
    const enrolled = async (): Promise<number> => Number((await ds.query<Array<{ n: string }>>("SELECT count(*) AS n FROM events WHERE campaign_id = 'bench' AND type = 'UnitEnrolled'"))[0]?.n);
    // The campaign turns 'running' only after its last batch of unit workflows has been started.
    const allStarted = async (): Promise<boolean> => (await ds.query<Array<{ status: string }>>("SELECT status FROM campaigns WHERE id = 'bench'"))[0]?.status === 'running';

    // Start the clock only once the worker polls: its boot time is not launch time.
    await waitFor('the worker to poll', async () => {
      const res = await client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType: 1 });
      return (res.pollers?.length ?? 0) > 0;
    }, 60_000, 200);
    const t0 = performance.now();
    await new CampaignLauncher(ds, client, taskQueue).launch(def, 'bench');
    let lastLog = 0;
    await waitFor(`${units} unit workflows started and UnitEnrolled events stored`, async () => {
      const n = await enrolled();
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`  enrolled ${n}/${units} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      return n >= units && (await allStarted());
    }, 30 * 60_000, 200);
    const seconds = (performance.now() - t0) / 1000;
    const rss = peakRssMiB(worker.pid);
    log(`engine: ${units} units enrolled in ${seconds.toFixed(1)} s`);

    const unitsPerS = units / seconds;
    const rawPerS = units / rawSeconds;
    process.stdout.write(
      `launch units=${units} seconds=${seconds.toFixed(1)} units_per_s=${unitsPerS.toFixed(1)} raw_per_s=${rawPerS.toFixed(1)} ratio=${(unitsPerS / rawPerS).toFixed(2)} worker_peak_rss_mib=${rss}\n`,
    );
  } finally {
    await cleanUp();
  }
}

runBench(main);

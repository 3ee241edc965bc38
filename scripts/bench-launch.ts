/**
 * npm run bench:launch -- --units N [--backends dev,cluster] [--workers 1] [--levels 2 [--wards 168 --per-ward 60]]
 * For each backend (the Temporal dev server on SQLite, the production topology's Temporal server on
 * PostgreSQL): launches a campaign of N units with the worker(s) in their own processes and measures
 * units/second until every UnitEnrolled is in PostgreSQL and every unit workflow is started, then when the
 * units' first workflow tasks (trickled after the launch by start delays) have all run too (settled); first, in the same run and on a fresh server of
 * the same kind, the raw rate of starting N empty workflows with the bare SDK client (the engine's own limit).
 * With --levels 2, then, on a fresh engine of the same kind, a city campaign to W wards, each of which launches
 * its sub-campaign to P units of its own (the API's launch path: the sub-campaign's definition derived from the
 * city's, launched, linked to its ward), timed until every unit of both levels is enrolled and started; its rate
 * is compared with the single-level launch's of the same run.
 */
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { calendarFor } from '@thidua/calendar';
import { CampaignLauncher, leadCounting, mapPool, subCampaignDefinition } from '@thidua/campaigns';
import { BINH_TAN_2019, instantiateTemplate, unitWorkflowId, type CampaignDefinition, type UnitRef } from '@thidua/contracts';
import { findCampaign, insertOrganisation, ROOT_ORG } from '@thidua/persistence';
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

/** Units of the benchmark's campaigns. */
function unitsOf(prefix: string, n: number, kind: UnitRef['kind']): UnitRef[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${String(i + 1).padStart(5, '0')}`, name: `Đơn vị ${i + 1}`, kind }));
}

/** UnitEnrolled events stored, of every campaign. */
async function enrolledCount(ds: DataSource): Promise<number> {
  return Number((await ds.query<Array<{ n: string }>>("SELECT count(*) AS n FROM events WHERE type = 'UnitEnrolled'"))[0]?.n);
}

/**
 * Two levels on a fresh engine: the city's campaign to `wards` wards, then each ward's sub-campaign to `perWard`
 * units, 8 launches at a time (as wards' admins would). Seconds until every unit of both levels is enrolled and
 * every campaign has started its last unit workflow.
 */
async function launchTwoLevels(
  backend: Backend,
  dir: string,
  pgUrl: string,
  wards: number,
  perWard: number,
  workerCount: number,
): Promise<{ total: number; seconds: number }> {
  const { client, ds, taskQueue, stop } = await startEngine(dir, pgUrl, backend, { workers: workerCount });
  try {
    await waitForPollers(client, taskQueue, workerCount);
    const wardUnits = unitsOf('phuong', wards, 'ward');
    const at = new Date().toISOString();
    for (const w of wardUnits)
      await insertOrganisation(ds, { id: w.id, parentId: ROOT_ORG, kind: 'ward', name: w.name, shortName: null, code: null }, 'bench', at);
    const city: CampaignDefinition = { ...instantiateTemplate(BINH_TAN_2019, { launchAt: at, code: 'thanh-pho' }), units: wardUnits };
    const launcher = new CampaignLauncher(ds, client, taskQueue);
    const total = wards + wards * perWard;
    const running = async (): Promise<number> =>
      Number((await ds.query<Array<{ n: string }>>("SELECT count(*) AS n FROM campaigns WHERE status = 'running'"))[0]?.n);
    const t0 = performance.now();
    await launcher.launch(city, 'bench');
    await waitFor('the city campaign to start its wards', async () => (await running()) === 1, 30 * 60_000, 100);
    log(`  ${backend} two levels: the city's campaign started its ${wards} wards after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const parent = (await findCampaign(ds, 'thanh-pho'))!.definition;
    const how = leadCounting(parent, calendarFor([]));
    await mapPool(wardUnits, 8, async (ward) => {
      const def = subCampaignDefinition(
        parent,
        ward,
        {
          code: `${ward.id}-tk`,
          issuer: `UBND ${ward.name}`,
          coordinator: 'Văn phòng',
          units: unitsOf(`${ward.id}-kp`, perWard, 'neighbourhood'),
          lead: 'P5D',
        },
        how,
        new Date().toISOString(),
      );
      await launcher.launch(def, 'bench', ward.id);
    });
    log(`  ${backend} two levels: ${wards} sub-campaigns launched after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    let lastLog = 0;
    await waitFor(
      `${total} unit workflows of two levels started and enrolled`,
      async () => {
        const n = await enrolledCount(ds);
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`  ${backend} two levels: enrolled ${n}/${total} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        }
        return n >= total && (await running()) === wards + 1;
      },
      30 * 60_000,
      200,
    );
    return { total, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await stop();
  }
}

/** Waits until every worker polls: their boot time is not launch time. */
async function waitForPollers(client: Client, taskQueue: string, workerCount: number): Promise<void> {
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
}

async function launch(backend: Backend, dir: string, pgUrl: string, units: number, workerCount: number, levels: number): Promise<string> {
  // The engine's own limit first, on a fresh server of its own: measuring it on the server the engine has
  // just filled would flatter the ratio.
  const rawSeconds = await rawStarts(backend, dir, pgUrl, units);
  log(`${backend} raw: ${units} bare starts in ${rawSeconds.toFixed(1)} s`);
  const single = await launchOneLevel(backend, dir, pgUrl, units, workerCount, rawSeconds);
  if (levels < 2) return single.line;
  const { total, seconds } = await launchTwoLevels(backend, dir, pgUrl, arg('wards', 168), arg('per-ward', 60), workerCount);
  const perS = total / seconds;
  log(`${backend} two levels: ${total} units enrolled in ${seconds.toFixed(1)} s`);
  return `${single.line}\nlaunch-levels backend=${backend} levels=2 wards=${arg('wards', 168)} per_ward=${arg('per-ward', 60)} units=${total} seconds=${seconds.toFixed(1)} units_per_s=${perS.toFixed(1)} single_level_units_per_s=${single.unitsPerS.toFixed(1)} ratio_vs_single=${(single.unitsPerS / perS).toFixed(2)}`;
}

async function launchOneLevel(
  backend: Backend,
  dir: string,
  pgUrl: string,
  units: number,
  workerCount: number,
  rawSeconds: number,
): Promise<{ line: string; unitsPerS: number }> {
  const { workers, client, ds, taskQueue, stop } = await startEngine(dir, pgUrl, backend, { workers: workerCount });
  try {
    const template = instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code: 'bench' });
    const unitList = unitsOf('don-vi', units, 'ward');
    const def = { ...template, units: unitList };
    const enrolled = async (): Promise<number> =>
      Number(
        (await ds.query<Array<{ n: string }>>("SELECT count(*) AS n FROM events WHERE campaign_id = 'bench' AND type = 'UnitEnrolled'"))[0]
          ?.n,
      );
    // The campaign turns 'running' only after its last batch of unit workflows has been started.
    const allStarted = async (): Promise<boolean> =>
      (await ds.query<Array<{ status: string }>>("SELECT status FROM campaigns WHERE id = 'bench'"))[0]?.status === 'running';

    await waitForPollers(client, taskQueue, workerCount);
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
    return {
      line: `launch backend=${backend} units=${units} workers=${workerCount} seconds=${seconds.toFixed(1)} units_per_s=${unitsPerS.toFixed(1)} raw_per_s=${rawPerS.toFixed(1)} ratio=${(unitsPerS / rawPerS).toFixed(2)} settled_seconds=${settled.toFixed(1)} settled_ratio=${(settled / rawSeconds).toFixed(2)} worker_peak_rss_mib=${rss}`,
      unitsPerS,
    };
  } finally {
    await stop(); // the next backend runs on a quiet machine
  }
}

const units = arg('units', 10_000);
const workerCount = arg('workers', 1);
const levels = arg('levels', 1);
benchEachBackend(
  'bench',
  (backends, dir) => `bench: ${units} units on ${backends.join(' and ')}, ${workerCount} worker process(es); servers in ${dir}`,
  (backend, dir, pgUrl) => launch(backend, dir, pgUrl, units, workerCount, levels),
);

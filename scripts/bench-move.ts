/**
 * npm run bench:move -- --units N [--backends dev,cluster]
 * For each backend: launches a campaign of N units (worker in its own process, fresh Temporal), then moves
 * its milestones and measures how long the admin waits for the answer, how long until every unit's projected
 * state carries the new deadlines and every unit has been told, and until every unit's workflow has taken it in. The worker caches every unit, and the move starts once the
 * launch's own work is done, so what is measured is the re-plan alone. In the same run, the engine's own limit: N bare signals to
 * the same unit workflows (a no-op for them), sent with the fan-out's concurrency.
 */
import { CampaignLauncher, mapPool } from '@thidua/campaigns';
import {
  BINH_TAN_2019,
  campaignWorkflowId,
  instantiateTemplate,
  milestonesMoved,
  moveMilestones,
  unitWorkflowId,
  type UnitRef,
} from '@thidua/contracts';
import { waitFor } from '@thidua/devkit';
import { arg, benchEachBackend, startEngine, waitForLaunchSettled, waitForQueueDrained, type Backend } from './bench-kit';

const SIGNAL_CONCURRENCY = 48; // as many signals in flight as the engine's fan-out activity

const log = (m: string): void => void process.stderr.write(`${m}\n`);

async function move(backend: Backend, dir: string, pgUrl: string, units: number): Promise<string> {
  const { client, ds, taskQueue, stop } = await startEngine(dir, pgUrl, backend, { cachedWorkflows: units + 100 });
  try {
    const template = instantiateTemplate(BINH_TAN_2019, { launchAt: new Date().toISOString(), code: 'bench' });
    const unitList: UnitRef[] = Array.from({ length: units }, (_, i) => ({
      id: `don-vi-${String(i + 1).padStart(5, '0')}`,
      name: `Đơn vị ${i + 1}`,
      kind: 'ward',
    }));
    await new CampaignLauncher(ds, client, taskQueue).launch({ ...template, units: unitList }, 'bench');
    const status = async (): Promise<string | undefined> =>
      (await ds.query<Array<{ status: string }>>("SELECT status FROM campaigns WHERE id = 'bench'"))[0]?.status;
    await waitFor(`${units} units launched`, async () => (await status()) === 'running', 30 * 60_000, 500);
    // A launch leaves every unit its first task (trickled by start delays): measure the move on a settled campaign.
    const settleSeconds = await waitForLaunchSettled(client, taskQueue, unitWorkflowId('bench', unitList[units - 1].id));
    log(`${backend}: launched ${units} units; their first tasks done ${settleSeconds.toFixed(1)} s later`);

    const registrationDue = new Date(Date.parse(template.milestones.registrationDue) + 7 * 86_400_000).toISOString();
    const milestones = { ...template.milestones, registrationDue };
    const t0 = performance.now();
    await client.workflow.getHandle(campaignWorkflowId('bench')).executeUpdate(moveMilestones, { args: [{ actor: 'bench', milestones }] });
    const answerMs = performance.now() - t0;
    const replanned = async (): Promise<number> =>
      Number(
        (
          await ds.query<Array<{ n: string }>>(
            "SELECT count(*) AS n FROM unit_status WHERE campaign_id = 'bench' AND (state->'milestones'->>'registrationDue') = $1",
            [registrationDue],
          )
        )[0]?.n,
      );
    // The campaign stores a page's events and then tells its units: the move is done when every unit has been told.
    const fannedOut = async (): Promise<boolean> =>
      (
        await ds.query<Array<{ finished: boolean | null }>>(
          "SELECT (fan_out->>'finished')::boolean AS finished FROM campaigns WHERE id = 'bench'",
        )
      )[0]?.finished === true;
    let lastLog = 0;
    await waitFor(
      `${units} units re-planned`,
      async () => {
        const n = await replanned();
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`  re-planned ${n}/${units} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        }
        return n >= units && (await fannedOut());
      },
      30 * 60_000,
      200,
    );
    const projectedSeconds = (performance.now() - t0) / 1000;
    // ...and has taken it in: its workflow task run, its alarm re-armed (the queue empty, its quiet period not counted).
    const replannedSeconds = projectedSeconds + (await waitForQueueDrained(client, taskQueue));

    // The engine's limit: the same number of signals to the same workflows, each a no-op for the unit (it
    // already has these milestones): the time to send them, and until the worker has taken every task they caused.
    await waitForQueueDrained(client, taskQueue);
    const r0 = performance.now();
    await mapPool(unitList, SIGNAL_CONCURRENCY, (u) =>
      client.workflow.getHandle(unitWorkflowId('bench', u.id)).signal(milestonesMoved, { actor: 'bench', milestones }),
    );
    const rawSignalSeconds = (performance.now() - r0) / 1000;
    const rawProcessedSeconds = rawSignalSeconds + (await waitForQueueDrained(client, taskQueue));
    return (
      `move backend=${backend} units=${units} answer_ms=${answerMs.toFixed(0)} projected_seconds=${projectedSeconds.toFixed(1)} replanned_seconds=${replannedSeconds.toFixed(1)} raw_signal_seconds=${rawSignalSeconds.toFixed(1)} ` +
      `raw_processed_seconds=${rawProcessedSeconds.toFixed(1)} ratio=${(replannedSeconds / rawProcessedSeconds).toFixed(2)}`
    );
  } finally {
    await stop();
  }
}

const units = arg('units', 10_000);
benchEachBackend(
  'bench-move',
  (backends, dir) => `bench:move: ${units} units on ${backends.join(' and ')}; servers in ${dir}`,
  (backend, dir, pgUrl) => move(backend, dir, pgUrl, units),
);

/** A time-skipping Temporal server, a worker with the real event-store activities (units, commendation), and the suite's PostgreSQL. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { bindActivities } from '../apps/worker/src/activity-registry';
import { UnitEventsActivities } from '../apps/worker/src/unit-events/unit-events.activities';
import { CommendationActivitiesService } from '../apps/worker/src/commendations/commendation.activities';
import { CampaignActivitiesService } from '../apps/worker/src/campaigns/campaign.activities';
import { campaignTaskQueue } from '@thidua/contracts';
import { CampaignLauncher } from '@thidua/campaigns';
import { createDataSource } from '@thidua/persistence';
import { createTimeSkippingEnv, testConfig } from './env';

/** What a time-skipping test works with. */
export interface Harness {
  readonly env: TestWorkflowEnvironment;
  readonly ds: DataSource;
  readonly taskQueue: string;
  /** Runs `fn` with a fresh worker polling the task queue (a Worker can run only once); with campaign workflows too when asked. */
  withWorker<T>(fn: () => Promise<T>): Promise<T>;
  /** Launches campaigns as the API does: their campaign workflows run on the campaigns' queue of {@link withWorker}. */
  readonly launcher: CampaignLauncher;
  /** Skips time to `iso + plusMs` (no-op if already past). */
  sleepUntil(iso: string, plusMs?: number): Promise<void>;
  /** The unit's events, oldest first. */
  events(campaignId: string, unitId: string): Promise<Array<{ type: string; occurred_at: Date; data: Record<string, unknown> }>>;
  close(): Promise<void>;
}

/** Creates the harness; call close() in afterAll. */
export async function createHarness(): Promise<Harness> {
  const env = await createTimeSkippingEnv();
  const ds = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 5 }).initialize();
  const taskQueue = `ts-${randomUUID()}`;
  const code = readFileSync(process.env.WORKFLOW_BUNDLE_PATH!, 'utf8');
  const config = testConfig({ TEMPORAL_TASK_QUEUE: taskQueue, DIGEST_CRON: '' });
  const activities = bindActivities(
    new UnitEventsActivities(ds),
    new CommendationActivitiesService(ds),
    new CampaignActivitiesService(ds, env.client, config),
  );
  return {
    env,
    ds,
    taskQueue,
    launcher: new CampaignLauncher(ds, env.client, taskQueue, false),
    withWorker: async (fn) => {
      const options = { connection: env.nativeConnection, workflowBundle: { code }, activities };
      const units = await Worker.create({ ...options, taskQueue });
      const campaigns = await Worker.create({ ...options, taskQueue: campaignTaskQueue(taskQueue) });
      return units.runUntil(campaigns.runUntil(fn));
    },
    sleepUntil: async (iso, plusMs = 0) => {
      const target = Date.parse(iso) + plusMs;
      const now = await env.currentTimeMs();
      if (target > now) await env.sleep(target - now);
    },
    events: (campaignId, unitId) =>
      ds.query('SELECT type, occurred_at, data FROM events WHERE campaign_id = $1 AND unit_id = $2 ORDER BY seq', [campaignId, unitId]),
    close: async () => {
      await ds.destroy();
      await env.teardown();
    },
  };
}

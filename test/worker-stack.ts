/** An in-process worker on the suite's dev server and PostgreSQL, with its client, data source and a campaign launcher. */
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { CampaignLauncher } from '@thidua/campaigns';
import { testConfig } from './env';

/** What a dev-server worker test works with. */
export interface WorkerStack {
  readonly worker: INestApplicationContext;
  readonly client: Client;
  readonly ds: DataSource;
  readonly launcher: CampaignLauncher;
  readonly taskQueue: string;
}

/** Starts a worker polling its own task queue (`<prefix>-<uuid>`); close `worker` in afterAll. */
export async function startWorkerStack(prefix: string, overrides: Record<string, string> = {}): Promise<WorkerStack> {
  const taskQueue = `${prefix}-${randomUUID()}`;
  const worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(testConfig({ TEMPORAL_TASK_QUEUE: taskQueue, DIGEST_CRON: '', ...overrides })),
    { logger: false },
  );
  await worker.init();
  const client = worker.get(Client);
  const ds = worker.get(DataSource);
  return { worker, client, ds, launcher: new CampaignLauncher(ds, client, taskQueue), taskQueue };
}

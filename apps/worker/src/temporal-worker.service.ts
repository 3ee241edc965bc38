import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { APP_CONFIG, type ServiceConfig } from '../../../libs/config/src';
import { loadWorkflowBundle } from '../../../libs/temporal/src/workflow-bundle';
import { ActivityRegistry } from './activity-registry';

/** Runs the Temporal worker for the lifetime of the Nest application and drains it on shutdown. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker: Worker | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    private readonly activities: ActivityRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = await NativeConnection.connect({ address: this.config.temporalAddress });
    this.worker = await Worker.create({
      connection,
      namespace: this.config.temporalNamespace,
      taskQueue: this.config.taskQueue,
      workflowBundle: await loadWorkflowBundle(this.config.workflowBundlePath),
      activities: this.activities.all(),
      shutdownGraceTime: this.config.shutdownGraceMs,
      maxConcurrentActivityTaskExecutions: 200,
      maxConcurrentWorkflowTaskExecutions: 200,
      maxCachedWorkflows: this.config.maxCachedWorkflows,
    });
    // Not awaited here: run() resolves only at shutdown. A crash of the worker ends the process so a supervisor restarts it.
    this.running = this.worker.run().finally(() => connection.close());
    this.running.catch((err: unknown) => {
      this.logger.error(`Temporal worker failed: ${String(err)}`);
      process.exit(1);
    });
    this.logger.log(`Worker polling task queue "${this.config.taskQueue}" on ${this.config.temporalAddress}`);
  }

  /** Stops polling, lets in-flight activities finish (up to the grace time), then returns. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
  }
}

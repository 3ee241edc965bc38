import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { campaignTaskQueue } from '@thidua/contracts';
import type { Context } from '@temporalio/activity';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import { activeTracing } from '@thidua/observability';
import { loadWorkflowBundle } from '@thidua/temporal';
import { ActivityRegistry } from './activity-registry';

/**
 * Runs the Temporal workers for the lifetime of the Nest application and drains them on shutdown: one on
 * the units' task queue, and a smaller one on the campaigns' queue, so that admin operations on a campaign
 * are never queued behind thousands of unit tasks. Both run every workflow and activity of the bundle (a
 * campaign's activities run on its queue; runs started before the split stay on the units' queue).
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private workers: Worker[] = [];
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    private readonly activities: ActivityRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = await NativeConnection.connect({ address: this.config.temporalAddress });
    const tracing = activeTracing();
    const workflowBundle = await loadWorkflowBundle(this.config.workflowBundlePath, tracing !== undefined);
    const common = {
      connection,
      namespace: this.config.temporalNamespace,
      workflowBundle,
      activities: this.activities.all(),
      shutdownGraceTime: this.config.shutdownGraceMs,
      ...(tracing
        ? {
            // Activities (local ones too) continue the trace of the workflow task that called them; the workflow's
            // own spans are made in the sandbox and handed out to the exporter by this sink.
            interceptors: {
              activity: [
                (ctx: Context) => ({
                  inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
                  outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
                }),
              ],
            },
            sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
          }
        : {}),
    };
    this.workers = [
      await Worker.create({
        ...common,
        taskQueue: this.config.taskQueue,
        maxConcurrentActivityTaskExecutions: 200,
        maxConcurrentWorkflowTaskExecutions: 200,
        maxCachedWorkflows: this.config.maxCachedWorkflows,
        // Pollers follow the backlog (a fixed 10 could not keep up with a launch or a re-plan of thousands of units).
        workflowTaskPollerBehavior: { type: 'autoscaling' },
        activityTaskPollerBehavior: { type: 'autoscaling' },
        // A fan-out queues thousands of tasks at once: at the default 10 s many of them time out on this worker's
        // sticky queue and are replayed from the whole history elsewhere, work done twice exactly when busiest.
        // Cost: tasks already queued for a worker that dies wait this long; new ones go to the normal queue once
        // the server has seen no sticky poll for ~10 s (matching's sticky-poller window).
        stickyQueueScheduleToStartTimeout: '60 seconds',
      }),
      await Worker.create({
        ...common,
        taskQueue: campaignTaskQueue(this.config.taskQueue),
        maxConcurrentActivityTaskExecutions: 20,
        maxConcurrentWorkflowTaskExecutions: 20,
        maxCachedWorkflows: 100,
      }),
    ];
    // Not awaited here: run() resolves only at shutdown. A crash of a worker ends the process so a supervisor restarts it.
    this.running = Promise.all(this.workers.map((w) => w.run())).finally(() => connection.close());
    this.running.catch((err: unknown) => {
      this.logger.error(`Temporal worker failed: ${String(err)}`);
      process.exit(1);
    });
    this.logger.log(
      `Workers polling task queues "${this.config.taskQueue}" and "${campaignTaskQueue(this.config.taskQueue)}" on ${this.config.temporalAddress}`,
    );
  }

  /** Stops polling, lets in-flight activities finish (up to the grace time), then returns. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const worker of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    await this.running?.catch(() => undefined);
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { DAILY_DIGEST_SCHEDULE_ID, DAILY_DIGEST_WORKFLOW } from '@thidua/contracts';

/** Creates (or updates) the Temporal Schedule of the daily digest when the worker starts. */
@Injectable()
export class DigestScheduleService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DigestScheduleService.name);

  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.digestCron) return;
    const spec = { cronExpressions: [this.config.digestCron], timezone: this.config.digestTimeZone };
    const action = {
      type: 'startWorkflow' as const,
      workflowType: DAILY_DIGEST_WORKFLOW,
      taskQueue: this.config.taskQueue,
      args: [{ timeZone: this.config.digestTimeZone }],
    };
    try {
      await this.client.schedule.create({
        scheduleId: DAILY_DIGEST_SCHEDULE_ID,
        spec,
        action,
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      });
      this.logger.log(`Daily digest scheduled: "${this.config.digestCron}" ${this.config.digestTimeZone}`);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      // Keep the schedule in line with the configuration of the latest worker to start.
      await this.client.schedule.getHandle(DAILY_DIGEST_SCHEDULE_ID).update((prev) => ({ ...prev, spec, action }));
    }
  }
}

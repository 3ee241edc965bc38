import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { unitEventsStored, unitWorkflowId } from '@thidua/contracts';
import { announcementsDelivered, dueAnnouncements, openPhase, postponeAnnouncement, type OwedAnnouncement } from '@thidua/persistence';
import { backoffSeconds, PollingLoop } from '../polling';

/** Announcements delivered per pass. */
const PASS = 50;

/**
 * Tells unit workflows of events the API stored but could not announce (it died before the signal, or Temporal
 * was away): each due row of `unit_announcements` becomes a signal that has the workflow read its stream beyond
 * its state. Delivering one twice costs a read, nothing more; a failed one is tried again with backoff.
 */
@Injectable()
export class AnnouncementsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AnnouncementsService.name);
  private readonly polling = new PollingLoop(
    async () => (await this.deliverDue()) === PASS,
    (err) => this.logger.error(`Announcements not delivered: ${String(err)}`),
  );

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly client: Client,
  ) {}

  onApplicationBootstrap(): void {
    this.polling.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.polling.stop();
  }

  /** Delivers the announcements due; answers how many were taken up (delivered or postponed). */
  async deliverDue(): Promise<number> {
    const due = await dueAnnouncements(this.dataSource, PASS);
    await Promise.all(due.map((owed) => this.deliver(owed)));
    return due.length;
  }

  private async deliver(owed: OwedAnnouncement): Promise<void> {
    try {
      await this.client.workflow.getHandle(unitWorkflowId(owed.campaignId, owed.unitId)).signal(unitEventsStored, { stored: [] });
      await announcementsDelivered(this.dataSource, [owed]);
    } catch (err) {
      // A unit that has ended has nothing left to hear (its workflow closed after adopting the log).
      if (err instanceof WorkflowNotFoundError && !(await openPhase(this.dataSource, owed.campaignId, owed.unitId)))
        return announcementsDelivered(this.dataSource, [owed]);
      // 5 s, 10 s, 20 s ... capped at ten minutes.
      const wait = backoffSeconds(owed.attempts + 1, 5, 600);
      this.logger.warn(`Unit ${owed.campaignId}/${owed.unitId} not told of seq ${owed.seq}, again in ${wait} s: ${String(err)}`);
      await postponeAnnouncement(this.dataSource, owed, wait);
    }
  }
}

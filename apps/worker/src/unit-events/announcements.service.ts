import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { unitEventsStored, unitWorkflowId } from '@thidua/contracts';
import { announcementsDelivered, dueAnnouncements, openPhase, postponeAnnouncement, type OwedAnnouncement } from '@thidua/persistence';

/** Seconds before the next attempt: 5 s, 10 s, 20 s ... capped at ten minutes. */
export function announcementBackoffSeconds(attempts: number): number {
  return Math.min(600, 5 * 2 ** attempts);
}

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
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly client: Client,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let delivered = 0;
      try {
        delivered = await this.deliverDue();
      } catch (err) {
        this.logger.error(`Announcements not delivered: ${String(err)}`);
      }
      if (delivered < PASS && !this.stopping) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, 2000);
        });
      }
    }
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
      const wait = announcementBackoffSeconds(owed.attempts);
      this.logger.warn(`Unit ${owed.campaignId}/${owed.unitId} not told of seq ${owed.seq}, again in ${wait} s: ${String(err)}`);
      await postponeAnnouncement(this.dataSource, owed, wait);
    }
  }
}

import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import type { WorkerCounters } from '@thidua/observability';
import { claimDueEmails, markEmailFailed, markEmailSent } from '@thidua/persistence';
import { WORKER_COUNTERS } from '../operations/worker-metrics';

/** Seconds before the next attempt: 10 s, 20 s, 40 s ... capped at one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

/** After this many failed attempts a row is marked failed and left for a person to look at. */
export const MAX_ATTEMPTS = 12;

/** A claimed row is not claimed again before this lease ends (a crash mid-send retries it after). */
const LEASE_SECONDS = 120;

/**
 * Delivers the e-mail rows of the notification outbox over SMTP (when SMTP_URL is set). Rows are claimed
 * with SKIP LOCKED so several workers share the work, each row is marked sent right after the server accepts
 * it, and failures are retried with exponential backoff. The Message-ID is the row id, so in the one window
 * where a crash could repeat a send (accepted, not yet marked), receivers see the same message twice, not two.
 */
@Injectable()
export class MailDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailDeliveryService.name);
  private transport: Transporter | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Optional() @Inject(WORKER_COUNTERS) private readonly counters?: WorkerCounters,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.smtpUrl) return;
    this.transport = createTransport(this.config.smtpUrl);
    this.running = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.transport?.close();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let delivered = 0;
      try {
        delivered = await this.deliverDue();
      } catch (err) {
        this.logger.error(`Outbox delivery failed: ${String(err)}`);
      }
      if (delivered === 0 && !this.stopping) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, 2000);
        });
      }
    }
  }

  /** Claims due e-mail rows and sends them; returns how many were sent. */
  async deliverDue(limit = 20, transport: Transporter | undefined = this.transport): Promise<number> {
    if (!transport) throw new Error('SMTP_URL is not set');
    const claimed = await claimDueEmails(this.dataSource, limit, LEASE_SECONDS);
    let sent = 0;
    for (const row of claimed) {
      try {
        await transport.sendMail({
          // The organisation that runs the campaign writes from its own address when it set one.
          from: row.sender ?? this.config.mailFrom,
          to: row.address,
          subject: row.subject,
          text: row.body,
          messageId: `<${encodeURIComponent(row.id)}@thi-dua>`,
        });
        await markEmailSent(this.dataSource, row.id);
        this.counters?.notificationsSent.inc({ channel: 'email' });
        sent++;
      } catch (err) {
        await markEmailFailed(this.dataSource, row.id, String(err), backoffSeconds(row.attempts), row.attempts >= MAX_ATTEMPTS);
        this.counters?.notificationsFailed.inc({ channel: 'email', final: String(row.attempts >= MAX_ATTEMPTS) });
        this.logger.warn(`E-mail ${row.id} attempt ${row.attempts} failed: ${String(err)}`);
      }
    }
    return sent;
  }
}

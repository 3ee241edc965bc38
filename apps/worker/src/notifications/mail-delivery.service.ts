import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import type { WorkerCounters } from '@thidua/observability';
import { claimDueEmails, markEmailFailed, markEmailSent } from '@thidua/persistence';
import { WORKER_COUNTERS } from '../operations/worker-metrics';
import { backoffSeconds, PollingLoop } from '../polling';

/** Seconds before the next attempt after `attempts` failed ones: 10 s, 20 s, 40 s ... capped at one hour. */
export const mailBackoffSeconds = (attempts: number): number => backoffSeconds(attempts, 10, 3600);

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
  private readonly polling = new PollingLoop(
    async () => (await this.deliverDue()) > 0,
    (err) => this.logger.error(`Outbox delivery failed: ${String(err)}`),
  );

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Optional() @Inject(WORKER_COUNTERS) private readonly counters?: WorkerCounters,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.smtpUrl) return;
    this.transport = createTransport(this.config.smtpUrl);
    this.polling.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.polling.stop();
    this.transport?.close();
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
        await markEmailFailed(this.dataSource, row.id, String(err), mailBackoffSeconds(row.attempts), row.attempts >= MAX_ATTEMPTS);
        this.counters?.notificationsFailed.inc({ channel: 'email', final: String(row.attempts >= MAX_ATTEMPTS) });
        this.logger.warn(`E-mail ${row.id} attempt ${row.attempts} failed: ${String(err)}`);
      }
    }
    return sent;
  }
}

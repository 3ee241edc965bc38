import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operators' metrics count the outbox rows not done at every scrape: pending ones have their index
 * (`notifications_due`); e-mails in flight and given up on get theirs, so the count never scans the outbox.
 */
export class OperationsMetrics1764510000000 implements MigrationInterface {
  name = 'OperationsMetrics1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE INDEX notifications_not_done ON notifications (channel, status) WHERE status IN ('sending', 'failed')");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX notifications_not_done');
  }
}

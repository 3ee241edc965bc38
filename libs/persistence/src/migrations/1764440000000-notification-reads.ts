import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read state per account: role inboxes (every coordinator, every issuer account) and a unit's inbox are
 * shared, but one person reading a notice must not mark it read for the others. The notifications' own
 * `read_at` (the shared state before this) still counts as read for everyone.
 */
export class NotificationReads1764440000000 implements MigrationInterface {
  name = 'NotificationReads1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notification_reads (
      notification_id text NOT NULL,
      account_id uuid NOT NULL,
      read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, notification_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_reads');
  }
}

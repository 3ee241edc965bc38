import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API decides a caller's command and stores its events itself, then tells the unit's workflow to adopt them (a
 * signal). The telling is owed from the transaction that stores the events: a row here, written in it and removed
 * once the signal is delivered, so an API that dies in between, or a Temporal that is away, leaves the row for the
 * worker to deliver.
 */
export class UnitAnnouncements1764520000000 implements MigrationInterface {
  name = 'UnitAnnouncements1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE unit_announcements (
      campaign_id text NOT NULL,
      unit_id text NOT NULL,
      seq integer NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      due_at timestamptz NOT NULL,
      PRIMARY KEY (campaign_id, unit_id)
    )`);
    await q.query('CREATE INDEX unit_announcements_due ON unit_announcements (due_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE unit_announcements');
  }
}

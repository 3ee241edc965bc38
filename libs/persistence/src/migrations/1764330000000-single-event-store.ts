import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One event store: events remember the command (update id) that caused them, so a retried workflow task
 * recognises its own stored events; campaigns show the progress of the operation being carried to their
 * units; the never-maintained `units_enrolled` column goes (enrolment is counted from unit_status).
 */
export class SingleEventStore1764330000000 implements MigrationInterface {
  name = 'SingleEventStore1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE events ADD COLUMN command_id text');
    await q.query('ALTER TABLE campaigns DROP COLUMN units_enrolled');
    await q.query('ALTER TABLE campaigns ADD COLUMN version integer NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE campaigns ADD COLUMN fan_out jsonb');
    await q.query("UPDATE campaigns SET status = 'launching' WHERE status NOT IN ('launching', 'running', 'finished', 'cancelled')");
    await q.query(
      "ALTER TABLE campaigns ADD CONSTRAINT campaigns_status CHECK (status IN ('launching', 'running', 'finished', 'cancelled'))",
    );
    await q.query("UPDATE campaigns c SET version = (SELECT coalesce(max(seq), 0) FROM events e WHERE e.stream = 'campaign:' || c.id)");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE campaigns DROP CONSTRAINT campaigns_status');
    await q.query('ALTER TABLE campaigns DROP COLUMN fan_out');
    await q.query('ALTER TABLE campaigns DROP COLUMN version');
    await q.query('ALTER TABLE campaigns ADD COLUMN units_enrolled integer NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE events DROP COLUMN command_id');
  }
}

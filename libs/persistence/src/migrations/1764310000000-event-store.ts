import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only event log, the campaign registry, the read models and the notification outbox. */
export class EventStore1764310000000 implements MigrationInterface {
  name = 'EventStore1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE campaigns (
      id text PRIMARY KEY,
      definition jsonb NOT NULL,
      definition_hash text NOT NULL,
      status text NOT NULL DEFAULT 'launching',
      units_total integer NOT NULL,
      units_enrolled integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE campaign_units (
      campaign_id text NOT NULL REFERENCES campaigns(id),
      unit_id text NOT NULL,
      position integer NOT NULL,
      unit jsonb NOT NULL,
      PRIMARY KEY (campaign_id, unit_id),
      UNIQUE (campaign_id, position)
    )`);
    await q.query(`CREATE TABLE events (
      position bigserial PRIMARY KEY,
      id text NOT NULL UNIQUE,
      stream text NOT NULL,
      seq integer NOT NULL,
      campaign_id text NOT NULL,
      unit_id text,
      type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      actor text,
      data jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (stream, seq)
    )`);
    await q.query('CREATE INDEX events_campaign_type ON events (campaign_id, type)');
    // Append-only: the log is the source of truth, so it can be neither edited nor pruned.
    await q.query(`CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'events is append-only'; END $$`);
    await q.query(`CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only()`);
    await q.query(`CREATE TABLE unit_status (
      campaign_id text NOT NULL,
      unit_id text NOT NULL,
      unit_name text NOT NULL,
      phase text NOT NULL,
      overdue boolean NOT NULL,
      escalation_level integer NOT NULL,
      reminders_sent integer NOT NULL,
      last_seq integer NOT NULL,
      state jsonb NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (campaign_id, unit_id)
    )`);
    await q.query('CREATE INDEX unit_status_phase ON unit_status (campaign_id, phase)');
    await q.query('CREATE INDEX unit_status_overdue ON unit_status (campaign_id) WHERE overdue');
    await q.query(`CREATE TABLE notifications (
      id text PRIMARY KEY,
      event_id text,
      campaign_id text,
      unit_id text,
      recipient text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('inbox', 'email')),
      address text,
      kind text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      status text NOT NULL CHECK (status IN ('delivered', 'pending', 'sending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      read_at timestamptz
    )`);
    await q.query("CREATE INDEX notifications_inbox ON notifications (recipient, created_at DESC) WHERE channel = 'inbox'");
    await q.query("CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notifications');
    await q.query('DROP TABLE unit_status');
    await q.query('DROP TABLE events');
    await q.query('DROP FUNCTION events_append_only');
    await q.query('DROP TABLE campaign_units');
    await q.query('DROP TABLE campaigns');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts and roles, the unit directory, idempotency keys of API submissions; directory events need no campaign. */
export class Accounts1764320000000 implements MigrationInterface {
  name = 'Accounts1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE units (
      id text PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('agency', 'service-unit', 'ward')),
      head_email text,
      contact_email text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text
    )`);
    await q.query(`CREATE TABLE accounts (
      id uuid PRIMARY KEY,
      username text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'unit')),
      unit_id text REFERENCES units(id),
      display_name text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text,
      CHECK ((role = 'unit') = (unit_id IS NOT NULL))
    )`);
    await q.query('CREATE UNIQUE INDEX accounts_username ON accounts (lower(username))');
    await q.query(`CREATE TABLE idempotency_keys (
      account_id uuid NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      response_status integer,
      response_body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, key)
    )`);
    // A unit's tasks across campaigns (GET /api/me/tasks) without scanning every campaign's rows.
    await q.query('CREATE INDEX unit_status_unit ON unit_status (unit_id)');
    // Account and directory events belong to no campaign.
    await q.query('ALTER TABLE events ALTER COLUMN campaign_id DROP NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX unit_status_unit');
    await q.query('DROP TABLE idempotency_keys');
    await q.query('DROP TABLE accounts');
    await q.query('DROP TABLE units');
  }
}

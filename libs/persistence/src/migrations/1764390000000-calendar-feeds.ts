import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secret calendar feed addresses, one active per account: looked up by the SHA-256 of the token (so a lookup
 * says nothing about how close a guess was), revocable; the token itself is kept so its owner can see the
 * address again.
 */
export class CalendarFeeds1764390000000 implements MigrationInterface {
  name = 'CalendarFeeds1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE calendar_feeds (
      token_hash text PRIMARY KEY,
      token text NOT NULL,
      account_id uuid NOT NULL REFERENCES accounts(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`);
    await q.query('CREATE UNIQUE INDEX calendar_feeds_one_active ON calendar_feeds (account_id) WHERE revoked_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calendar_feeds');
  }
}

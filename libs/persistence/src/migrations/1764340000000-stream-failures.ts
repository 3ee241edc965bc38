import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appends that keep failing, one row per stream, written by the failing append and removed by the next
 * one that succeeds: what `npm run ops -- stuck` shows the operator, with the last error (a row whose
 * stream has moved past `expected_version` is stale: the stream recovered on another path).
 */
export class StreamFailures1764340000000 implements MigrationInterface {
  name = 'StreamFailures1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE stream_failures (
      stream text PRIMARY KEY,
      campaign_id text,
      unit_id text,
      expected_version integer NOT NULL,
      attempts integer NOT NULL,
      last_error text NOT NULL,
      first_failed_at timestamptz NOT NULL DEFAULT now(),
      last_failed_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE stream_failures');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Diagnostic table for the api → workflow → activity → database round trip. */
export class RoundTrips1764300000000 implements MigrationInterface {
  name = 'RoundTrips1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE round_trips (
      id text PRIMARY KEY,
      message text NOT NULL,
      workflow_run_id text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE round_trips');
  }
}

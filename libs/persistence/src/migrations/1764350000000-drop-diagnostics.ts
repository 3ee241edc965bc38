import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the first skeleton's diagnostic table: the readiness probe and the benchmarks' echo workflow check
 * the api → Temporal → worker → PostgreSQL wiring now, and nothing writes or reads the table any more.
 */
export class DropDiagnostics1764350000000 implements MigrationInterface {
  name = 'DropDiagnostics1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS round_trips');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE round_trips (
      id text PRIMARY KEY,
      message text NOT NULL,
      workflow_run_id text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first skeleton's diagnostic table (dropped by DropDiagnostics1764350000000; kept so old databases migrate in order). */
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

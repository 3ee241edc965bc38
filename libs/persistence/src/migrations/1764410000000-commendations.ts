import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commendation stage's read model (one row per campaign: the fold of its `commendation:<campaign>`
 * stream, written in the transaction of each append) and the catalogue of commendation forms, which admins
 * edit (every change an event of `commendation-form:<id>`).
 */
export class Commendations1764410000000 implements MigrationInterface {
  name = 'Commendations1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE commendations (
      campaign_id text PRIMARY KEY,
      seq integer NOT NULL,
      stage text NOT NULL,
      state jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE commendation_forms (
      id text PRIMARY KEY,
      position integer NOT NULL,
      form jsonb NOT NULL,
      built_in boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE commendation_forms');
    await q.query('DROP TABLE commendations');
  }
}

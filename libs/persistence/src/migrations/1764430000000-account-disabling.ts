import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts can be disabled (a person who left): they can no longer sign in; the row and its history stay. */
export class AccountDisabling1764430000000 implements MigrationInterface {
  name = 'AccountDisabling1764430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE accounts ADD COLUMN disabled_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE accounts DROP COLUMN disabled_at');
  }
}

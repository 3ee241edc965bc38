import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unit table sorts by deadline and by lateness and filters by kind of unit: the unit's kind and the
 * deadline of its earliest open task become columns of unit_status (kept by every projection write),
 * filled here for the rows already projected.
 */
export class UnitStatusSorting1764420000000 implements MigrationInterface {
  name = 'UnitStatusSorting1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE unit_status ADD COLUMN unit_kind text, ADD COLUMN next_due_at timestamptz');
    await q.query(`UPDATE unit_status SET unit_kind = state->'unit'->>'kind',
      next_due_at = (SELECT min((t->>'dueAt')::timestamptz) FROM jsonb_each(state->'tasks') AS x(k, t) WHERE t->>'status' IN ('open', 'returned'))`);
    await q.query('CREATE INDEX unit_status_due ON unit_status (campaign_id, next_due_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX unit_status_due');
    await q.query('ALTER TABLE unit_status DROP COLUMN unit_kind, DROP COLUMN next_due_at');
  }
}

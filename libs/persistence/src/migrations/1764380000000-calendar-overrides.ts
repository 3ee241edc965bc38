import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The government's yearly announcements on top of the holiday rules: a day off (a bridging day, a longer
 * Tết) or a day worked (the Saturday swapped for it). One row per date; each change of a year's set is also
 * an event of the stream `calendar:<year>`.
 */
export class CalendarOverrides1764380000000 implements MigrationInterface {
  name = 'CalendarOverrides1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE calendar_overrides (
      date date PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('day-off', 'working-day')),
      name text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calendar_overrides');
  }
}

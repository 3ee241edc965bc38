/** The `calendar_overrides` table: announced days off and days worked, on top of the holiday rules. */
import type { CalendarOverride } from '@thidua/calendar';
import type { Sql } from './sql';

/** Every override, by date. */
export function listOverrides(db: Sql): Promise<CalendarOverride[]> {
  return db.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_overrides ORDER BY date`);
}

/** The overrides of one year, by date. */
export function yearOverrides(db: Sql, year: number): Promise<CalendarOverride[]> {
  return db.query(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_overrides WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1) ORDER BY date`,
    [year],
  );
}

/** Replaces one year's overrides (run it in the transaction that records the change as an event). */
export async function replaceYearOverrides(
  db: Sql,
  year: number,
  overrides: readonly CalendarOverride[],
  actor: string | null,
  at: string,
): Promise<void> {
  await db.query('DELETE FROM calendar_overrides WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1)', [year]);
  if (overrides.length === 0) return;
  await db.query(
    `INSERT INTO calendar_overrides (date, kind, name, updated_by, updated_at)
     SELECT d::date, k, n, $4, $5 FROM unnest($1::text[], $2::text[], $3::text[]) AS o(d, k, n)`,
    [overrides.map((o) => o.date), overrides.map((o) => o.kind), overrides.map((o) => o.name), actor, at],
  );
}

/** The `decision_registers` table: gap-free, unique decision numbers per issuer and year. */
import type { Sql } from './sql';

/**
 * Takes the next number of the issuer's register for the year (1 for the first). Run it in the transaction
 * that records the decision: the row stays locked until it ends, so concurrent decisions take consecutive
 * numbers, and a decision rolled back (a crash, a refusal) gives its number back: no gap, no duplicate.
 */
export async function takeDecisionNumber(db: Sql, issuerKey: string, year: number): Promise<number> {
  const rows: Array<{ last_number: number }> = await db.query(
    `INSERT INTO decision_registers (issuer_key, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (issuer_key, year) DO UPDATE SET last_number = decision_registers.last_number + 1
     RETURNING last_number`,
    [issuerKey, year],
  );
  return rows[0].last_number;
}

/** A decision's number as written on it: "125/QĐ-UBND" (the number, the kind of document, the issuer's abbreviation). */
export function decisionNumber(n: number, issuerAbbreviation: string): string {
  return `${n}/QĐ-${issuerAbbreviation}`;
}

import type { EntityManager } from 'typeorm';

/**
 * What a repository function needs to run SQL: a DataSource (its own connection per statement) or the
 * EntityManager of a transaction. Functions that must share a transaction with their caller take an
 * EntityManager instead.
 */
export type Sql = Pick<EntityManager, 'query'>;

/** `$1, $2, ...` placeholders for a multi-row VALUES list: row i of `width` columns. */
export function placeholders(row: number, width: number): string {
  return `(${Array.from({ length: width }, (_, k) => `$${row * width + k + 1}`).join(', ')})`;
}

/** Answers when PostgreSQL answers a trivial query (the readiness check). */
export async function ping(db: Sql): Promise<void> {
  await db.query('SELECT 1');
}

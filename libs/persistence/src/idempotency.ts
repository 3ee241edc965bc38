/** The `idempotency_keys` table: one reservation per (account, Idempotency-Key), then the answer it produced. */
import type { Sql } from './sql';

/**
 * Reserves the key for this request; true when this caller now leads it. A reservation may be taken over
 * only by the same request, when it is unanswered and older than `staleSeconds` (its request died).
 */
export async function reserveIdempotencyKey(
  db: Sql,
  accountId: string,
  key: string,
  requestHash: string,
  staleSeconds: number,
): Promise<boolean> {
  const reserved: unknown[] = await db.query(
    `INSERT INTO idempotency_keys (account_id, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (account_id, key) DO UPDATE SET created_at = now()
       WHERE idempotency_keys.response_status IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
         AND idempotency_keys.created_at < now() - make_interval(secs => $4)
     RETURNING 1`,
    [accountId, key, requestHash, staleSeconds],
  );
  return reserved.length > 0;
}

/** What is stored under a key: the request it was first used for and, once answered, the answer (body as JSON text). */
export async function findIdempotencyKey(
  db: Sql,
  accountId: string,
  key: string,
): Promise<{ requestHash: string; responseStatus: number | null; responseBody: string | null } | undefined> {
  const rows: Array<{ request_hash: string; response_status: number | null; response_body: string | null }> = await db.query(
    'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE account_id = $1 AND key = $2',
    [accountId, key],
  );
  const row = rows[0];
  return row && { requestHash: row.request_hash, responseStatus: row.response_status, responseBody: row.response_body };
}

/** Stores the answer of the request that led the key. */
export async function saveIdempotentAnswer(db: Sql, accountId: string, key: string, status: number, body: string): Promise<void> {
  await db.query('UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE account_id = $1 AND key = $2', [
    accountId,
    key,
    status,
    body,
  ]);
}

/** Releases an unanswered key (its request failed), so it can be retried. */
export async function releaseIdempotencyKey(db: Sql, accountId: string, key: string): Promise<void> {
  await db.query('DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND response_status IS NULL', [accountId, key]);
}

/** Forgets keys older than `hours`. */
export async function forgetIdempotencyKeys(db: Sql, hours: number): Promise<void> {
  await db.query('DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)', [hours]);
}

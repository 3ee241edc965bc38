/** The `calendar_feeds` table: each account's secret, revocable calendar feed address. */
import type { Role } from '@thidua/contracts';
import type { Sql } from './sql';

/** An account's active feed. */
export interface FeedRow {
  readonly token: string;
  readonly createdAt: Date;
}

/** The account's active feed, if any. */
export async function activeFeed(db: Sql, accountId: string): Promise<FeedRow | undefined> {
  const rows: FeedRow[] = await db.query(
    'SELECT token, created_at AS "createdAt" FROM calendar_feeds WHERE account_id = $1 AND revoked_at IS NULL',
    [accountId],
  );
  return rows[0];
}

/** Revokes the account's active feed (if any); run it with createFeed in one transaction to rotate. */
export async function revokeFeed(db: Sql, accountId: string): Promise<void> {
  await db.query('UPDATE calendar_feeds SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
}

/** Stores a new active feed for the account. */
export async function createFeed(db: Sql, accountId: string, token: string, tokenHash: string): Promise<FeedRow> {
  const rows: FeedRow[] = await db.query(
    'INSERT INTO calendar_feeds (token_hash, token, account_id) VALUES ($1, $2, $3) RETURNING token, created_at AS "createdAt"',
    [tokenHash, token, accountId],
  );
  return rows[0];
}

/** The owner of an active feed, by the token's hash; undefined when no active feed has it. */
export async function feedOwner(db: Sql, tokenHash: string): Promise<{ accountId: string; role: Role; unitId: string | null } | undefined> {
  const rows: Array<{ accountId: string; role: Role; unitId: string | null }> = await db.query(
    `SELECT a.id AS "accountId", a.role, a.unit_id AS "unitId" FROM calendar_feeds f JOIN accounts a ON a.id = f.account_id
     WHERE f.token_hash = $1 AND f.revoked_at IS NULL`,
    [tokenHash],
  );
  return rows[0];
}

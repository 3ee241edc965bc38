/** The `calendar_feeds` table: each account's secret, revocable calendar feed address. */
import type { Grant } from '@thidua/contracts';
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

/** Stores a new active feed for the account, showing what it sees in the role `grant`. */
export async function createFeed(db: Sql, accountId: string, grant: Grant, token: string, tokenHash: string): Promise<FeedRow> {
  const rows: FeedRow[] = await db.query(
    `INSERT INTO calendar_feeds (token_hash, token, account_id, org_id, role, unit_id) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING token, created_at AS "createdAt"`,
    [tokenHash, token, accountId, grant.orgId, grant.role, grant.unitId],
  );
  return rows[0];
}

/** The owner of an active feed, by the token's hash; undefined when no active feed has it. */
export async function feedOwner(db: Sql, tokenHash: string): Promise<(Grant & { accountId: string }) | undefined> {
  // The role must still be held there: a feed of a role taken away shows nothing.
  const rows: Array<Grant & { accountId: string }> = await db.query(
    `SELECT f.account_id AS "accountId", f.org_id AS "orgId", f.role, f.unit_id AS "unitId" FROM calendar_feeds f
     WHERE f.token_hash = $1 AND f.revoked_at IS NULL
       AND EXISTS (SELECT 1 FROM role_grants g WHERE g.account_id = f.account_id AND g.org_id = f.org_id AND g.role = f.role)`,
    [tokenHash],
  );
  return rows[0];
}

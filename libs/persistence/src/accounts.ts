/** The `accounts` table: sign-in identities (their roles are in `role_grants`). Events about accounts go to the account's stream. */
import type { Sql } from './sql';

/** An account as stored. */
export interface AccountRow {
  readonly id: string;
  readonly username: string;
  readonly password_hash: string;
  /** The organisation it was made in. */
  readonly org_id: string;
  readonly display_name: string | null;
  readonly created_at: Date;
  readonly created_by: string | null;
  readonly disabled_at: Date | null;
}

/** Whether any admin account exists. */
export async function adminExists(db: Sql): Promise<boolean> {
  const rows: unknown[] = await db.query("SELECT 1 FROM role_grants WHERE role = 'admin' LIMIT 1");
  return rows.length > 0;
}

/** Inserts the account; undefined when the username is taken (usernames are unique, case-insensitively). */
export async function insertAccount(
  db: Sql,
  a: {
    id: string;
    username: string;
    passwordHash: string;
    orgId: string;
    displayName: string | null;
    createdBy: string;
    createdAt: string;
  },
): Promise<AccountRow | undefined> {
  const rows: AccountRow[] = await db.query(
    `INSERT INTO accounts (id, username, password_hash, org_id, display_name, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING *`,
    [a.id, a.username, a.passwordHash, a.orgId, a.displayName, a.createdBy, a.createdAt],
  );
  return rows[0];
}

/** The account with this username (case-insensitive), if any. */
export async function findAccountByUsername(db: Sql, username: string): Promise<AccountRow | undefined> {
  const rows: AccountRow[] = await db.query('SELECT * FROM accounts WHERE lower(username) = lower($1)', [username]);
  return rows[0];
}

/** One account by id; undefined when there is none. */
export async function findAccountById(db: Sql, id: string): Promise<AccountRow | undefined> {
  const rows: AccountRow[] = await db.query('SELECT * FROM accounts WHERE id = $1', [id]);
  return rows[0];
}

/** Changes an account's display name and whether it is disabled; the row after, undefined when absent. */
export async function updateAccount(
  db: Sql,
  id: string,
  change: { displayName?: string | null; disabled?: boolean },
  at: string,
): Promise<AccountRow | undefined> {
  const rows: AccountRow[] = await db.query(
    `WITH u AS (UPDATE accounts SET display_name = CASE WHEN $2::boolean THEN $3 ELSE display_name END,
       disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN coalesce(disabled_at, $5::timestamptz) ELSE NULL END
     WHERE id = $1 RETURNING *) SELECT * FROM u`,
    [id, change.displayName !== undefined, change.displayName ?? null, change.disabled ?? null, at],
  );
  return rows[0];
}

/** Replaces an account's password hash; false when there is no such account. */
export async function setPasswordHash(db: Sql, id: string, hash: string): Promise<boolean> {
  const rows: unknown[] = await db.query('WITH u AS (UPDATE accounts SET password_hash = $2 WHERE id = $1 RETURNING id) SELECT * FROM u', [
    id,
    hash,
  ]);
  return rows.length > 0;
}

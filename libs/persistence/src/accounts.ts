/** The `accounts` table: sign-in identities and their roles. Events about accounts go to the account's stream. */
import type { Role } from '../../contracts/src/api/responses';
import type { Sql } from './sql';

/** An account as stored. */
export interface AccountRow {
  readonly id: string;
  readonly username: string;
  readonly password_hash: string;
  readonly role: Role;
  readonly unit_id: string | null;
  readonly display_name: string | null;
  readonly created_at: Date;
  readonly created_by: string | null;
}

/** Whether any admin account exists. */
export async function adminExists(db: Sql): Promise<boolean> {
  const rows: unknown[] = await db.query("SELECT 1 FROM accounts WHERE role = 'admin' LIMIT 1");
  return rows.length > 0;
}

/** Inserts the account; undefined when the username is taken (usernames are unique, case-insensitively). */
export async function insertAccount(
  db: Sql,
  a: { id: string; username: string; passwordHash: string; role: Role; unitId: string | null; displayName: string | null; createdBy: string },
): Promise<AccountRow | undefined> {
  const rows: AccountRow[] = await db.query(
    `INSERT INTO accounts (id, username, password_hash, role, unit_id, display_name, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING *`,
    [a.id, a.username, a.passwordHash, a.role, a.unitId, a.displayName, a.createdBy],
  );
  return rows[0];
}

/** Every account, by username. */
export function listAccounts(db: Sql): Promise<AccountRow[]> {
  return db.query('SELECT * FROM accounts ORDER BY lower(username)');
}

/** The account with this username (case-insensitive), if any. */
export async function findAccountByUsername(db: Sql, username: string): Promise<AccountRow | undefined> {
  const rows: AccountRow[] = await db.query('SELECT * FROM accounts WHERE lower(username) = lower($1)', [username]);
  return rows[0];
}

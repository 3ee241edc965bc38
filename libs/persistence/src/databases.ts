/** Databases on a PostgreSQL server the caller may create databases on (the embedded one's superuser, or DATABASE_URL's). */
import { Client } from 'pg';

/**
 * Creates the database `name` on the server of `serverUrl` (any database's URL on it) when it is missing, or
 * anew with `recreate`; returns its URL and whether it was created now.
 */
export async function ensureDatabase(
  serverUrl: string,
  name: string,
  options: { readonly recreate?: boolean } = {},
): Promise<{ url: string; created: boolean }> {
  if (!/^[\w-]{1,63}$/.test(name)) throw new Error(`Database name ${JSON.stringify(name)} must be 1-63 letters, digits, "_" or "-"`);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  let created = false;
  try {
    if (options.recreate) await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${name}"`);
      created = true;
    }
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), created };
}

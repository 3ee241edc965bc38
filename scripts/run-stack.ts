/**
 * The run command's orchestrator: starts PostgreSQL (unless DATABASE_URL) and the Temporal dev server
 * (unless TEMPORAL_ADDRESS), applies migrations, bundles the workflows once, starts the worker and the
 * API, prints the URLs, and on Ctrl-C / SIGTERM stops everything in reverse order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Client as PgClient } from 'pg';
import { randomPassword } from '../apps/api/src/auth/password';
import { join, resolve } from 'node:path';
import { configOrExit, loadConfig } from '../libs/config/src';
import { startEmbeddedPostgres, startTemporalDevServer, stopChild, waitFor, REPO_ROOT } from '../libs/devkit/src';
import { runMigrations } from '../libs/persistence/src/data-source';
import { writeWorkflowBundle } from '../libs/temporal/src/workflow-bundle';

const say = (message: string): void => {
  process.stdout.write(`${JSON.stringify({ level: 'info', context: 'run', timestamp: new Date().toISOString(), message })}\n`);
};

async function main(): Promise<void> {
  const config = configOrExit(() => loadConfig());
  const dataDir = resolve(REPO_ROOT, config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  let stopping = false;

  const shutdown = async (code: number): Promise<never> => {
    if (stopping) return new Promise<never>(() => undefined);
    stopping = true;
    say('Shutting down');
    for (const { name, stop } of stops.reverse()) {
      await stop().catch((err: unknown) => say(`stopping ${name} failed: ${String(err)}`));
    }
    say('Stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: Number(process.env.PG_PORT ?? 5433) });
      stops.push({ name: 'postgres', stop: () => pg.stop() });
      databaseUrl = pg.url;
      say(`PostgreSQL (embedded) on ${pg.url.replace(/:[^:@]*@/, ':***@')}`);
    }
    let temporalAddress = config.temporalAddress;
    let uiUrl: string | undefined;
    if (!temporalAddress) {
      const temporal = await startTemporalDevServer({
        dbFilename: join(dataDir, 'temporal.sqlite'),
        port: Number(process.env.TEMPORAL_PORT ?? 7233),
        uiPort: config.temporalUiPort,
      });
      stops.push({ name: 'temporal', stop: () => temporal.stop() });
      temporalAddress = temporal.address;
      uiUrl = temporal.uiUrl;
      say(`Temporal dev server on ${temporal.address}`);
    }
    const applied = await runMigrations(databaseUrl);
    say(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Schema up to date');
    const bundlePath = join(dataDir, 'workflow-bundle.js');
    await writeWorkflowBundle(bundlePath);

    const url: string = databaseUrl;
    const auth = await devAuth(url, dataDir, config.jwtSecret, config.adminUsername);
    const env = { ...process.env, DATABASE_URL: url, TEMPORAL_ADDRESS: temporalAddress, WORKFLOW_BUNDLE_PATH: bundlePath, ...auth.env };
    const startApp = (name: string, entry: string): ChildProcess => {
      // Own process group: Ctrl-C reaches only this orchestrator, which stops the apps before the servers.
      const child = spawn(process.execPath, ['--enable-source-maps', join(REPO_ROOT, 'dist', entry)], {
        env: { ...env, PROCESS_NAME: name },
        stdio: ['ignore', 'inherit', 'inherit'],
        detached: true,
      });
      child.once('exit', (code, signal) => {
        if (!stopping) {
          say(`${name} exited unexpectedly (${signal ?? code}); stopping everything`);
          void shutdown(1);
        }
      });
      stops.push({ name, stop: () => stopChild(child, config.shutdownGraceMs + 5000) });
      return child;
    };
    startApp('worker', 'apps/worker/src/main.js');
    startApp('api', 'apps/api/src/main.js');
    const apiUrl = `http://localhost:${config.port}`;
    await waitFor('the API to be ready', async () => (await fetch(`${apiUrl}/ready`)).ok, 120_000, 250);
    say(`Ready. Console: ${apiUrl}/  API: ${apiUrl}/api  Health: ${apiUrl}/ready${uiUrl ? `  Temporal Web UI: ${uiUrl}` : ''}`);
    process.stdout.write(`\n  Console:          ${apiUrl}/\n  API:              ${apiUrl}/api\n  Readiness:        ${apiUrl}/ready\n`);
    if (uiUrl) process.stdout.write(`  Temporal Web UI:  ${uiUrl}\n`);
    process.stdout.write(`  API docs:         ${apiUrl}/api/docs\n`);
    if (auth.generatedPassword) {
      process.stdout.write(`\n  First admin account (shown once, change it or keep it safe):\n    username: ${auth.env.ADMIN_USERNAME}\n    password: ${auth.generatedPassword}\n`);
    }
    process.stdout.write('  Press Ctrl-C to stop.\n\n');
  } catch (err) {
    say(`Start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
  }
}

/**
 * The dev run's credentials: a JWT secret kept under the data folder (so tokens survive a restart), and
 * when no admin exists and ADMIN_USERNAME/ADMIN_PASSWORD are unset, a random first admin password.
 */
async function devAuth(databaseUrl: string, dataDir: string, jwtSecret: string | undefined, adminUsername: string | undefined): Promise<{ env: Record<string, string>; generatedPassword?: string }> {
  const env: Record<string, string> = {};
  if (!jwtSecret) {
    const file = join(dataDir, 'jwt-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    env.JWT_SECRET = readFileSync(file, 'utf8').trim();
  }
  if (adminUsername) return { env };
  const pg = new PgClient({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const admins = await pg.query("SELECT 1 FROM accounts WHERE role = 'admin' LIMIT 1");
    if (admins.rowCount) return { env };
  } finally {
    await pg.end();
  }
  const generatedPassword = randomPassword();
  return { env: { ...env, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: generatedPassword }, generatedPassword };
}

void main();

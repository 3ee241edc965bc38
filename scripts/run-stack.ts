/**
 * The run command's orchestrator: starts PostgreSQL (unless DATABASE_URL) and Temporal (unless
 * TEMPORAL_ADDRESS: the dev server, or with TEMPORAL_MODE=cluster the Temporal server on that PostgreSQL), applies migrations, bundles the workflows once, starts the worker and the
 * API, prints the URLs, and on Ctrl-C / SIGTERM stops everything in reverse order. While running it
 * restarts a crashed worker or API (with backoff) and logs loudly when PostgreSQL or Temporal stop
 * answering. Files it creates are readable by their owner only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { randomPassword } from '../apps/api/src/auth/password';
import { join, resolve } from 'node:path';
import { configOrExit, EXIT_CANNOT_START, loadConfig, type AppConfig } from '@thidua/config';
import {
  firstPortProblem,
  startEmbeddedPostgres,
  startTemporalCluster,
  startTemporalDevServer,
  supervise,
  waitFor,
  REPO_ROOT,
  TEMPORAL_SERVER_VERSION,
} from '@thidua/devkit';
import { runMigrations } from '@thidua/persistence';
import { writeWorkflowBundle } from '@thidua/temporal';

const say = (message: string, level: 'info' | 'error' = 'info'): void => {
  const line = `${JSON.stringify({ level, context: 'run', timestamp: new Date().toISOString(), message })}\n`;
  if (level === 'error') process.stderr.write(line);
  else process.stdout.write(line);
};

async function main(): Promise<void> {
  const config = configOrExit(() => loadConfig());
  const dataDir = resolve(REPO_ROOT, config.dataDir);
  // Secrets, the Temporal database and the bundle are for this user only; the folder stays enterable so an
  // unprivileged PostgreSQL (when run as root) reaches its own data folder inside it.
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o711);
  // Before anything starts: a second run on this data folder, or a port another program holds, is one clear
  // line and exit 1 (the first run untouched), not servers that fail and restart forever.
  const running = runningInstance(dataDir);
  if (running !== undefined) {
    say(
      `The run command is already running on ${dataDir} (pid ${running}): stop it first (Ctrl-C), or set DATA_DIR to another folder`,
      'error',
    );
    process.exit(1);
  }
  const portProblem = await firstPortProblem(neededPorts(config));
  if (portProblem) {
    say(portProblem, 'error');
    process.exit(1);
  }
  // A pid file left by a run that was killed is replaced.
  const pidFile = join(dataDir, RUN_PID_FILE);
  writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });
  for (const file of ['jwt-secret', 'temporal.sqlite', 'temporal.sqlite-wal', 'temporal.sqlite-shm', 'workflow-bundle.js']) {
    if (existsSync(join(dataDir, file))) chmodSync(join(dataDir, file), 0o600); // left readable by earlier versions
  }
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  let stopping = false;

  const shutdown = async (code: number): Promise<never> => {
    if (stopping) return new Promise<never>(() => undefined);
    stopping = true;
    say('Shutting down');
    for (const { name, stop } of stops.reverse()) {
      await stop().catch((err: unknown) => say(`stopping ${name} failed: ${String(err)}`));
    }
    if (pidInFile(dataDir) === process.pid) rmSync(pidFile, { force: true });
    say('Stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: config.embeddedPostgresPort });
      stops.push({ name: 'postgres', stop: () => pg.stop() });
      databaseUrl = pg.url;
      say(`PostgreSQL (embedded) on ${pg.url.replace(/:[^:@]*@/, ':***@')}`);
    }
    let temporalAddress = config.temporalAddress;
    let uiUrl: string | undefined;
    if (!temporalAddress) {
      const temporal =
        config.temporalMode === 'cluster'
          ? await startTemporalCluster({
              postgresUrl: databaseUrl,
              dir: join(dataDir, 'temporal-cluster'),
              port: config.devTemporalPort,
              log: (line) => say(line),
            })
          : await startTemporalDevServer({
              dbFilename: join(dataDir, 'temporal.sqlite'),
              port: config.devTemporalPort,
              uiPort: config.temporalUiPort,
            });
      stops.push({ name: 'temporal', stop: () => temporal.stop() });
      temporalAddress = temporal.address;
      uiUrl = temporal.uiUrl;
      say(
        config.temporalMode === 'cluster'
          ? `Temporal server ${TEMPORAL_SERVER_VERSION} (cluster on PostgreSQL) on ${temporal.address}`
          : `Temporal dev server on ${temporal.address}`,
      );
    }
    const applied = await runMigrations(databaseUrl);
    say(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Schema up to date');
    const bundlePath = join(dataDir, 'workflow-bundle.js');
    await writeWorkflowBundle(bundlePath);

    const url: string = databaseUrl;
    const auth = await devAuth(url, dataDir, config.jwtSecret, config.adminUsername);
    const env = { ...process.env, DATABASE_URL: url, TEMPORAL_ADDRESS: temporalAddress, WORKFLOW_BUNDLE_PATH: bundlePath, ...auth.env };
    const startApp = (name: string, entry: string): void => {
      // Own process group: Ctrl-C reaches only this orchestrator, which stops the apps before the servers.
      const spawnApp = (): ChildProcess =>
        spawn(process.execPath, ['--enable-source-maps', join(REPO_ROOT, 'dist', entry)], {
          env: { ...env, PROCESS_NAME: name },
          stdio: ['ignore', 'inherit', 'inherit'],
          detached: true,
        });
      const app = supervise(name, spawnApp, {
        log: (level, m) => say(m, level),
        stopGraceMs: config.shutdownGraceMs + 5000,
        cannotStartCode: EXIT_CANNOT_START,
        onCannotStart: () => void shutdown(1),
      });
      stops.push({ name, stop: () => app.stop() });
    };
    startApp('worker', 'apps/worker/src/main.js');
    startApp('api', 'apps/api/src/main.js');
    watchDependencies(url, temporalAddress, () => stopping);
    const apiUrl = `http://localhost:${config.port}`;
    await waitFor('the API to be ready', async () => (await fetch(`${apiUrl}/ready`)).ok, 120_000, 250);
    say(`Ready. Console: ${apiUrl}/  API: ${apiUrl}/api  Health: ${apiUrl}/ready${uiUrl ? `  Temporal Web UI: ${uiUrl}` : ''}`);
    process.stdout.write(`\n  Console:          ${apiUrl}/\n  API:              ${apiUrl}/api\n  Readiness:        ${apiUrl}/ready\n`);
    if (uiUrl) process.stdout.write(`  Temporal Web UI:  ${uiUrl}\n`);
    process.stdout.write(`  API docs:         ${apiUrl}/api/docs\n`);
    if (auth.generatedPassword) {
      process.stdout.write(
        `\n  First admin account (shown once, change it or keep it safe):\n    username: ${auth.env.ADMIN_USERNAME}\n    password: ${auth.generatedPassword}\n`,
      );
    }
    process.stdout.write('  Press Ctrl-C to stop.\n\n');
  } catch (err) {
    say(`Start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
  }
}

/** The run command's pid, under the data folder while it runs. */
const RUN_PID_FILE = 'run.pid';

/** The pid the run command's pid file under `dataDir` names, if any. */
function pidInFile(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, RUN_PID_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // no pid file
  }
}

/**
 * The pid of another run command running on `dataDir` (its pid file's, when that process is alive and is the run
 * command: a pid file left by a run that was killed does not count).
 */
function runningInstance(dataDir: string): number | undefined {
  const pid = pidInFile(dataDir);
  if (pid === undefined || pid === process.pid) return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('run-stack') ? pid : undefined;
  } catch {
    return undefined; // no such process
  }
}

/** The ports this run will listen on, with the variable that sets each: those of servers it starts itself. */
function neededPorts(config: AppConfig): Array<{ variable: string; port: number }> {
  return [
    { variable: 'PORT', port: config.port },
    ...(config.databaseUrl ? [] : [{ variable: 'PG_PORT', port: config.embeddedPostgresPort }]),
    ...(config.temporalAddress ? [] : [{ variable: 'TEMPORAL_PORT', port: config.devTemporalPort }]),
    ...(config.temporalAddress || config.temporalMode === 'cluster' ? [] : [{ variable: 'TEMPORAL_UI_PORT', port: config.temporalUiPort }]),
    ...(config.metricsPort ? [{ variable: 'METRICS_PORT', port: config.metricsPort }] : []),
  ];
}

/**
 * Probes PostgreSQL and Temporal every 5 s and logs at error level when one stops answering, and again
 * when it is back: the apps retry on their own, but an operator must know the stack is degraded.
 */
function watchDependencies(databaseUrl: string, temporalAddress: string, stopping: () => boolean): void {
  const probes: Array<{ name: string; check: () => Promise<void>; up: boolean }> = [
    {
      name: 'PostgreSQL',
      up: true,
      check: async () => {
        const pg = new PgClient({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
        try {
          await pg.connect();
          await pg.query('SELECT 1');
        } finally {
          await pg.end().catch(() => undefined);
        }
      },
    },
    {
      name: 'Temporal',
      up: true,
      check: async () => {
        const connection = await Connection.connect({ address: temporalAddress, connectTimeout: 3000 });
        try {
          await connection.withDeadline(Date.now() + 3000, () => connection.workflowService.getSystemInfo({}));
        } finally {
          await connection.close();
        }
      },
    },
  ];
  const timer = setInterval(() => {
    if (stopping()) return clearInterval(timer);
    for (const probe of probes) {
      probe.check().then(
        () => {
          if (!probe.up) say(`${probe.name} answers again`);
          probe.up = true;
        },
        (err: unknown) => {
          if (probe.up && !stopping())
            say(
              `${probe.name} is not answering (${err instanceof Error ? err.message : String(err)}); the apps retry, requests get 503 meanwhile`,
              'error',
            );
          probe.up = false;
        },
      );
    }
  }, 5000);
  timer.unref();
}

/**
 * The dev run's credentials: a JWT secret kept under the data folder (so tokens survive a restart), and
 * when no admin exists and ADMIN_USERNAME/ADMIN_PASSWORD are unset, a random first admin password.
 */
async function devAuth(
  databaseUrl: string,
  dataDir: string,
  jwtSecret: string | undefined,
  adminUsername: string | undefined,
): Promise<{ env: Record<string, string>; generatedPassword?: string }> {
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
    const admins = await pg.query("SELECT 1 FROM role_grants WHERE role = 'admin' LIMIT 1");
    if (admins.rowCount) return { env };
  } finally {
    await pg.end();
  }
  const generatedPassword = randomPassword();
  return { env: { ...env, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: generatedPassword }, generatedPassword };
}

void main();

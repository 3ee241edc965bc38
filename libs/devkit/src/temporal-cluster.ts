/**
 * The production topology's Temporal here, without Docker: the pinned Temporal server built from the Go
 * module proxy into `.tools/` (once; Go's own caches make a rebuild in a fresh clone quick), its two
 * databases created and migrated in PostgreSQL with the server's SQL tool, and the server started with the
 * same dynamic configuration as docker/compose.yaml (docker/dynamicconfig/temporal.yaml). The `default`
 * namespace and the project's search attributes are registered before it is handed out.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { stringify } from 'yaml';
import { SEARCH_ATTRIBUTE_TYPES } from '@thidua/contracts';
import { ensureDatabase } from '@thidua/persistence';
import { goBuild } from './go-build';
import { freeLowPort, stopChild, waitFor } from './processes';
import { DYNAMIC_CONFIG_FILE, dynamicConfigValues } from './dynamic-config';
import { REPO_ROOT } from './tools';
import { waitForTemporal, type RunningTemporal } from './temporal-dev-server';

/** The Temporal server release the cluster runs (the module's tag on the Go module proxy). */
export const TEMPORAL_SERVER_VERSION = 'v1.32.2';
const MODULE = 'go.temporal.io/server';
const BIN_DIR = join(REPO_ROOT, '.tools', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
/** History shards are fixed when the databases are created; 4 suits one machine (the compose default too). */
const HISTORY_SHARDS = 4;

/** Paths of the built server and its SQL schema tool. */
export interface TemporalServerBinaries {
  readonly server: string;
  readonly sqlTool: string;
}

/**
 * The server and SQL tool binaries, built on first use with `go install` into `.tools/` (progress printed:
 * the first build compiles about 1,500 packages, ~4 minutes on 2 cores).
 */
export async function ensureTemporalServer(
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<TemporalServerBinaries> {
  const binaries = { server: join(BIN_DIR, 'server'), sqlTool: join(BIN_DIR, 'sql') };
  if (existsSync(binaries.server) && existsSync(binaries.sqlTool)) return binaries;
  log(
    `Building the Temporal server ${TEMPORAL_SERVER_VERSION} from the Go module proxy into ${BIN_DIR} (once; several minutes the first time)`,
  );
  await goBuild({
    what: `Temporal server ${TEMPORAL_SERVER_VERSION}`,
    binDir: BIN_DIR,
    args: ['install', '-v', `${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`, `${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`],
    log,
  });
  return binaries;
}

/** Options for {@link startTemporalCluster}. */
export interface TemporalClusterOptions {
  /**
   * A URL of the PostgreSQL server to hold Temporal's databases (any database on it, e.g. the app's own),
   * whose user may create databases: the embedded server's superuser, or DATABASE_URL's.
   */
  readonly postgresUrl: string;
  /** Folder for the generated server configuration and its log. */
  readonly dir: string;
  /** Frontend gRPC port; a free one when omitted. */
  readonly port?: number;
  /** Database names (a prefix keeps two clusters on one PostgreSQL apart). */
  readonly databasePrefix?: string;
  /** Days a closed workflow's history is kept. */
  readonly retentionDays?: number;
  /** Values over the shared dynamic configuration (tests: a low `limit.historyCount.suggestContinueAsNew`). */
  readonly dynamicConfig?: Readonly<Record<string, string | number | boolean>>;
  /** An OTLP gRPC receiver (host:port) the server exports its traces to. */
  readonly otlpTracesGrpc?: string;
  readonly log?: (line: string) => void;
}

/** Runs the SQL tool; throws with its output when it fails. */
function sqlTool(tool: string, pg: URL, database: string, args: string[]): void {
  // The password travels in the tool's environment (SQL_PASSWORD), never on a command line `ps` shows.
  const result = spawnSync(
    tool,
    [
      '--plugin',
      'postgres12',
      '--ep',
      pg.hostname,
      '-p',
      pg.port || '5432',
      '-u',
      decodeURIComponent(pg.username),
      '--db',
      database,
      ...args,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, SQL_PASSWORD: decodeURIComponent(pg.password) },
    },
  );
  if (result.status !== 0) throw new Error(`temporal sql tool ${args[0]} on ${database} failed: ${result.stderr || result.stdout}`);
}

/** Creates the database when missing and migrates it to the release's schema (idempotent). */
async function prepareDatabase(tool: string, pg: URL, database: string, schema: 'temporal' | 'visibility'): Promise<void> {
  const { created } = await ensureDatabase(pg.toString(), database);
  if (created) sqlTool(tool, pg, database, ['setup-schema', '-v', '0.0']);
  sqlTool(tool, pg, database, ['update-schema', '--schema-name', `postgresql/v12/${schema}`]);
}

/** The server's static configuration: PostgreSQL persistence and visibility, every service on its own port. */
function serverConfig(
  pg: URL,
  names: { main: string; visibility: string },
  dynamicConfigFile: string,
  ports: Record<'frontend' | 'http' | 'history' | 'matching' | 'worker', number> & { membership: number[] },
  otlpTracesGrpc?: string,
): string {
  const datastore = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${pg.hostname}:${pg.port || '5432'}`,
      connectProtocol: 'tcp',
      user: decodeURIComponent(pg.username),
      password: decodeURIComponent(pg.password),
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = (grpcPort: number, membershipPort: number, extra: Record<string, unknown> = {}) => ({
    rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...extra },
  });
  return stringify({
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: HISTORY_SHARDS,
      datastores: { 'postgres-default': datastore(names.main, 20), 'postgres-visibility': datastore(names.visibility, 10) },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: service(ports.frontend, ports.membership[0], { httpPort: ports.http }),
      history: service(ports.history, ports.membership[1]),
      matching: service(ports.matching, ports.membership[2]),
      worker: service(ports.worker, ports.membership[3]),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${ports.frontend}` },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
    // The server's own spans (its gRPC handlers, joined to a caller's trace by the traceparent in the call's metadata).
    ...(otlpTracesGrpc
      ? {
          otel: {
            exporters: [
              {
                kind: { signal: 'traces', model: 'otlp', protocol: 'grpc' },
                spec: { connection: { insecure: true, endpoint: otlpTracesGrpc } },
              },
            ],
          },
        }
      : {}),
  });
}

/** Registers the `default` namespace (when missing) and the search attributes, and waits until both are usable. */
async function registerNamespace(address: string, retentionDays: number): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const namespace = 'default';
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(retentionDays * 86_400_000),
      });
    } catch (err) {
      if (!/already exists|AlreadyExists/i.test(String(err))) throw err;
    }
    // The frontend learns of a new namespace on its next cache refresh.
    await waitFor(
      'the default namespace',
      async () =>
        connection.workflowService.describeNamespace({ namespace }).then(
          () => true,
          () => false,
        ),
      60_000,
      250,
    );
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(SEARCH_ATTRIBUTE_TYPES).filter(([name]) => !(name in (existing.customAttributes ?? {})));
    if (missing.length) {
      const { INDEXED_VALUE_TYPE_KEYWORD, INDEXED_VALUE_TYPE_INT, INDEXED_VALUE_TYPE_BOOL } = temporal.api.enums.v1.IndexedValueType;
      const type = { Keyword: INDEXED_VALUE_TYPE_KEYWORD, Int: INDEXED_VALUE_TYPE_INT, Bool: INDEXED_VALUE_TYPE_BOOL } as const;
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map(([name, t]) => [name, type[t]])),
      });
    }
    // Stored is not yet usable: each service learns a namespace's search attributes on its next namespace cache
    // refresh (every 2 s). A visibility query that names every one of them is refused until the frontend knows them.
    const literal = { Keyword: "'-'", Int: '0', Bool: 'false' } as const;
    const query = Object.entries(SEARCH_ATTRIBUTE_TYPES)
      .map(([name, t]) => `${name} = ${literal[t]}`)
      .join(' AND ');
    await waitFor(
      'the search attributes',
      async () =>
        connection.workflowService.countWorkflowExecutions({ namespace, query }).then(
          () => true,
          () => false,
        ),
      60_000,
      250,
    );
  } finally {
    await connection.close();
  }
}

/**
 * Starts the Temporal server on PostgreSQL: builds it if needed, prepares its databases, writes its
 * configuration under `dir`, starts it (log in `dir/temporal.log`) and registers the namespace and search
 * attributes. `stop()` ends it with SIGTERM (its graceful shutdown).
 */
export async function startTemporalCluster(options: TemporalClusterOptions): Promise<RunningTemporal> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { server, sqlTool: tool } = await ensureTemporalServer(log);
  const pg = new URL(options.postgresUrl);
  const prefix = options.databasePrefix ?? 'temporal';
  const names = { main: prefix, visibility: `${prefix}_visibility` };
  await prepareDatabase(tool, pg, names.main, 'temporal');
  await prepareDatabase(tool, pg, names.visibility, 'visibility');

  const frontend = options.port ?? (await freeLowPort());
  const ports = new Set<number>([frontend]);
  while (ports.size < 9) ports.add(await freeLowPort());
  const [, http, history, matching, worker, ...membership] = [...ports];
  mkdirSync(options.dir, { recursive: true });
  const configFile = join(options.dir, 'temporal-server.yaml');
  let dynamicConfigFile = DYNAMIC_CONFIG_FILE;
  if (options.dynamicConfig && Object.keys(options.dynamicConfig).length) {
    dynamicConfigFile = join(options.dir, 'dynamic-config.yaml');
    const values = { ...dynamicConfigValues(), ...options.dynamicConfig };
    writeFileSync(dynamicConfigFile, stringify(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, [{ value }]]))), {
      mode: 0o600,
    });
  }
  writeFileSync(
    configFile,
    serverConfig(pg, names, dynamicConfigFile, { frontend, http, history, matching, worker, membership }, options.otlpTracesGrpc),
    {
      mode: 0o600,
    },
  );
  const logFd = openSync(join(options.dir, 'temporal.log'), 'a', 0o600);
  const child = spawn(server, ['--config-file', configFile, '--allow-no-auth', 'start'], {
    cwd: options.dir,
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd); // the server holds its own copy
  const address = `127.0.0.1:${frontend}`;
  try {
    await Promise.race([
      waitForTemporal(address, 120_000),
      new Promise((_, reject) =>
        child.once('exit', (code) =>
          reject(new Error(`the Temporal server exited with ${code}; see ${join(options.dir, 'temporal.log')}`)),
        ),
      ),
    ]);
    await registerNamespace(address, options.retentionDays ?? 30);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return { address, uiUrl: undefined, pid: child.pid, stop: () => stopChild(child, 20_000) };
}

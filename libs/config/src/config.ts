/** The single place that reads process.env: every setting, typed and validated once at boot. */

/** Log verbosity accepted by LOG_LEVEL. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The validated configuration of every process. */
export interface AppConfig {
  readonly host: string;
  readonly port: number;
  /** Undefined means "start an embedded PostgreSQL" (run and test commands only). */
  readonly databaseUrl: string | undefined;
  /** Undefined means "start a local Temporal dev server" (run and test commands only). */
  readonly temporalAddress: string | undefined;
  readonly temporalNamespace: string;
  readonly taskQueue: string;
  readonly temporalUiPort: number;
  /** Port of the embedded PostgreSQL the run command starts (when DATABASE_URL is unset). */
  readonly embeddedPostgresPort: number;
  /** gRPC port of the Temporal server the run command starts (when TEMPORAL_ADDRESS is unset). */
  readonly devTemporalPort: number;
  /**
   * Which Temporal the run command starts when TEMPORAL_ADDRESS is unset: `dev` (the single-process dev
   * server on SQLite) or `cluster` (the production topology's server on PostgreSQL, built from the Go module proxy).
   */
  readonly temporalMode: 'dev' | 'cluster';
  readonly logLevel: LogLevel;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly dataDir: string;
  readonly shutdownGraceMs: number;
  /** A pre-built workflow bundle (built once by the build or the test set-up); undefined: bundle at start. */
  readonly workflowBundlePath: string | undefined;
  readonly databasePoolSize: number;
  /** Name of this process in logs and in pg_stat_activity. */
  readonly processName: string;
  /** Cron of the coordinator's daily digest (empty: no schedule), in `digestTimeZone`. */
  readonly digestCron: string;
  readonly digestTimeZone: string;
  /**
   * Fault injection for crash-recovery tests only: when set to a file path that does not exist yet, the worker
   * creates it and kills itself (SIGKILL) right after its next event-store commit, before reporting completion.
   */
  readonly crashAfterCommitMarker: string | undefined;
  /** Tests only: arm the crash for commits holding one of these event types (all commits when empty). */
  readonly crashAfterEventTypes: readonly string[];
  /**
   * First tasks per second a large launch trickles its unit workflows at (their start delays grow with their
   * position; see apps/worker/src/campaigns/first-task-delay.ts).
   */
  readonly launchFirstTasksPerSecond: number;
  /** Workflows kept in the worker's cache; idle units (waiting days for a timer) are evicted and replayed later. */
  readonly maxCachedWorkflows: number;
  /** HMAC secret of the API's access tokens (at least 32 characters); the run command keeps one under DATA_DIR. */
  readonly jwtSecret: string | undefined;
  /** Lifetime of an access token, in seconds. */
  readonly tokenTtlSeconds: number;
  /** The first admin, created on start when no admin exists. */
  readonly adminUsername: string | undefined;
  readonly adminPassword: string | undefined;
  /** Origins allowed by CORS; empty: CORS off. */
  readonly corsOrigins: readonly string[];
  /** How long the API waits for a unit workflow to accept a submission before answering 503. */
  readonly updateTimeoutMs: number;
  /** Failed logins allowed per username (and per client address) within the lock window, before 429. */
  readonly loginMaxFailures: number;
  readonly loginLockSeconds: number;
  /** The built web console served by the API at `/` (default: dist/console of this checkout). */
  readonly consoleDir: string | undefined;
  /** How long a process waits for a PostgreSQL connection, and for one statement, before failing (the API answers 503). */
  readonly databaseConnectTimeoutMs: number;
  readonly databaseStatementTimeoutMs: number;
  /**
   * Proxies whose X-Forwarded-For the API believes (Express "trust proxy": addresses, CIDRs or
   * loopback/linklocal/uniquelocal); empty: none, the client address is the socket's.
   */
  readonly trustedProxies: readonly string[];
  /**
   * Where evidence files are kept: `s3://bucket[/prefix]` (S3-compatible object storage, with `s3Endpoint` for
   * a store other than AWS) or `file:///folder`; undefined: the `files` folder under DATA_DIR.
   */
  readonly storageUrl: string | undefined;
  readonly s3Endpoint: string | undefined;
  readonly s3Region: string;
  readonly s3AccessKeyId: string | undefined;
  readonly s3SecretAccessKey: string | undefined;
  /** ClamAV's clamd: its local socket, or host:port; neither: files are not scanned (said at start). */
  readonly clamdSocket: string | undefined;
  readonly clamdHost: string | undefined;
  /** Largest file accepted, and the most one submission may attach in all, in bytes. */
  readonly fileMaxBytes: number;
  readonly submissionMaxBytes: number;
  /**
   * The key (at least 32 characters) that encrypts organisations' signing certificates at rest; unset: no
   * certificate can be stored and decisions are issued unsigned (said at start).
   */
  readonly signingKey: string | undefined;
  /** An RFC 3161 time-stamping authority: signatures are then PAdES B-T (time-stamped), else B-B. */
  readonly tsaUrl: string | undefined;
  /**
   * The worker serves Prometheus metrics on this port (`/metrics`: the product's gauges and counters, the
   * Temporal SDK's own metrics, Node's); 0 picks a free port; unset: none. The API serves `/metrics` on its port.
   */
  readonly metricsPort: number | undefined;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>` (at least 16 characters). */
  readonly metricsToken: string | undefined;
  /** OpenTelemetry traces are exported by OTLP over HTTP (protobuf) to this collector (e.g. Jaeger's :4318); unset: no traces. */
  readonly otlpEndpoint: string | undefined;
}

/** Thrown when one or more environment variables are invalid; the message names each of them. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const HOST_PORT = /^[A-Za-z0-9.-]+:(\d{1,5})$/;

function port(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) {
    problems.push(`${name}=${JSON.stringify(raw)} must be a port number between 1 and 65535`);
    return fallback;
  }
  return n;
}

function positiveInt(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name}=${JSON.stringify(raw)} must be a non-negative integer`);
    return fallback;
  }
  return Number(raw);
}

function url(env: Env, name: string, protocols: readonly string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed = new URL(raw);
    if (!protocols.includes(parsed.protocol)) {
      problems.push(`${name} must use one of ${protocols.join(', ')} (got ${parsed.protocol})`);
    }
  } catch {
    problems.push(`${name} is not a valid URL`);
  }
  return raw;
}

/** Reads and validates the configuration; throws one ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];

  const temporalAddress = env.TEMPORAL_ADDRESS || undefined;
  if (temporalAddress !== undefined) {
    const m = HOST_PORT.exec(temporalAddress);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) {
      problems.push(`TEMPORAL_ADDRESS=${JSON.stringify(temporalAddress)} must be host:port, e.g. localhost:7233`);
    }
  }
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevel)} must be one of debug, info, warn, error`);
  }
  const temporalMode = (env.TEMPORAL_MODE || 'dev') as AppConfig['temporalMode'];
  if (!['dev', 'cluster'].includes(temporalMode))
    problems.push(
      `TEMPORAL_MODE=${JSON.stringify(env.TEMPORAL_MODE)} must be dev (the Temporal dev server) or cluster (the Temporal server on PostgreSQL)`,
    );
  const taskQueue = env.TEMPORAL_TASK_QUEUE || 'thi-dua';
  if (!/^[\w.-]{1,100}$/.test(taskQueue)) problems.push('TEMPORAL_TASK_QUEUE must be 1-100 letters, digits, "." "_" or "-"');

  const config: AppConfig = {
    host: env.HOST || '0.0.0.0',
    port: port(env, 'PORT', 3000, problems),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems),
    temporalAddress,
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue,
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', 8233, problems),
    embeddedPostgresPort: port(env, 'PG_PORT', 5433, problems),
    devTemporalPort: port(env, 'TEMPORAL_PORT', 7233, problems),
    temporalMode,
    logLevel,
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:'], problems),
    mailFrom: env.MAIL_FROM || 'Phòng Nội vụ <no-reply@thi-dua.local>',
    dataDir: env.DATA_DIR || '.data',
    shutdownGraceMs: positiveInt(env, 'SHUTDOWN_GRACE_MS', 10_000, problems),
    workflowBundlePath: env.WORKFLOW_BUNDLE_PATH || undefined,
    databasePoolSize: positiveInt(env, 'DATABASE_POOL_SIZE', 20, problems),
    processName: env.PROCESS_NAME || 'thi-dua',
    digestCron: env.DIGEST_CRON ?? '0 8 * * *',
    digestTimeZone: env.DIGEST_TIMEZONE || 'Asia/Ho_Chi_Minh',
    crashAfterCommitMarker: env.FAULT_CRASH_AFTER_COMMIT_MARKER || undefined,
    crashAfterEventTypes: (env.FAULT_CRASH_AFTER_EVENT ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    maxCachedWorkflows: positiveInt(env, 'WORKER_MAX_CACHED_WORKFLOWS', 1000, problems),
    launchFirstTasksPerSecond: positiveInt(env, 'LAUNCH_FIRST_TASKS_PER_SECOND', 100, problems),
    jwtSecret: env.JWT_SECRET || undefined,
    tokenTtlSeconds: positiveInt(env, 'TOKEN_TTL_SECONDS', 8 * 3600, problems),
    adminUsername: env.ADMIN_USERNAME || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    updateTimeoutMs: positiveInt(env, 'UPDATE_TIMEOUT_MS', 10_000, problems),
    loginMaxFailures: positiveInt(env, 'LOGIN_MAX_FAILURES', 5, problems),
    loginLockSeconds: positiveInt(env, 'LOGIN_LOCK_SECONDS', 900, problems),
    consoleDir: env.CONSOLE_DIR || undefined,
    databaseConnectTimeoutMs: positiveInt(env, 'DATABASE_CONNECT_TIMEOUT_MS', 3000, problems),
    databaseStatementTimeoutMs: positiveInt(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 15_000, problems),
    trustedProxies: (env.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    storageUrl: url(env, 'STORAGE_URL', ['s3:', 'file:'], problems),
    s3Endpoint: url(env, 'S3_ENDPOINT', ['http:', 'https:'], problems),
    s3Region: env.S3_REGION || 'us-east-1',
    s3AccessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    s3SecretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    clamdSocket: env.CLAMD_SOCKET || undefined,
    clamdHost: env.CLAMD_HOST || undefined,
    fileMaxBytes: positiveInt(env, 'FILE_MAX_MB', 64, problems) * 1024 * 1024,
    submissionMaxBytes: positiveInt(env, 'SUBMISSION_MAX_MB', 200, problems) * 1024 * 1024,
    signingKey: env.SIGNING_KEY || undefined,
    tsaUrl: url(env, 'TSA_URL', ['http:', 'https:'], problems),
    metricsPort: env.METRICS_PORT === '0' ? 0 : env.METRICS_PORT ? port(env, 'METRICS_PORT', 0, problems) : undefined,
    metricsToken: env.METRICS_TOKEN || undefined,
    otlpEndpoint: url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:'], problems),
  };
  if (config.signingKey !== undefined && config.signingKey.length < 32) problems.push('SIGNING_KEY must be at least 32 characters');
  if (config.metricsToken !== undefined && config.metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');
  if (config.jwtSecret !== undefined && config.jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  if (config.adminPassword !== undefined && config.adminPassword.length < 10)
    problems.push('ADMIN_PASSWORD must be at least 10 characters');
  if (config.adminPassword !== undefined && !config.adminUsername) problems.push('ADMIN_PASSWORD needs ADMIN_USERNAME');
  if (config.databaseConnectTimeoutMs < 100) problems.push('DATABASE_CONNECT_TIMEOUT_MS must be at least 100');
  if (config.databaseStatementTimeoutMs < 100) problems.push('DATABASE_STATEMENT_TIMEOUT_MS must be at least 100');
  const badProxy = config.trustedProxies.find((p) => !/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(p));
  if (badProxy) problems.push(`TRUSTED_PROXIES: ${JSON.stringify(badProxy)} is not an address, a CIDR, loopback, linklocal or uniquelocal`);
  if (config.clamdHost !== undefined && !HOST_PORT.test(config.clamdHost))
    problems.push(`CLAMD_HOST=${JSON.stringify(config.clamdHost)} must be host:port, e.g. localhost:3310`);
  if (config.storageUrl?.startsWith('s3:') && !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(config.storageUrl))
    problems.push('STORAGE_URL must name a bucket: s3://bucket or s3://bucket/prefix (3-63 lower-case letters, digits, "." or "-")');
  if ((config.s3AccessKeyId === undefined) !== (config.s3SecretAccessKey === undefined))
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  if (config.fileMaxBytes < 1024 * 1024) problems.push('FILE_MAX_MB must be at least 1');
  if (config.submissionMaxBytes < config.fileMaxBytes) problems.push('SUBMISSION_MAX_MB must be at least FILE_MAX_MB');
  if (config.tokenTtlSeconds < 60) problems.push('TOKEN_TTL_SECONDS must be at least 60');
  if (config.digestCron && config.digestCron.trim().split(/\s+/).length !== 5) {
    problems.push(`DIGEST_CRON=${JSON.stringify(config.digestCron)} must be a 5-field cron expression such as "0 8 * * *" (or empty)`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.digestTimeZone });
  } catch {
    problems.push(`DIGEST_TIMEZONE=${JSON.stringify(config.digestTimeZone)} is not an IANA time zone`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The configuration of a process that must be given its servers (api, worker): both addresses required. */
export interface ServiceConfig extends AppConfig {
  readonly databaseUrl: string;
  readonly temporalAddress: string;
}

/** Like loadConfig, but DATABASE_URL and TEMPORAL_ADDRESS must be set (the run command sets them). */
export function loadServiceConfig(env: Env = process.env): ServiceConfig {
  const problems: string[] = [];
  let config: AppConfig | undefined;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  if (!env.DATABASE_URL) problems.push('DATABASE_URL must be set (e.g. postgres://user:pass@localhost:5432/thidua)');
  if (!env.TEMPORAL_ADDRESS) problems.push('TEMPORAL_ADDRESS must be set (e.g. localhost:7233)');
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  return config as ServiceConfig;
}

/** Like loadConfig, but DATABASE_URL must be set: for one-shot database commands (migrate, rebuild). */
export function loadDatabaseConfig(env: Env = process.env): AppConfig & { readonly databaseUrl: string } {
  const config = loadConfig(env);
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL must be set (e.g. postgres://user:pass@localhost:5432/thidua)']);
  return config as AppConfig & { readonly databaseUrl: string };
}

/**
 * The exit code of a service that cannot start for a reason a restart cannot fix (its configuration, its port
 * taken): sysexits' EX_CONFIG. The run command does not restart a process that exits with it.
 */
export const EXIT_CANNOT_START = 78;

/**
 * Ends a service whose start failed, with one JSON line: its port held by another program (not freed by starting
 * again) names the port and the variable to change and exits {@link EXIT_CANNOT_START}; anything else exits 1.
 */
export function exitAfterFailedStart(
  context: string,
  err: unknown,
  port: { readonly variable: string; readonly port: number | undefined },
): never {
  const taken = (err as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
  const message = taken
    ? `Port ${port.port} (${port.variable}) is already in use: stop what holds it, or set ${port.variable} to a free port`
    : String(err);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', context, message })}\n`);
  process.exit(taken ? EXIT_CANNOT_START : 1);
}

/** Loads a config or prints the one-line reason and exits with `exitCode` (1 unless given): for process entry points. */
export function configOrExit<T>(load: () => T, exitCode = 1): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(exitCode);
    }
    throw err;
  }
}

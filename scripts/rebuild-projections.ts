/** Rebuilds the read models from the event log: node dist/scripts/rebuild-projections.js [campaignId] */
import { configOrExit, loadDatabaseConfig } from '@thidua/config';
import { createDataSource } from '@thidua/persistence';
import { rebuildUnitProjections } from '../apps/worker/src/unit-events/rebuild-projections';

async function main(): Promise<void> {
  const config = configOrExit(() => loadDatabaseConfig());
  const ds = await createDataSource({ url: config.databaseUrl, poolSize: 1, applicationName: 'thi-dua-rebuild' }).initialize();
  try {
    const units = await rebuildUnitProjections(ds, process.argv[2]);
    process.stdout.write(`${JSON.stringify({ level: 'info', context: 'rebuild', message: `rebuilt ${units} unit projections` })}\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', context: 'rebuild', message: String(err) })}\n`);
  process.exit(1);
});

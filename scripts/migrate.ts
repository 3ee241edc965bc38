/** Applies pending migrations to DATABASE_URL and exits (the production one-shot step). */
import { configOrExit, loadDatabaseConfig } from '@thidua/config';
import { runMigrations } from '@thidua/persistence';

async function main(): Promise<void> {
  const config = configOrExit(() => loadDatabaseConfig());
  const applied = await runMigrations(config.databaseUrl);
  process.stdout.write(`${JSON.stringify({ level: 'info', context: 'migrate', message: `applied ${applied.length}`, applied })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', context: 'migrate', message: String(err) })}\n`);
  process.exit(1);
});

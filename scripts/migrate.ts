/** Applies pending migrations to DATABASE_URL and exits (the production one-shot step). */
import { configOrExit, ConfigError, loadConfig } from '../libs/config/src';
import { runMigrations } from '../libs/persistence/src/data-source';

async function main(): Promise<void> {
  const config = configOrExit(() => {
    const c = loadConfig();
    if (!c.databaseUrl) throw new ConfigError(['DATABASE_URL must be set']);
    return c;
  });
  const applied = await runMigrations(config.databaseUrl as string);
  process.stdout.write(`${JSON.stringify({ level: 'info', context: 'migrate', message: `applied ${applied.length}`, applied })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', context: 'migrate', message: String(err) })}\n`);
  process.exit(1);
});

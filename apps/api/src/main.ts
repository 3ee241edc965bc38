import 'reflect-metadata';
import { configOrExit, loadServiceConfig } from '@thidua/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = configOrExit(() => loadServiceConfig({ ...process.env, PROCESS_NAME: process.env.PROCESS_NAME ?? 'api' }));
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', context: 'api', message: String(err) })}\n`);
  process.exit(1);
});

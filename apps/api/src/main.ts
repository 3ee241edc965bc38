import 'reflect-metadata';
// First: the configuration, and tracing started before the modules it instruments load.
import { config } from './instrumented-config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', context: 'api', message: String(err) })}\n`);
  process.exit(1);
});

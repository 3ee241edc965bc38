import 'reflect-metadata';
// First: the configuration, and tracing started before the modules it instruments load.
import { config } from './instrumented-config';
import { exitAfterFailedStart } from '@thidua/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
}

main().catch((err: unknown) => exitAfterFailedStart('api', err, { variable: 'PORT', port: config.port }));

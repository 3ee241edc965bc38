import 'reflect-metadata';
// First: the configuration, and tracing started before the modules it instruments load.
import { config } from './instrumented-config';
import { EXIT_CANNOT_START } from '@thidua/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
}

main().catch((err: unknown) => {
  // A port another program holds is not freed by starting again: said once, with the variable to change.
  const taken = (err as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
  const message = taken ? `Port ${config.port} (PORT) is already in use: stop what holds it, or set PORT to a free port` : String(err);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', context: 'api', message })}\n`);
  process.exit(taken ? EXIT_CANNOT_START : 1);
});

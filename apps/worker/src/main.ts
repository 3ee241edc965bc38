import 'reflect-metadata';
// First: the configuration, and tracing started before the modules it instruments load.
import { config } from './instrumented-config';
import { NestFactory } from '@nestjs/core';
import { EXIT_CANNOT_START } from '@thidua/config';
import { createJsonLogger } from '@thidua/observability';
import { installTemporalRuntime } from '@thidua/temporal';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // The SDK's own metrics are served (on loopback) when this worker serves /metrics, which includes them.
  await installTemporalRuntime(config.processName, config.logLevel, config.metricsPort !== undefined);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: createJsonLogger(config.processName, config.logLevel),
  });
  // SIGTERM/SIGINT → beforeApplicationShutdown drains the worker, then connections close.
  app.enableShutdownHooks();
}

bootstrap().catch((err: unknown) => {
  // Its metrics port held by another program is not freed by starting again: said once, with the variable to change.
  const taken = (err as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
  const message = taken
    ? `Port ${config.metricsPort} (METRICS_PORT) is already in use: stop what holds it, or set METRICS_PORT to a free port`
    : String(err);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', context: 'worker', message })}\n`);
  process.exit(taken ? EXIT_CANNOT_START : 1);
});

import 'reflect-metadata';
// First: the configuration, and tracing started before the modules it instruments load.
import { config } from './instrumented-config';
import { NestFactory } from '@nestjs/core';
import { exitAfterFailedStart } from '@thidua/config';
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

// Its metrics port held by another program is said once, and not restarted.
bootstrap().catch((err: unknown) => exitAfterFailedStart('worker', err, { variable: 'METRICS_PORT', port: config.metricsPort }));

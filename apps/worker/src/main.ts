import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configOrExit, loadServiceConfig } from '@thidua/config';
import { createJsonLogger, installTemporalJsonLogging } from '@thidua/observability';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = configOrExit(() => loadServiceConfig({ ...process.env, PROCESS_NAME: process.env.PROCESS_NAME ?? 'worker' }));
  installTemporalJsonLogging(config.processName, config.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: createJsonLogger(config.processName, config.logLevel),
  });
  // SIGTERM/SIGINT → beforeApplicationShutdown drains the worker, then connections close.
  app.enableShutdownHooks();
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', context: 'worker', message: String(err) })}\n`);
  process.exit(1);
});

import { RequestMethod, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServiceConfig } from '../../../libs/config/src';
import { createJsonLogger } from '../../../libs/observability/src';
import { AppModule } from './app.module';

/** Creates the API application with its global pipes and prefix (shared by main.ts and e2e tests). */
export async function createApiApp(config: ServiceConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: createJsonLogger(config.processName, config.logLevel),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  return app;
}

import { RequestMethod, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { ServiceConfig } from '../../../libs/config/src';
import { createJsonLogger } from '../../../libs/observability/src';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';

/** Creates the API application with its global pipes, prefix, security headers and docs (shared by main.ts and tests). */
export async function createApiApp(config: ServiceConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: createJsonLogger(config.processName, config.logLevel),
    bodyParser: false,
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(helmet());
  if (config.corsOrigins.length) app.enableCors({ origin: [...config.corsOrigins], credentials: false, exposedHeaders: ['Retry-After', 'X-Request-Id'] });
  app.useBodyParser('json', { limit: '256kb' });
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  const docs = new DocumentBuilder()
    .setTitle('Thi đua – API')
    .setDescription(
      'API của hệ thống điều hành phong trào thi đua: tài khoản, danh mục đơn vị, đợt thi đua, việc cần làm, hồ sơ và đánh giá. ' +
        'Mọi lỗi trả về {statusCode, error, message, details[]}. Các yêu cầu ghi nhận Idempotency-Key.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, docs), { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  app.enableShutdownHooks();
  return app;
}

import { RequestMethod, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServiceConfig } from '@thidua/config';
import { createJsonLogger } from '@thidua/observability';
import { AppModule } from './app.module';
import { documentErrors } from './common/openapi-errors';
import { createValidationPipe } from './common/validation';
import { jsonDepthGuard, SafeInputPipe } from './common/safe-input.pipe';

/** The root this file sits three levels under (apps/api/src): the repository, or dist/ when compiled. */
const ROOT = resolve(__dirname, '..', '..', '..');
/** dist/console next to the compiled API, or in dist/ when running from the sources. */
const DEFAULT_CONSOLE_DIR = __dirname.includes(join('dist', 'apps')) ? join(ROOT, 'console') : join(ROOT, 'dist/console');

/**
 * Serves the web console's files, and its index.html for every other page path (the console routes itself).
 * Only the files the build wrote are looked up: a static handler in front of every API call would stat the
 * disk and build a 404 error object for each request.
 */
function serveConsole(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  // The user guide built beside the console: /huong-dan, /huong-dan/don-vi, its images.
  const guide = join(dir, 'huong-dan');
  if (existsSync(guide)) app.use('/huong-dan', express.static(guide, { extensions: ['html'], maxAge: '1h', fallthrough: true }));
  const files = new Set(
    readdirSync(dir)
      .filter((f) => f !== 'index.html')
      .map((f) => `/${f}`),
  );
  const assets = express.static(dir, { index: false, maxAge: '1h', fallthrough: true });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (files.has(req.path)) {
      assets(req, res, next);
      return;
    }
    const api =
      req.path === '/health' || req.path === '/ready' || req.path === '/metrics' || req.path === '/api' || req.path.startsWith('/api/');
    if (api || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/** Creates the API application with its global pipes, prefix, security headers and docs (shared by main.ts and tests). */
export async function createApiApp(config: ServiceConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: createJsonLogger(config.processName, config.logLevel),
    bodyParser: false,
  });
  // X-Forwarded-For is believed only from proxies an operator names: otherwise anyone could pick the address
  // the login throttle counts against.
  app.set('trust proxy', config.trustedProxies.length ? [...config.trustedProxies] : false);
  app.disable('x-powered-by');
  // No ETag: hashing every JSON answer costs CPU on each request and the API's clients do not revalidate.
  app.set('etag', false);
  // No upgrade-insecure-requests: district offices reach the console over plain HTTP on their LAN.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } } }));
  serveConsole(app, config.consoleDir ?? DEFAULT_CONSOLE_DIR);
  if (config.corsOrigins.length)
    app.enableCors({ origin: [...config.corsOrigins], credentials: false, exposedHeaders: ['Retry-After', 'X-Request-Id'] });
  // Express's own JSON parser (Nest's wrapper keeps `verify` for itself): depth is refused before parsing.
  // A plan text may be up to 1 MiB (more once escaped in JSON); every other body stays small.
  app.use('/api/plan-imports', express.json({ limit: '4mb', verify: jsonDepthGuard }));
  // A signing certificate comes with the images of the signature and the seal (base64).
  app.use(/^\/api\/organisations\/[^/]+\/signing-certificate$/, express.json({ limit: '2mb', verify: jsonDepthGuard }));
  app.use(express.json({ limit: '256kb', verify: jsonDepthGuard }));
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(new SafeInputPipe(), createValidationPipe());
  const docs = new DocumentBuilder()
    .setTitle('Thi đua – API')
    .setDescription(
      'API của hệ thống điều hành phong trào thi đua: tài khoản, danh mục đơn vị, đợt thi đua, việc cần làm, hồ sơ và đánh giá. ' +
        'Mọi lỗi trả về {statusCode, error, message, details[]}. Các yêu cầu ghi nhận Idempotency-Key.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => documentErrors(SwaggerModule.createDocument(app, docs)), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
  app.enableShutdownHooks();
  return app;
}

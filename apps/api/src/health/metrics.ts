/**
 * What operators scrape from the API: `/metrics` in Prometheus text (HTTP latency by route and status, Node's
 * process metrics), and the trace span of each request named after its route.
 */
import {
  Controller,
  Get,
  Header,
  Inject,
  Injectable,
  Req,
  UnauthorizedException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type NestMiddleware,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram, Registry } from 'prom-client';
import type { Observable } from 'rxjs';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { activeTracing, checkMetricsToken } from '@thidua/observability';
import { Public } from '../auth/principal';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const HTTP_DURATION = Symbol('HTTP_DURATION');

/** The route pattern that answered (`/api/campaigns/:id`), never the raw path: one series per route, not per campaign. */
function routeOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? route : 'unmatched';
}

/** Observes every answer's latency once it is sent. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(HTTP_DURATION) private readonly duration: Histogram<'method' | 'route' | 'status'>) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.duration.observe({ method: req.method, route: routeOf(req), status: String(res.statusCode) }, seconds);
    });
    next();
  }
}

/** Names the request's trace span after its route once routing is done (the HTTP instrumentation knows only the method). */
@Injectable()
export class RouteSpanInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (activeTracing() && context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      const route = routeOf(req);
      trace.getActiveSpan()?.updateName(`${req.method} ${route}`).setAttribute('http.route', route);
    }
    return next.handle();
  }
}

/** `/metrics`, outside the /api prefix; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
@Public()
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async metrics(@Req() req: Request): Promise<string> {
    if (!checkMetricsToken(this.config.metricsToken, req.headers.authorization))
      throw new UnauthorizedException('Cần mã truy cập số liệu vận hành (METRICS_TOKEN)');
    return this.registry.metrics();
  }
}

import { Module } from '@nestjs/common';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { createMetricsRegistry, httpMetrics } from '@thidua/observability';
import { HealthController } from './health.controller';
import { HTTP_DURATION, HttpMetricsMiddleware, METRICS_REGISTRY, MetricsController, RouteSpanInterceptor } from './metrics';

/** Liveness and readiness (PostgreSQL and Temporal answer), and the metrics operators scrape. */
@Module({
  controllers: [HealthController, MetricsController],
  providers: [
    { provide: METRICS_REGISTRY, inject: [APP_CONFIG], useFactory: (config: ServiceConfig) => createMetricsRegistry(config.processName) },
    { provide: HTTP_DURATION, inject: [METRICS_REGISTRY], useFactory: httpMetrics },
    HttpMetricsMiddleware,
    RouteSpanInterceptor,
  ],
  exports: [HTTP_DURATION, HttpMetricsMiddleware, RouteSpanInterceptor],
})
export class HealthModule {}

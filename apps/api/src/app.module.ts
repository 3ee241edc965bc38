import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { AppConfigModule, type ServiceConfig } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src';
import { TemporalClientModule } from '../../../libs/temporal/src';
import { RequestIdMiddleware } from './common/request-id.middleware';
import { HealthController } from './health/health.controller';
import { RoundTripsModule } from './round-trips/round-trips.module';

/** The HTTP API: talks to Temporal through the client and to PostgreSQL through libs/persistence. */
@Module({})
export class AppModule implements NestModule {
  /** Builds the module from a validated configuration. */
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [AppConfigModule.forRoot(config), PersistenceModule, TemporalClientModule, RoundTripsModule],
      controllers: [HealthController],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes('*path');
  }
}

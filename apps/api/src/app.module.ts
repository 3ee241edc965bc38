import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfigModule, type ServiceConfig } from '@thidua/config';
import { PersistenceModule } from '@thidua/persistence';
import { TemporalClientModule } from '@thidua/temporal';
import { AccountsModule } from './accounts/accounts.module';
import { AuthGuard } from './auth/auth.guard';
import { ScopeGuard } from './auth/scope.guard';
import { OrganisationsModule } from './organisations/organisations.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CascadeModule } from './cascade/cascade.module';
import { ClustersModule } from './clusters/clusters.module';
import { CommendationsModule } from './commendations/commendations.module';
import { ErrorFilter } from './common/error.filter';
import { RequestIdMiddleware } from './common/request-id.middleware';
import { DirectoryModule } from './directory/directory.module';
import { FilesModule } from './files/files.module';
import { HealthModule } from './health/health.module';
import { HttpMetricsMiddleware, RouteSpanInterceptor } from './health/metrics';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { InboxModule } from './inbox/inbox.module';
import { LiveModule } from './live/live.module';
import { PlanImportsModule } from './plan-imports/plan-imports.module';
import { TemplatesModule } from './templates/templates.module';
import { UnitWorkModule } from './unit-work/unit-work.module';

/** The HTTP API: talks to Temporal through the client and to PostgreSQL through libs/persistence. */
@Module({})
export class AppModule implements NestModule {
  /** Builds the module from a validated configuration (JWT_SECRET required). */
  static forRoot(config: ServiceConfig): DynamicModule {
    if (!config.jwtSecret) throw new Error('JWT_SECRET must be set for the API (at least 32 characters); the run command generates one');
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        PersistenceModule,
        TemporalClientModule,
        // A KeyObject, not a string: given a string, jsonwebtoken first tries (and fails) to parse it as a
        // public key on every call, which cost ~2 ms of CPU per request.
        JwtModule.register({
          global: true,
          secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        HealthModule,
        OrganisationsModule,
        AuthModule,
        AccountsModule,
        DirectoryModule,
        TemplatesModule,
        CampaignsModule,
        CascadeModule,
        ClustersModule,
        CommendationsModule,
        FilesModule,
        UnitWorkModule,
        InboxModule,
        LiveModule,
        PlanImportsModule,
        CalendarModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        // After the caller is known: the object a path names must be in their scope.
        { provide: APP_GUARD, useClass: ScopeGuard },
        { provide: APP_INTERCEPTOR, useExisting: RouteSpanInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware, RequestIdMiddleware).forRoutes('*path');
  }
}

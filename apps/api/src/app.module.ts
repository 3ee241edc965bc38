import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfigModule, type ServiceConfig } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src';
import { TemporalClientModule } from '../../../libs/temporal/src';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { CampaignCommandsService } from './campaigns/campaign-commands.service';
import { CampaignReadsService } from './campaigns/campaign-reads.service';
import { CampaignsController } from './campaigns/campaigns.controller';
import { UnitWorkController } from './campaigns/unit-work.controller';
import { ErrorFilter } from './common/error.filter';
import { RequestIdMiddleware } from './common/request-id.middleware';
import { UnitsController } from './directory/units.controller';
import { UnitsDirectoryService } from './directory/units.service';
import { HealthController } from './health/health.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { MeController } from './me/me.controller';
import { TemplatesController } from './templates/templates.controller';

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
          secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [
        HealthController,
        AuthController,
        AccountsController,
        UnitsController,
        TemplatesController,
        CampaignsController,
        UnitWorkController,
        MeController,
      ],
      providers: [
        AccountsService,
        UnitsDirectoryService,
        CampaignReadsService,
        CampaignCommandsService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes('*path');
  }
}

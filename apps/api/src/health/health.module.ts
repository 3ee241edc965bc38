import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Liveness and readiness (PostgreSQL and Temporal answer). */
@Module({ controllers: [HealthController] })
export class HealthModule {}

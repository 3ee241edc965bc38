import { Module } from '@nestjs/common';
import { PlanImportsController } from './plan-imports.controller';

/** Plan import: a plan document read into a campaign draft (nothing stored). */
@Module({ controllers: [PlanImportsController] })
export class PlanImportsModule {}

import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { UnitWorkController } from './unit-work.controller';

/** A unit's work in a campaign: registration, reports, the coordinator's decisions and review, its log. */
@Module({ imports: [CampaignsModule], controllers: [UnitWorkController] })
export class UnitWorkModule {}

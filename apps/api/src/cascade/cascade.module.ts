import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { RollupController, UpwardController } from './cascade.controller';
import { CascadeService } from './cascade.service';

/** Campaigns across levels: the organisation's work on the campaigns above, and a campaign rolled up across its levels. */
@Module({
  imports: [CampaignsModule, CalendarModule],
  controllers: [UpwardController, RollupController],
  providers: [CascadeService],
})
export class CascadeModule {}

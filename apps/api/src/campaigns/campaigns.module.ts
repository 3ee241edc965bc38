import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { DirectoryModule } from '../directory/directory.module';
import { CampaignCommandsService } from './campaign-commands.service';
import { CampaignReadsService } from './campaign-reads.service';
import { CampaignsController } from './campaigns.controller';
import { ScoresService } from './scores.service';

/** Campaigns: launch, re-plan, cancel, enrol late units; the dashboard and unit table read from the projections. */
@Module({
  imports: [DirectoryModule, CalendarModule],
  controllers: [CampaignsController],
  providers: [CampaignReadsService, CampaignCommandsService, ScoresService],
  exports: [CampaignReadsService, CampaignCommandsService, ScoresService],
})
export class CampaignsModule {}

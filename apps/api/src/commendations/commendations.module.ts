import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CommendationFormsController } from './forms.controller';
import { CommendationsController } from './commendations.controller';
import { CommendationsService } from './commendations.service';
import { LegalTextsController } from './legal.controller';

/** The commendation stage of campaigns and the catalogue of commendation forms. */
@Module({
  imports: [CampaignsModule],
  controllers: [CommendationsController, CommendationFormsController, LegalTextsController],
  providers: [CommendationsService],
})
export class CommendationsModule {}

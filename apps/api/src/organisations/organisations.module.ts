import { Global, Module } from '@nestjs/common';
import { CampaignOwners } from './campaign-owners';
import { OrgDirectory } from './org-directory';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { SigningService } from './signing.service';

/** The organisation tree and the campaigns' owners: held in memory for the guards and the live stream (global), and the tree's endpoints. */
@Global()
@Module({
  controllers: [OrganisationsController],
  providers: [OrgDirectory, CampaignOwners, OrganisationsService, SigningService],
  exports: [OrgDirectory, CampaignOwners],
})
export class OrganisationsModule {}

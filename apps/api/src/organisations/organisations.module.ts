import { Global, Module } from '@nestjs/common';
import { OrgDirectory } from './org-directory';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

/** The organisation tree: held in memory for the guards (global), and its endpoints. */
@Global()
@Module({ controllers: [OrganisationsController], providers: [OrgDirectory, OrganisationsService], exports: [OrgDirectory] })
export class OrganisationsModule {}

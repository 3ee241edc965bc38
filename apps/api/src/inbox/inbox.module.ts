import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { MeController } from './me.controller';

/** The caller's own side: open tasks across campaigns and the notification inbox. */
@Module({ imports: [CampaignsModule, AccountsModule], controllers: [MeController] })
export class InboxModule {}

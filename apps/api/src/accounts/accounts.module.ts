import { Module } from '@nestjs/common';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { DisabledAccounts } from './disabled-accounts';

/** Accounts: created by admins (the first one from the environment), checked at sign-in. */
@Module({ controllers: [AccountsController], providers: [AccountsService, DisabledAccounts], exports: [AccountsService, DisabledAccounts] })
export class AccountsModule {}

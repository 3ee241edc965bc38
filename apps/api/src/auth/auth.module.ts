import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuthController } from './auth.controller';

/** Sign-in: a password checked against the accounts answers a signed token (the guard that checks it is global). */
@Module({ imports: [AccountsModule], controllers: [AuthController] })
export class AuthModule {}

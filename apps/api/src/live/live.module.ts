import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveController } from './live.controller';
import { LiveFeed } from './live-feed.service';

/** Live updates for the consoles: PostgreSQL's announcements, fanned out as Server-Sent Events. */
@Module({ imports: [AccountsModule], controllers: [LiveController], providers: [LiveFeed], exports: [LiveFeed] })
export class LiveModule {}

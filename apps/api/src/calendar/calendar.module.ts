import { Module } from '@nestjs/common';
import { CalendarController, MyCalendarFeedController } from './calendar.controller';
import { CalendarFeedsService } from './feeds.service';
import { CalendarService } from './calendar.service';

/** The working-day calendar: holidays by rule, the government's announced changes, working-day arithmetic, and each account's calendar feed. */
@Module({
  controllers: [CalendarController, MyCalendarFeedController],
  providers: [CalendarService, CalendarFeedsService],
  exports: [CalendarService],
})
export class CalendarModule {}

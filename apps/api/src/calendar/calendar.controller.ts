import { Body, Controller, Delete, Get, Header, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertProvinceWide } from '../auth/policy-of';
import { actorOf, Caller, Public, Roles, type Principal } from '../auth/principal';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { OverridesDto, WorkingDaysQueryDto, YearParamDto } from './calendar.dto';
import { CalendarService, type CalendarYear } from './calendar.service';
import { CalendarFeedsService, type FeedAddress } from './feeds.service';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly feeds: CalendarFeedsService,
  ) {}

  @Get('working-days')
  @Roles('admin', 'coordinator', 'unit')
  @ApiOperation({ summary: 'Thời điểm sau N ngày làm việc (bỏ qua thứ Bảy, Chủ nhật, ngày lễ, tết, ngày nghỉ bù; tính cả ngày làm bù)' })
  @ApiOkResponse({ description: '{from, add, at}' })
  workingDays(@Query() q: WorkingDaysQueryDto): Promise<{ from: string; add: number; at: string }> {
    return this.calendar.addWorkingDays(q.from, q.add);
  }

  @Get('feeds/:file')
  @Public()
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'Lịch (iCalendar, RFC 5545) của một tài khoản theo địa chỉ bí mật: hạn, hạn chót, hội nghị, nhắc việc' })
  @ApiOkResponse({ description: 'text/calendar' })
  async feed(@Param('file') file: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const body = await this.feeds.render(file);
    res.type('text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', 'inline; filename="lich-thi-dua.ics"');
    return body;
  }

  @Get(':year')
  @Roles('admin', 'coordinator', 'unit')
  @ApiOperation({ summary: 'Các ngày nghỉ lễ, tết, nghỉ bù và ngày làm bù của một năm, kèm tên và nguồn (quy định hay thông báo)' })
  @ApiOkResponse({
    description:
      '{year, days: [{date, name, kind, source, working: false}] (non-working days besides weekends), workedDays: [...] (swapped days worked)}',
  })
  year(@Param() p: YearParamDto): Promise<CalendarYear> {
    return this.calendar.year(p.year);
  }

  @Put(':year/overrides')
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Thay các ngày nghỉ, ngày làm bù theo thông báo của Chính phủ cho một năm (ghi vào nhật ký)' })
  @ApiOkResponse({ description: 'The year after the change' })
  setOverrides(@Param() p: YearParamDto, @Body() body: OverridesDto, @Caller() caller: Principal): Promise<CalendarYear> {
    assertProvinceWide(caller, 'Calendar');
    return this.calendar.setOverrides(p.year, body.overrides, actorOf(caller));
  }
}

/** The caller's own calendar feed address: see it, make a new one (the old stops working), or revoke it. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('me/calendar-feed')
export class MyCalendarFeedController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Get()
  @ApiOperation({ summary: 'Địa chỉ lịch bí mật của tài khoản (để thêm vào lịch điện thoại)' })
  @ApiOkResponse({ description: '{path, createdAt}; path null when there is none' })
  mine(@Caller() caller: Principal): Promise<FeedAddress> {
    return this.feeds.mine(caller.accountId);
  }

  @Post()
  @ApiOperation({ summary: 'Tạo địa chỉ lịch mới (địa chỉ cũ ngừng hoạt động ngay)' })
  @ApiCreatedResponse({ description: '{path, createdAt}' })
  rotate(@Caller() caller: Principal): Promise<FeedAddress> {
    return this.feeds.rotate(caller);
  }

  @Delete()
  @ApiOperation({ summary: 'Thu hồi địa chỉ lịch' })
  @ApiOkResponse({ description: '{path: null, createdAt: null}' })
  revoke(@Caller() caller: Principal): Promise<FeedAddress> {
    return this.feeds.revoke(caller.accountId);
  }
}

import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CalendarDay } from '../../../../libs/calendar/src';
import { actorOf, Caller, Roles, type Principal } from '../auth/principal';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { OverridesDto, WorkingDaysQueryDto, YearParamDto } from './calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('working-days')
  @Roles('admin', 'coordinator', 'unit')
  @ApiOperation({ summary: 'Thời điểm sau N ngày làm việc (bỏ qua thứ Bảy, Chủ nhật, ngày lễ, tết, ngày nghỉ bù; tính cả ngày làm bù)' })
  @ApiOkResponse({ description: '{from, add, at}' })
  workingDays(@Query() q: WorkingDaysQueryDto): Promise<{ from: string; add: number; at: string }> {
    return this.calendar.addWorkingDays(q.from, q.add);
  }

  @Get(':year')
  @Roles('admin', 'coordinator', 'unit')
  @ApiOperation({ summary: 'Các ngày nghỉ lễ, tết, nghỉ bù và ngày làm bù của một năm, kèm tên và nguồn (quy định hay thông báo)' })
  @ApiOkResponse({ description: '{year, days: [{date, name, kind, source, working}]}' })
  year(@Param() p: YearParamDto): Promise<{ year: number; days: CalendarDay[] }> {
    return this.calendar.year(p.year);
  }

  @Put(':year/overrides')
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Thay các ngày nghỉ, ngày làm bù theo thông báo của Chính phủ cho một năm (ghi vào nhật ký)' })
  @ApiOkResponse({ description: 'The year after the change' })
  setOverrides(@Param() p: YearParamDto, @Body() body: OverridesDto, @Caller() caller: Principal): Promise<{ year: number; days: CalendarDay[] }> {
    return this.calendar.setOverrides(p.year, body.overrides, actorOf(caller));
  }
}

/** Requests of the calendar endpoints. */
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import { CALENDAR_YEARS, MAX_WORKING_DAYS, type CalendarOverride } from '@thidua/calendar';
import { isIsoDate, IsoInstant, Text } from '../common/fields';
import { toInt } from '../common/queries.dto';

/** Most overrides one year may have. */
const MAX_OVERRIDES = 60;

export class YearParamDto {
  @ApiProperty({ minimum: CALENDAR_YEARS.first, maximum: CALENDAR_YEARS.last })
  @Transform(toInt)
  @IsInt()
  @Min(CALENDAR_YEARS.first)
  @Max(CALENDAR_YEARS.last)
  year!: number;
}

export class WorkingDaysQueryDto {
  @IsoInstant({ description: 'The instant to count from' })
  from!: string;

  @ApiProperty({ minimum: 0, maximum: MAX_WORKING_DAYS, description: 'Working days to add' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(MAX_WORKING_DAYS)
  add!: number;
}

export class OverrideDto implements CalendarOverride {
  @ApiProperty({ example: '2025-05-02', description: 'A real date of the year, YYYY-MM-DD' })
  @ValidateBy(
    { name: 'isIsoDate', validator: { validate: isIsoDate, defaultMessage: () => 'must be a real date YYYY-MM-DD' } },
    { context: { vi: 'phải là ngày có thật, dạng YYYY-MM-DD' } },
  )
  date!: string;

  @ApiProperty({ enum: ['day-off', 'working-day'] })
  @IsIn(['day-off', 'working-day'])
  kind!: CalendarOverride['kind'];

  @Text(200, { example: 'Nghỉ dịp 30/4 – 1/5 (làm bù thứ Bảy 26/04/2025)' })
  name!: string;
}

export class OverridesDto {
  @ApiProperty({ type: [OverrideDto], maxItems: MAX_OVERRIDES, description: 'The year’s whole set of overrides (replaces the stored one)' })
  @IsArray()
  @ArrayMaxSize(MAX_OVERRIDES)
  @ValidateNested({ each: true })
  @Type(() => OverrideDto)
  overrides!: OverrideDto[];
}

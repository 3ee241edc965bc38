/** Query strings of the read endpoints, validated by the global pipe like every body. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';
import { parseDuration } from '@thidua/contracts';
import { IsoInstant, Slug } from './fields';

/** A query integer: only digits convert (Number(' ') would be 0); anything else fails the integer rule. */
export const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value;
/** A query boolean: only the words true and false convert. */
export const toBool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** GET /api/me/notifications */
export class NotificationsQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Only unread notifications' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsoInstant({ required: false, description: 'Only notifications created before this instant (paging)' })
  before?: string;
}

/** GET /api/campaign-templates/:id */
export class TemplateQueryDto {
  @IsoInstant({ required: false, description: 'Launch instant; default: the template’s own dates' })
  launchAt?: string;

  @ApiPropertyOptional({
    type: String,
    description: 'ISO-8601 duration one plan day lasts, PT0.1S to P1D (e.g. PT1S for a rehearsal); default P1D',
  })
  @IsOptional()
  @IsString()
  @ValidateBy(
    {
      name: 'dayLength',
      validator: {
        validate: (v: unknown) => {
          const ms = typeof v === 'string' ? parseDuration(v) : undefined;
          return ms !== undefined && ms >= 100 && ms <= 86_400_000;
        },
        defaultMessage: () => 'must be an ISO-8601 duration from PT0.1S to P1D',
      },
    },
    { context: { vi: 'phải là khoảng thời gian ISO-8601 từ PT0.1S đến P1D, ví dụ PT1S' } },
  )
  dayLength?: string;

  @Slug({ required: false, description: 'Campaign code of the result' })
  code?: string;

  @ApiPropertyOptional({ description: 'A saved version; the current one when absent', minimum: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  version?: number;
}

/** A list that shows the acting organisation's rows, or with `below` also those of the organisations below it. */
export class BelowQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'true: also the rows of the organisations below (read only)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  below?: boolean;
}

/** GET /api/campaigns/:id/scores(.xlsx) */
export class ClusterQueryDto {
  @Slug({ required: false, description: "Only this emulation cluster's members, ranked within it" })
  cluster?: string;
}

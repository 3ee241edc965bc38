/** Request bodies and queries of the campaign endpoints; limits are part of the API contract (see README). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Optional, Slug, Text } from '../common/fields';
import type { UnitSort } from '@thidua/persistence';
import { toBool, toInt } from '../common/queries.dto';
import {
  LIMITS,
  PHASE_LABELS,
  PLAN_LIMITS,
  RATING_LABELS,
  UNIT_KIND_LABELS,
  valuesOf,
  type Milestones,
  type Rating,
  type ReportRound,
  type UnitPhase,
} from '@thidua/contracts';
import { Attachments, type AttachmentRefDto } from '../files/files.dto';

export const PHASES: readonly UnitPhase[] = valuesOf(PHASE_LABELS);
/** Orders of the unit table. */
export const UNIT_SORTS: readonly UnitSort[] = ['name', 'phase', 'escalation', 'updated', 'deadline', 'late'];
export const RATINGS: readonly Rating[] = valuesOf(RATING_LABELS);

export class LaunchCampaignDto {
  @ApiProperty({
    description:
      'A campaign definition (see GET /api/campaign-templates/:id): code, title, issuer, coordinator, timezone, milestones, chase, and units as ' +
      'directory ids (or {id} objects; names and e-mails are taken from the directory).',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  definition!: Record<string, unknown>;
}

export class MoveMilestonesDto {
  @ApiProperty({
    description: 'Every milestone as an ISO-8601 instant with an offset, in order',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsObject()
  milestones!: Milestones;

  @ApiPropertyOptional({
    description: 'The report rounds with their new dates: the campaign’s same rounds ({id, title, due, cutoffAt?}), none added or removed',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.reports)
  @IsObject({ each: true })
  reports?: ReportRound[];
}

export class AddUnitDto {
  @Slug({ description: 'A unit id from the directory', vi: 'mã đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch ngang' })
  unitId!: string;
}

export class ReasonDto {
  @Text(LIMITS.reason, { required: false })
  reason?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approve', 'return'] })
  @IsIn(['approve', 'return'])
  decision!: 'approve' | 'return';

  @Text(LIMITS.reason, { required: false, description: 'Required when returning: what the unit must fix' })
  reason?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: ['interim', 'final'] })
  @IsIn(['interim', 'final'])
  stage!: 'interim' | 'final';

  @ApiProperty({ enum: RATINGS })
  @IsIn(RATINGS)
  rating!: Rating;

  @Text(LIMITS.commendation, { required: false, description: 'Proposed commendation, e.g. "Giấy khen của Chủ tịch UBND phường"' })
  commendation?: string;

  @Text(LIMITS.note, { required: false })
  note?: string;
}

export class InitiativeDto {
  @Text(LIMITS.initiativeTitle)
  title!: string;

  @Text(LIMITS.initiativeDescription)
  description!: string;
}

export class RegistrationDto {
  @Text(LIMITS.commitments, { description: 'What the unit commits to (nội dung đăng ký thi đua)' })
  commitments!: string;

  @ApiProperty({ type: [InitiativeDto], minItems: 1, maxItems: LIMITS.initiatives })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.initiatives)
  @ValidateNested({ each: true })
  @Type(() => InitiativeDto)
  initiatives!: InitiativeDto[];

  @Attachments()
  attachments?: AttachmentRefDto[];
}

export class MetricsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: LIMITS.percent, description: 'Mức độ hài lòng về thủ tục hành chính (%)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMITS.percent)
  satisfactionPct?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: LIMITS.percent, description: 'Tỷ lệ hồ sơ giải quyết đúng hẹn (%)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMITS.percent)
  onTimeDossierPct?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: LIMITS.percent, description: 'Hài lòng với dịch vụ công giáo dục, y tế (%)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMITS.percent)
  publicServiceSatisfactionPct?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: LIMITS.percent, description: 'Thủ tục cung cấp dịch vụ công mức độ 3, 4 (%)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMITS.percent)
  onlineProceduresPct?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: LIMITS.responseHours, description: 'Thời gian trả lời phản ánh, kiến nghị (giờ)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMITS.responseHours)
  feedbackResponseHours?: number;
}

export class ReportDto {
  @Text(LIMITS.summary)
  summary!: string;

  @ApiPropertyOptional({ type: MetricsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MetricsDto)
  metrics?: MetricsDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description:
      'Campaigns with criteria: a value per criterion id (a final report states every criterion that applies to the unit; yes-no: 1 or 0)',
    example: { 'ty-le-ho-so-dung-han': 98.5, 'thoi-gian-cho-kham': 45 },
  })
  @Optional()
  @IsObject()
  values?: Record<string, number>;

  @Attachments()
  attachments?: AttachmentRefDto[];
}

const toList = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

export class UnitsQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated phases', example: 'awaiting-registration,registration-returned' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(PHASES, { each: true })
  phase?: UnitPhase[];

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ enum: [0, 1, 2] })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(2)
  escalationLevel?: number;

  @ApiPropertyOptional({ type: String, description: 'Search in unit name or id', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  @ApiPropertyOptional({
    enum: UNIT_SORTS,
    default: 'name',
    description: 'deadline: nearest open deadline first; late: overdue first, longest overdue first',
  })
  @IsOptional()
  @IsIn(UNIT_SORTS)
  sort?: UnitSort;

  @ApiPropertyOptional({ description: 'Comma-separated kinds of unit', example: 'ward,neighbourhood' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(valuesOf(UNIT_KIND_LABELS), { each: true })
  kind?: string[];
}

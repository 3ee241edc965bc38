/** Request bodies of the commendation stage; the decider checks every nested field and names it. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsObject, Max, Min } from 'class-validator';
import { LIMITS } from '@thidua/contracts';
import { IsoInstant, Optional, Slug, Text } from '../common/fields';

export class OpenCommendationDto {
  @ApiProperty({
    description:
      'issuer {name, abbreviation, place, signerTitle, signerName}, nominationsDue (ISO instant), postingDays (1–30), judged [{id, title, points}]',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  setup!: Record<string, unknown>;
}

export class NominateDto {
  @Slug({ description: 'The unit (collective) nominated' })
  unitId!: string;

  @Slug({ description: 'A form of the catalogue for collectives' })
  formId!: string;
}

export class WithdrawNominationDto {
  @Text(LIMITS.reason)
  reason!: string;
}

export class IndividualsDto {
  @ApiProperty({
    description: 'The people nominated: [{name, position, achievement, initiative?, formId}] (empty: none)',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  people!: Array<Record<string, unknown>>;
}

export class ReturnIndividualsDto {
  @Text(LIMITS.reason, { description: 'Every correction asked for, in one return' })
  reason!: string;
}

export class ScoreDto {
  @ApiProperty({ description: 'Points given (0 to the criterion’s maximum)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0, { context: { vi: 'không được âm' } })
  points!: number;

  @Text(LIMITS.reason, { required: false })
  note?: string;
}

export class CouncilDto {
  @ApiProperty({
    description: 'Members as accounts: [{username, role}] (role: "Chủ tịch Hội đồng", "Thành viên"…)',
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  members!: Array<{ username?: unknown; role?: unknown }>;

  @IsoInstant({ description: 'The meeting’s instant (ISO-8601)' })
  meetingAt!: string;

  @Text(LIMITS.name, { required: false })
  place?: string;
}

export class VoteDto {
  @Text(200, { description: 'The nominee (from the list of nominations)' })
  nomineeId!: string;

  @ApiProperty({ description: 'Members present at the secret ballot' })
  @IsInt()
  @Min(0, { context: { vi: 'không được âm' } })
  @Max(10_000)
  present!: number;

  @ApiProperty({ description: 'Votes in favour' })
  @IsInt()
  @Min(0, { context: { vi: 'không được âm' } })
  @Max(10_000)
  inFavour!: number;
}

export class ObjectionDto {
  @Text(200)
  nomineeId!: string;

  @Text(LIMITS.reason)
  reason!: string;
}

export class ResolutionDto {
  @ApiProperty({ enum: ['dismissed', 'upheld'], description: 'dismissed: the nomination stands; upheld: it leaves the list' })
  @IsIn(['dismissed', 'upheld'])
  outcome!: 'dismissed' | 'upheld';

  @Text(LIMITS.reason)
  resolution!: string;
}

export class FormDto {
  @Slug()
  id!: string;

  @Text(LIMITS.name)
  title!: string;

  @ApiProperty({ enum: ['collective', 'individual'] })
  @IsIn(['collective', 'individual'])
  recipient!: 'collective' | 'individual';

  @ApiProperty({
    description: '{share: {num, den}, of: "members" | "present", quorum: {num, den}}',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  vote!: Record<string, unknown>;

  @Text(LIMITS.reason)
  legalBasis!: string;

  @ApiPropertyOptional({ description: 'The version edited (a stale one is refused with 409)' })
  @Optional()
  @IsInt()
  baseVersion?: number;
}

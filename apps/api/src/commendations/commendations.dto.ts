/** Request bodies of the commendation stage; the decider checks every nested field and names it. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { ATTACHMENT_LIMITS, LIMITS } from '@thidua/contracts';
import { AchievementReport, AchievementReportRefDto, AttachmentRefDto, Attachments } from '../files/files.dto';
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

  @AchievementReport()
  achievementReport?: AchievementReportRefDto;
}

export class WithdrawNominationDto {
  @Text(LIMITS.reason)
  reason!: string;
}

export class PersonDto {
  @Text(LIMITS.name, { description: 'Họ và tên' })
  name!: string;

  @Text(LIMITS.name, { description: 'Chức vụ, đơn vị công tác' })
  position!: string;

  @Text(LIMITS.reason, { description: 'Tóm tắt thành tích' })
  achievement!: string;

  @Text(LIMITS.reason, { required: false, description: 'Sáng kiến (required by forms that say requiresInitiative)' })
  initiative?: string;

  @Slug({ description: 'A form of the catalogue for individuals' })
  formId!: string;

  @AchievementReport()
  achievementReport?: AchievementReportRefDto;
}

export class IndividualsDto {
  @ApiProperty({ type: [PersonDto], maxItems: LIMITS.nominatedPeople, description: 'The people nominated (empty: none)' })
  @IsArray()
  @ArrayMaxSize(LIMITS.nominatedPeople)
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  people!: PersonDto[];
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

export class CouncilMemberDto {
  @Text(LIMITS.name, { description: 'An active staff account (GET /api/accounts/council-candidates): not a unit’s, not disabled' })
  username!: string;

  @Text(LIMITS.name, { description: '"Chủ tịch Hội đồng", "Phó Chủ tịch", "Thành viên", "Thư ký"' })
  role!: string;
}

export class CouncilDto {
  @ApiProperty({ type: [CouncilMemberDto], minItems: LIMITS.councilMembers, maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CouncilMemberDto)
  members!: CouncilMemberDto[];

  @IsoInstant({ description: 'The meeting’s instant (ISO-8601)' })
  meetingAt!: string;

  @Text(LIMITS.name, { required: false })
  place?: string;
}

export class WrittenOpinionsDto {
  @ApiProperty({ description: 'Written opinions received from absent members' })
  @IsInt()
  @Min(0, { context: { vi: 'không được âm' } })
  @Max(10_000)
  received!: number;

  @ApiProperty({ description: 'Of them, in favour' })
  @IsInt()
  @Min(0, { context: { vi: 'không được âm' } })
  @Max(10_000)
  inFavour!: number;
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

  @ApiPropertyOptional({
    type: () => WrittenOpinionsDto,
    description: 'Absent members’ written opinions (ý kiến bằng văn bản): received, in favour; counted where the form’s rule says so',
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => WrittenOpinionsDto)
  written?: WrittenOpinionsDto;
}

export class ObjectionDto {
  @Text(200)
  nomineeId!: string;

  @Text(LIMITS.reason)
  reason!: string;

  @Attachments()
  attachments?: AttachmentRefDto[];
}

export class MinutesDto {
  @ApiProperty({ type: [AttachmentRefDto], minItems: 1, maxItems: ATTACHMENT_LIMITS.perSubmission })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ATTACHMENT_LIMITS.perSubmission)
  @ValidateNested({ each: true })
  @Type(() => AttachmentRefDto)
  attachments!: AttachmentRefDto[];
}

export class ResolutionDto {
  @ApiProperty({ enum: ['dismissed', 'upheld'], description: 'dismissed: the nomination stands; upheld: it leaves the list' })
  @IsIn(['dismissed', 'upheld'])
  outcome!: 'dismissed' | 'upheld';

  @Text(LIMITS.reason)
  resolution!: string;
}

/** A fraction of whole numbers whose numerator may be 0 (a quorum). */
export class FractionDto {
  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  num!: number;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  den!: number;
}

/** A share in favour: a fraction whose numerator is at least 1. */
export class ShareDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  num!: number;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  den!: number;
}

/**
 * A fraction's range, once its parts are whole numbers (their own problems are named by FractionDto):
 * `least` ≤ num ≤ den, so one problem names the fraction when its parts are fine but the ratio is not.
 */
function FractionRange(least: 0 | 1): PropertyDecorator {
  const ok = (v: unknown): boolean => {
    const f = v as { num?: unknown; den?: unknown } | null;
    if (typeof f !== 'object' || f === null || !Number.isInteger(f.num) || !Number.isInteger(f.den)) return true;
    return (f.num as number) >= least && (f.num as number) <= (f.den as number);
  };
  const vi = `phải là phân số {num, den} với ${least} ≤ num ≤ den (ví dụ {num: 2, den: 3} hoặc {num: 70, den: 100})`;
  return ValidateBy(
    { name: 'fractionRange', validator: { validate: ok, defaultMessage: () => `must have ${least} <= num <= den` } },
    { context: { vi } },
  );
}

export class VoteRuleDto {
  @ApiProperty({ type: ShareDto, description: 'The share in favour needed: 0 < num ≤ den (70/100, 2/3)' })
  @IsObject()
  @ValidateNested()
  @Type(() => ShareDto)
  @FractionRange(1)
  share!: ShareDto;

  @ApiProperty({ enum: ['members', 'present'], description: 'Counted against all members or those present' })
  @IsIn(['members', 'present'])
  of!: 'members' | 'present';

  @ApiProperty({ type: FractionDto, description: 'The share of members who must be present: 0 ≤ num ≤ den' })
  @IsObject()
  @ValidateNested()
  @Type(() => FractionDto)
  @FractionRange(0)
  quorum!: FractionDto;

  @ApiPropertyOptional({ description: 'Absent members’ written opinions count (only with of: members); default false' })
  @Optional()
  @IsBoolean()
  written?: boolean;

  @ApiPropertyOptional({ description: 'At most this many ballot rounds (1–3); default 1' })
  @Optional()
  @IsInt()
  @Min(1, { context: { vi: 'phải từ 1 đến 3' } })
  @Max(3, { context: { vi: 'phải từ 1 đến 3' } })
  rounds?: number;
}

export class FormDto {
  @Slug()
  id!: string;

  @Text(LIMITS.name)
  title!: string;

  @ApiProperty({ enum: ['collective', 'individual'] })
  @IsIn(['collective', 'individual'])
  recipient!: 'collective' | 'individual';

  @ApiProperty({ type: () => VoteRuleDto })
  @ValidateNested()
  @Type(() => VoteRuleDto)
  vote!: VoteRuleDto;

  @ApiPropertyOptional({ description: 'A person nominated for it must state an initiative (sáng kiến); default false' })
  @Optional()
  @IsBoolean()
  requiresInitiative?: boolean;

  @Text(LIMITS.reason)
  legalBasis!: string;

  @ApiPropertyOptional({
    description: 'Award money as a multiple of the base salary (mức lương cơ sở), e.g. 1.0 for Chiến sĩ thi đua cơ sở; 0–100, two decimals',
  })
  @Optional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0, { context: { vi: 'không được âm' } })
  @Max(100, { context: { vi: 'không được lớn hơn 100 lần mức lương cơ sở' } })
  reward?: number;

  @ApiPropertyOptional({ description: 'The version edited (a stale one is refused with 409)' })
  @Optional()
  @IsInt()
  baseVersion?: number;
}

class ClusterCandidateVoteDto {
  @Slug({ description: 'A candidate member of the cluster' })
  unitId!: string;

  @ApiProperty({ description: 'Votes in favour' })
  @IsInt()
  @Min(0, { context: { vi: 'không được âm' } })
  @Max(10_000)
  inFavour!: number;
}

export class ClusterVoteDto {
  @Slug({ description: 'The cluster (of the campaign)' })
  clusterId!: string;

  @ApiProperty({ description: 'Ballot round: 1, or 2 for the seats the first left empty' })
  @IsInt()
  @Min(1)
  @Max(2)
  round!: number;

  @ApiProperty({ description: 'Delegates present (heads and deputies of the members, or the members, as the cluster votes)' })
  @IsInt()
  @Min(0, { context: { vi: 'không được âm' } })
  @Max(10_000)
  present!: number;

  @ApiProperty({ type: [ClusterCandidateVoteDto], description: 'One count per candidate' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ClusterCandidateVoteDto)
  votes!: ClusterCandidateVoteDto[];

  @ApiPropertyOptional({ type: [String], description: "The chair's choice among candidates tied on score at the last seat" })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  chairChoice?: string[];
}

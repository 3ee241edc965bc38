/**
 * The commendation stage's answer for the OpenAPI document, field for field: each class implements its
 * contract type and {@link COMMENDATION_DOCUMENTED_EXACTLY} refuses to compile while a class and its type
 * differ. The mapper from the decider's state is beside it ({@link commendationView}).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AttachmentDto, StoredFileDto } from '../files/files.dto';
import type {
  DecisionPapers,
  IssuedPaper,
  Ballot,
  BallotResult,
  CommendationForm,
  CommendationSetup,
  CommendationState,
  CommendationUnit,
  CommendationView,
  Council,
  CouncilMember,
  Decision,
  Deduction,
  Issuer,
  JudgedCriterion,
  JudgedScore,
  Nominee,
  Objection,
  Person,
  Posting,
  RankedSheet,
  ScoreLine,
  UnitScoreSheet,
  VoteRule,
  ClusterCount,
  ClusterRoundResult,
} from '@thidua/contracts';
import { PHASES } from '../campaigns/campaigns.dto';
import { ClusterRefDto } from '../campaigns/responses.dto';
import type { SameKeys } from '../common/same-keys';

/** The stage as the API shows it: the state without the decider's bookkeeping. */
export function commendationView(state: CommendationState): CommendationView {
  return {
    campaignId: state.campaignId,
    campaignTitle: state.campaignTitle,
    coordinator: state.coordinator,
    timezone: state.timezone,
    stage: state.stage,
    openedAt: state.openedAt,
    setup: state.setup,
    forms: state.forms,
    units: state.units,
    nominees: state.nominees,
    scores: state.scores,
    council: state.council ?? null,
    posting: state.posting ?? null,
    objections: state.objections,
    decision: state.decision ?? null,
    clusters: state.clusters ?? [],
    clusterRounds: state.clusterRounds ?? [],
    minutes: state.minutes ?? [],
    version: state.seq,
  };
}

const UNIT_KINDS = ['agency', 'service-unit', 'ward'] as const;

class FractionViewDto {
  @ApiProperty() num!: number;
  @ApiProperty() den!: number;
}

class VoteRuleViewDto implements VoteRule {
  @ApiProperty({ type: FractionViewDto }) share!: FractionViewDto;
  @ApiProperty({ enum: ['members', 'present'] }) of!: VoteRule['of'];
  @ApiProperty({ type: FractionViewDto }) quorum!: FractionViewDto;
  @ApiPropertyOptional({ description: 'Absent members’ written opinions count' }) written?: boolean;
  @ApiPropertyOptional({ description: 'At most this many ballot rounds' }) rounds?: number;
}

/** A form of the catalogue as a stage copied it. */
export class CommendationFormViewDto implements CommendationForm {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['collective', 'individual'] }) recipient!: CommendationForm['recipient'];
  @ApiProperty({ type: VoteRuleViewDto }) vote!: VoteRuleViewDto;
  @ApiProperty() legalBasis!: string;
  @ApiPropertyOptional() requiresInitiative?: boolean;
  @ApiPropertyOptional({ description: 'Award money as a multiple of the base salary' }) reward?: number;
}

class IssuerViewDto implements Issuer {
  @ApiProperty() name!: string;
  @ApiProperty() abbreviation!: string;
  @ApiProperty() place!: string;
  @ApiProperty() signerTitle!: string;
  @ApiProperty() signerName!: string;
}

class JudgedCriterionViewDto implements JudgedCriterion {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() points!: number;
}

class SetupViewDto implements CommendationSetup {
  @ApiProperty({ type: IssuerViewDto }) issuer!: IssuerViewDto;
  @ApiProperty({ format: 'date-time' }) nominationsDue!: string;
  @ApiProperty() postingDays!: number;
  @ApiPropertyOptional({ type: [JudgedCriterionViewDto] }) judged?: JudgedCriterionViewDto[];
}

type Task = NonNullable<CommendationUnit['task']>;

class NominationTaskDto implements Task {
  @ApiProperty({ enum: ['open', 'submitted', 'returned', 'closed'] }) status!: Task['status'];
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) openedAt?: string;
  @ApiPropertyOptional() returnedReason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) submittedAt?: string;
  @ApiPropertyOptional() late?: boolean;
  @ApiProperty({ type: [String], description: 'Reminders and escalations sent (before:P1D, level:1…)' }) sent!: string[];
  @ApiProperty({ enum: [0, 1, 2] }) escalationLevel!: Task['escalationLevel'];
}

/** A participating unit as the stage knows it, with its nominating task. */
export class CommendationUnitDto implements CommendationUnit {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: CommendationUnit['kind'];
  @ApiProperty({ enum: PHASES }) phase!: CommendationUnit['phase'];
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional({ type: NominationTaskDto }) task?: NominationTaskDto;
}

class PersonViewDto implements Person {
  @ApiProperty() name!: string;
  @ApiProperty() position!: string;
  @ApiProperty() achievement!: string;
  @ApiPropertyOptional() initiative?: string;
}

type Vote = NonNullable<Nominee['vote']>;

class WrittenViewDto {
  @ApiProperty() received!: number;
  @ApiProperty() inFavour!: number;
}

class VoteViewDto implements Ballot, BallotResult {
  @ApiProperty() members!: number;
  @ApiProperty() present!: number;
  @ApiProperty() inFavour!: number;
  @ApiProperty() quorate!: boolean;
  @ApiProperty() passed!: boolean;
  @ApiProperty() needed!: number;
  @ApiProperty() percent!: number;
  @ApiPropertyOptional({ type: () => WrittenViewDto }) written?: WrittenViewDto;
  @ApiPropertyOptional({ description: 'Votes in favour counted, written opinions included' }) counted?: number;
  @ApiPropertyOptional({ description: 'The ballot round (absent: the first)' }) round?: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** A collective or an individual proposed for a form. */
export class NomineeDto implements Nominee {
  @ApiProperty({ description: 'tt:<unit>:<form> for a collective, cn:<unit>:<n> for an individual (kept when a list is sent again)' })
  id!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() formId!: string;
  @ApiPropertyOptional({ type: PersonViewDto }) person?: PersonViewDto;
  @ApiProperty({ enum: ['proposed', 'passed', 'rejected', 'removed'] }) status!: Nominee['status'];
  @ApiPropertyOptional({ type: VoteViewDto }) vote?: VoteViewDto;
  @ApiPropertyOptional() removedReason?: string;
  @ApiPropertyOptional({ description: 'The emulation cluster that proposed it as its leading member' }) clusterId?: string;
  @ApiPropertyOptional({ type: AttachmentDto, description: 'Its achievement report (báo cáo thành tích), with its template number' })
  achievementReport?: AttachmentDto;
}

class ClusterCountDto implements ClusterCount {
  @ApiProperty() unitId!: string;
  @ApiProperty() inFavour!: number;
  @ApiProperty() percent!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ description: "The unit's score (ranks those who pass)" }) score!: number;
}

export class ClusterRoundDto implements ClusterRoundResult {
  @ApiProperty() clusterId!: string;
  @ApiProperty() round!: number;
  @ApiProperty({ description: 'Seats of the meeting' }) seats!: number;
  @ApiProperty() present!: number;
  @ApiProperty() quorate!: boolean;
  @ApiProperty({ description: 'Votes in favour needed' }) needed!: number;
  @ApiProperty({ type: [ClusterCountDto] }) counts!: ClusterCountDto[];
  @ApiProperty({ type: [String] }) elected!: string[];
  @ApiPropertyOptional({ type: [String], description: 'Taken by the chair among candidates tied on score' }) tiedByChair?: string[];
  @ApiProperty({ description: "The cluster's choice is complete" }) final!: boolean;
}

class JudgedScoreViewDto implements JudgedScore {
  @ApiProperty() unitId!: string;
  @ApiProperty() criterion!: string;
  @ApiProperty() points!: number;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class CouncilMemberViewDto implements CouncilMember {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() role!: string;
}

class CouncilViewDto implements Council {
  @ApiProperty({ type: [CouncilMemberViewDto] }) members!: CouncilMemberViewDto[];
  @ApiProperty({ format: 'date-time' }) meetingAt!: string;
  @ApiPropertyOptional() place?: string;
}

class ScoreLineDto implements ScoreLine {
  @ApiProperty() criterion!: string;
  @ApiProperty() title!: string;
  @ApiProperty() target!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) met!: boolean | null;
  @ApiProperty() points!: number;
  @ApiProperty() max!: number;
  @ApiPropertyOptional({ enum: [true] }) judged?: true;
  @ApiPropertyOptional() note?: string;
}

class DeductionDto implements Deduction {
  @ApiProperty() reason!: string;
  @ApiProperty() points!: number;
}

export class RankedSheetDto implements Omit<RankedSheet, never> {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: RankedSheet['kind'];
  @ApiProperty({ enum: PHASES }) phase!: RankedSheet['phase'];
  @ApiProperty({ type: [ScoreLineDto] }) lines!: ScoreLineDto[];
  @ApiProperty({ type: [DeductionDto] }) deductions!: DeductionDto[];
  @ApiProperty() total!: number;
  @ApiProperty() max!: number;
  @ApiProperty() final!: boolean;
  @ApiProperty() rank!: number;
}

/** One unit's sheet: only once its final report is in, ranked among the units whose sheets exist. */
export class UnitScoreSheetDto extends RankedSheetDto implements UnitScoreSheet {
  @ApiProperty({ description: 'How many units have a sheet (their final report is in): the rank is among them' }) rankedAmong!: number;
}

class PostingViewDto implements Posting {
  @ApiProperty({ format: 'date-time' }) postedAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() days!: number;
  @ApiProperty() workingDays!: boolean;
  @ApiProperty({ type: [RankedSheetDto], description: 'The score sheets, frozen when the list was posted' }) sheets!: RankedSheetDto[];
  @ApiProperty() ended!: boolean;
}

class ObjectionViewDto implements Objection {
  @ApiProperty() id!: string;
  @ApiProperty() nomineeId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['open', 'dismissed', 'upheld'] }) status!: Objection['status'];
  @ApiPropertyOptional() resolution?: string;
  @ApiPropertyOptional({ format: 'date-time' }) resolvedAt?: string;
  @ApiPropertyOptional({ type: [AttachmentDto], description: 'Its proof' }) attachments?: AttachmentDto[];
}

class SignedDto {
  @ApiProperty({ description: 'The signing certificate’s subject' }) subject!: string;
  @ApiProperty({ description: 'Signing time, ISO 8601 with the offset' }) at!: string;
  @ApiProperty({ description: 'SHA-256 of the certificate (DER), hex' }) certificate!: string;
  @ApiProperty({ enum: ['PAdES-B-B', 'PAdES-B-T'], description: 'B-T when a time-stamping authority stamped it' })
  profile!: 'PAdES-B-B' | 'PAdES-B-T';
}

class IssuedPaperDto extends StoredFileDto implements IssuedPaper {
  @ApiPropertyOptional({ type: SignedDto }) signed?: SignedDto;
}

class IssuedCertificateDto extends IssuedPaperDto {
  @ApiProperty() nomineeId!: string;
}

class DecisionPapersDto implements DecisionPapers {
  @ApiProperty({ type: IssuedPaperDto }) decision!: IssuedPaperDto;
  @ApiProperty({ type: [IssuedCertificateDto] }) certificates!: IssuedCertificateDto[];
  @ApiProperty({ type: [String], description: 'The legal texts it cites (ids)' }) cites!: string[];
  @ApiProperty({ description: 'The award money in all, in đồng' }) total!: number;
}

class DecisionViewDto implements Decision {
  @ApiProperty() number!: number;
  @ApiProperty({ example: '125/QĐ-UBND' }) numberText!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty() signerTitle!: string;
  @ApiProperty() signerName!: string;
  @ApiProperty({ type: [String], description: 'The nominees awarded, in list order' }) awarded!: string[];
  @ApiPropertyOptional({
    type: () => DecisionPapersDto,
    description: 'The papers as issued (stored once; signed when a certificate is set)',
  })
  papers?: DecisionPapersDto;
}

/** The stage. */
export class CommendationViewDto implements CommendationView {
  @ApiProperty() campaignId!: string;
  @ApiProperty() campaignTitle!: string;
  @ApiProperty() coordinator!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty({ enum: ['nominating', 'posted', 'decided'] }) stage!: CommendationView['stage'];
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: SetupViewDto }) setup!: SetupViewDto;
  @ApiProperty({ type: [CommendationFormViewDto] }) forms!: CommendationFormViewDto[];
  @ApiProperty({ type: [CommendationUnitDto] }) units!: CommendationUnitDto[];
  @ApiProperty({ type: [NomineeDto] }) nominees!: NomineeDto[];
  @ApiProperty({ type: [JudgedScoreViewDto] }) scores!: JudgedScoreViewDto[];
  @ApiProperty({ type: CouncilViewDto, nullable: true }) council!: CouncilViewDto | null;
  @ApiProperty({ type: PostingViewDto, nullable: true }) posting!: PostingViewDto | null;
  @ApiProperty({ type: [ObjectionViewDto] }) objections!: ObjectionViewDto[];
  @ApiProperty({ type: DecisionViewDto, nullable: true }) decision!: DecisionViewDto | null;
  @ApiProperty({ type: [ClusterRefDto] }) clusters!: ClusterRefDto[];
  @ApiProperty({ type: [ClusterRoundDto] }) clusterRounds!: ClusterRoundDto[];
  @ApiProperty({ type: [AttachmentDto], description: "The council's minutes and written opinions" }) minutes!: AttachmentDto[];
  @ApiProperty({ description: 'How many events the stage has recorded' }) version!: number;
}

/** Compiles only while every documented class has exactly the fields of the type the API returns. */
export const COMMENDATION_DOCUMENTED_EXACTLY: ReadonlyArray<true> = [
  true satisfies SameKeys<CommendationViewDto, CommendationView>,
  true satisfies SameKeys<CommendationFormViewDto, CommendationForm>,
  true satisfies SameKeys<VoteRuleViewDto, VoteRule>,
  true satisfies SameKeys<SetupViewDto, CommendationSetup>,
  true satisfies SameKeys<IssuerViewDto, Issuer>,
  true satisfies SameKeys<JudgedCriterionViewDto, JudgedCriterion>,
  true satisfies SameKeys<CommendationUnitDto, CommendationUnit>,
  true satisfies SameKeys<NominationTaskDto, Task>,
  true satisfies SameKeys<NomineeDto, Nominee>,
  true satisfies SameKeys<ClusterRoundDto, ClusterRoundResult>,
  true satisfies SameKeys<ClusterCountDto, ClusterCount>,
  true satisfies SameKeys<PersonViewDto, Person>,
  true satisfies SameKeys<VoteViewDto, Vote>,
  true satisfies SameKeys<JudgedScoreViewDto, JudgedScore>,
  true satisfies SameKeys<CouncilViewDto, Council>,
  true satisfies SameKeys<CouncilMemberViewDto, CouncilMember>,
  true satisfies SameKeys<PostingViewDto, Posting>,
  true satisfies SameKeys<RankedSheetDto, RankedSheet>,
  true satisfies SameKeys<UnitScoreSheetDto, UnitScoreSheet>,
  true satisfies SameKeys<ScoreLineDto, ScoreLine>,
  true satisfies SameKeys<DeductionDto, Deduction>,
  true satisfies SameKeys<ObjectionViewDto, Objection>,
  true satisfies SameKeys<DecisionViewDto, Decision>,
  true satisfies SameKeys<DecisionPapersDto, DecisionPapers>,
  true satisfies SameKeys<IssuedPaperDto, IssuedPaper>,
];

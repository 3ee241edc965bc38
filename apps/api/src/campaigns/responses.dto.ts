/**
 * The answers' shapes for the OpenAPI document. Each class implements the contract type the services return
 * (`libs/contracts/src/api/responses.ts`), and {@link DOCUMENTED_EXACTLY} makes the compiler refuse a class
 * whose fields differ from its type's: the document cannot drift from what the API sends.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLUSTER_KIND_LABELS,
  ROLL_UP_LABELS,
  type ClusterKind,
  type ClusterRef,
  type ClusterVoters,
  type ParentLink,
  type VoteRule,
  type ConsolidationRecord,
  type RollUp,
  type RollUpMethod,
  type CampaignSummary,
  type Deadline,
  type FanOutProgress,
  type Inbox,
  type InboxItem,
  type Task,
  type TaskProgress,
  type UnitDetail,
  type UnitEventView,
  type UnitPage,
  type UnitRow,
  type CampaignStatus,
  type ChasePolicy,
  type Initiative,
  type Milestones,
  type Rating,
  type ReportMetrics,
  type Review,
  type Submission,
  type TargetCheck,
  type TaskKind,
  type Criterion,
  type CriterionCheck,
  type CriterionKind,
  type Meeting,
  type ReportRound,
  type RuleOp,
  type TaskStatus,
  type UnitKind,
  type UnitPhase,
  type UnitState,
  CAMPAIGN_STATUS_LABELS,
  CRITERION_KIND_LABELS,
  RULE_OP_LABELS,
  TASK_LABELS,
  UNIT_EVENT_LABELS,
  UNIT_KIND_LABELS,
  valuesOf,
} from '@thidua/contracts';
import { PHASES, RATINGS } from './campaigns.dto';
import type { SameKeys } from '../common/same-keys';
import { AttachmentDto } from '../files/files.dto';

type LaunchProgress = CampaignSummary['launch'];
type Counts = CampaignSummary['counts'];

const TASK_KINDS: readonly TaskKind[] = valuesOf(TASK_LABELS);

export class MilestonesDto implements Milestones {
  @ApiProperty({ format: 'date-time' }) launchAt!: string;
  @ApiProperty({ format: 'date-time' }) registrationDue!: string;
  @ApiPropertyOptional({ format: 'date-time' }) registrationCutoffAt?: string;
  @ApiProperty({ format: 'date-time' }) interimReviewAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) interimReportDue?: string;
  @ApiPropertyOptional({ format: 'date-time' }) interimReportCutoffAt?: string;
  @ApiProperty({ format: 'date-time' }) campaignEndsAt!: string;
  @ApiProperty({ format: 'date-time' }) finalReportDue!: string;
  @ApiPropertyOptional({ format: 'date-time' }) finalReportCutoffAt?: string;
}

export class ChaseDto implements ChasePolicy {
  @ApiProperty({ type: [String], example: ['P7D', 'P3D', 'P1D'] }) reminderOffsets!: string[];
  @ApiProperty({ example: 'P1D' }) overdueReminderInterval!: string;
  @ApiProperty({ example: 'P3D' }) escalationDelay!: string;
}

class LaunchProgressDto implements LaunchProgress {
  @ApiProperty() unitsTotal!: number;
  @ApiProperty() unitsEnrolled!: number;
  @ApiProperty() done!: boolean;
}

class FanOutDto implements FanOutProgress {
  @ApiProperty({ enum: ['milestonesMoved', 'campaignCancelled', 'calendarChanged'] }) signal!: FanOutProgress['signal'];
  @ApiProperty({ description: 'Units told so far' }) done!: number;
  @ApiProperty({ description: 'Units to tell' }) total!: number;
  @ApiProperty() finished!: boolean;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class CountsDto implements Counts {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Units per phase' }) byPhase!: Partial<
    Record<UnitPhase, number>
  >;
  @ApiProperty() overdue!: number;
  @ApiProperty({ description: 'Units escalated (level 1 or 2)' }) escalated!: number;
  @ApiProperty({ description: 'Units escalated to the issuer (level 2)' }) escalatedToIssuer!: number;
}

export class ParentLinkDto implements ParentLink {
  @ApiProperty() campaignId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ example: 'P5D' }) lead!: string;
}

class FractionDto {
  @ApiProperty() num!: number;
  @ApiProperty() den!: number;
}

export class VoteRuleDto implements VoteRule {
  @ApiProperty({ type: FractionDto }) share!: FractionDto;
  @ApiProperty({ enum: ['members', 'present'] }) of!: 'members' | 'present';
  @ApiProperty({ type: FractionDto }) quorum!: FractionDto;
  @ApiPropertyOptional() written?: boolean;
  @ApiPropertyOptional() rounds?: number;
}

export class ClusterRefDto implements ClusterRef {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'Cụm thi đua số 1' }) name!: string;
  @ApiProperty({ enum: valuesOf(CLUSTER_KIND_LABELS) }) kind!: ClusterKind;
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ type: [String] }) members!: string[];
  @ApiProperty({ description: 'Cụm trưởng (a member)' }) head!: string;
  @ApiPropertyOptional({ description: 'Cụm phó (a member)' }) deputy?: string;
  @ApiProperty({ description: 'Members the cluster proposes' }) quota!: number;
  @ApiProperty({ enum: ['officers', 'members'] }) voters!: ClusterVoters;
  @ApiProperty({ type: VoteRuleDto }) vote!: VoteRuleDto;
  @ApiProperty({ example: 'co-thi-dua-tinh' }) formId!: string;
}

export class CampaignSummaryDto implements CampaignSummary {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The organisation that runs it' }) orgId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() coordinator!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timezone!: string;
  @ApiProperty({ enum: valuesOf(CAMPAIGN_STATUS_LABELS) }) status!: CampaignStatus;
  @ApiProperty({ type: MilestonesDto }) milestones!: MilestonesDto;
  @ApiProperty({ type: ChaseDto }) chase!: ChaseDto;
  @ApiProperty({
    type: () => [CriterionDto],
    nullable: true,
    description: 'The campaign’s criteria; null: a campaign without criteria (the 2019 figures)',
  })
  criteria!: CriterionDto[] | null;
  @ApiProperty({ type: () => [ReportRoundDto] }) reports!: ReportRoundDto[];
  @ApiProperty({ type: () => [MeetingDto] }) meetings!: MeetingDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'A rehearsal: how long one plan day lasts (ISO duration); null for a real campaign',
    example: 'PT3S',
  })
  dayLength!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: LaunchProgressDto }) launch!: LaunchProgressDto;
  @ApiProperty({ type: CountsDto }) counts!: CountsDto;
  @ApiProperty({
    type: FanOutDto,
    nullable: true,
    description: 'The last change carried to every unit in the background (milestone move, cancellation)',
  })
  fanOut!: FanOutDto | null;
  @ApiProperty({
    type: () => ParentLinkDto,
    nullable: true,
    description: 'A sub-campaign: the campaign above, the unit it reports for there, and how much earlier its deadlines come',
  })
  parent!: ParentLinkDto | null;
  @ApiProperty({ type: () => [ClusterRefDto], description: 'The emulation clusters its units belong to (empty: none)' })
  clusters!: ClusterRefDto[];
}

class UnitRowDto implements UnitRow {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: valuesOf(UNIT_KIND_LABELS) }) kind!: UnitKind;
  @ApiProperty({ enum: PHASES }) phase!: UnitPhase;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ enum: [0, 1, 2] }) escalationLevel!: number;
  @ApiProperty() remindersSent!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Deadline of the task expected now' }) nextDueAt!:
    string | null;
  @ApiProperty({ description: 'Whole days past the missed deadline (0 when none is missed)' }) daysOverdue!: number;
  @ApiProperty({ description: 'daysOverdue counts working days (the campaign counts in working days)' }) workingDays!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UnitPageDto implements UnitPage {
  @ApiProperty({ type: [UnitRowDto] }) items!: UnitRowDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class DeadlineDto implements Deadline {
  @ApiProperty({ description: 'What the task is called (a round by its own title)', example: 'Đăng ký thi đua' }) title!: string;
  @ApiProperty({ enum: ['pending', 'open', 'submitted', 'returned', 'approved', 'missed'] satisfies TaskStatus[] }) status!: TaskStatus;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cutoffAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the task opened' }) openedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the last submission arrived' }) submittedAt!:
    string | null;
  @ApiProperty() missed!: boolean;
  @ApiProperty({ enum: [0, 1, 2] }) escalationLevel!: number;
  @ApiProperty({ nullable: true, type: String }) returnedReason!: string | null;
}

class TargetCheckDto implements TargetCheck {
  @ApiProperty() metric!: keyof ReportMetrics;
  @ApiProperty({ description: 'The plan’s target, in Vietnamese' }) target!: string;
  @ApiProperty({ nullable: true, type: Number }) value!: number | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null when the figure was not stated' }) met!: boolean | null;
}

class CriterionCheckDto implements CriterionCheck {
  @ApiProperty({ description: 'Criterion id' }) criterion!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The rule in words, e.g. "trên 80%"' }) target!: string;
  @ApiProperty({ nullable: true, type: Number }) value!: number | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null when the value was not stated' }) met!: boolean | null;
}

export class ConsolidationRecordDto implements ConsolidationRecord {
  @ApiProperty({ description: 'The sub-campaign' }) campaignId!: string;
  @ApiProperty() units!: number;
  @ApiProperty() reported!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Values as computed, per criterion' })
  computed!: Record<string, number>;
  @ApiProperty({ type: [String], description: 'Criteria changed before sending' }) edited!: string[];
}

class SubmissionDto implements Submission {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() late!: boolean;
  @ApiPropertyOptional() commitments?: string;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', properties: { title: { type: 'string' }, description: { type: 'string' } } },
  })
  initiatives?: Initiative[];
  @ApiPropertyOptional() summary?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' } }) metrics?: ReportMetrics;
  @ApiPropertyOptional({ type: [TargetCheckDto], description: 'Final report of a campaign without criteria: each 2019 target met or not' })
  targetCheck?: TargetCheckDto[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: 'A value per criterion id' })
  values?: Record<string, number>;
  @ApiPropertyOptional({
    type: [CriterionCheckDto],
    description: 'Campaigns with criteria: each criterion that applies to the unit, met or not',
  })
  criteriaCheck?: CriterionCheckDto[];
  @ApiPropertyOptional({ type: () => ConsolidationRecordDto, description: 'A report sent up from a sub-campaign: what it was built from' })
  consolidated?: ConsolidationRecordDto;
  @ApiPropertyOptional({ type: [AttachmentDto], description: 'Files sent with it' })
  attachments?: AttachmentDto[];
}

class RollUpDto implements RollUp {
  @ApiProperty({ enum: valuesOf(ROLL_UP_LABELS) }) method!: RollUpMethod;
  @ApiPropertyOptional({ description: 'weighted: the criterion whose values are the weights' }) by?: string;
  @ApiPropertyOptional({ description: 'share: percent of units answering yes needed for yes' }) atLeast?: number;
}

class CriterionRuleDto {
  @ApiProperty({ enum: valuesOf(RULE_OP_LABELS) }) op!: RuleOp;
  @ApiProperty() value!: number;
  @ApiPropertyOptional({ description: 'Upper bound with between' }) max?: number;
}

export class CriterionDto implements Criterion {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: valuesOf(CRITERION_KIND_LABELS) }) kind!: CriterionKind;
  @ApiProperty({ type: CriterionRuleDto }) rule!: CriterionRuleDto;
  @ApiProperty() points!: number;
  @ApiPropertyOptional({ enum: valuesOf(UNIT_KIND_LABELS), isArray: true }) appliesTo?: UnitKind[];
  @ApiPropertyOptional({ type: [String], description: 'Only members of these emulation clusters report it' }) clusters?: string[];
  @ApiPropertyOptional({ type: RollUpDto, description: 'How units below roll up into a report sent up (default by kind)' })
  rollUp?: RollUpDto;
}

export class ReportRoundDto implements ReportRound {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'Báo cáo sơ kết quý I' }) title!: string;
  @ApiProperty({ format: 'date-time' }) due!: string;
  @ApiPropertyOptional({ format: 'date-time' }) cutoffAt?: string;
}

export class MeetingDto implements Meeting {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'Hội nghị sơ kết 6 tháng' }) title!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class ReviewViewDto implements Review {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: RATINGS }) rating!: Rating;
  @ApiPropertyOptional() commendation?: string;
  @ApiPropertyOptional() note?: string;
}

export class UnitDetailDto implements UnitDetail {
  @ApiProperty() campaignId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: valuesOf(UNIT_KIND_LABELS) }) kind!: UnitKind;
  @ApiProperty({ enum: PHASES }) phase!: UnitPhase;
  @ApiProperty({ enum: ['registration', 'interim-review', 'in-progress', 'final'] }) stage!: UnitState['stage'];
  @ApiProperty({ enum: [0, 1, 2] }) escalationLevel!: number;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() remindersSent!: number;
  @ApiProperty() registrationAttempts!: number;
  @ApiProperty({ type: MilestonesDto }) milestones!: MilestonesDto;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/DeadlineDto' }, description: 'Per task kind' })
  deadlines!: Partial<Record<TaskKind, DeadlineDto>>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SubmissionDto' }, description: 'Per task kind' })
  submissions!: UnitState['submissions'];
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ReviewViewDto' },
    description: 'interim and/or final',
  })
  reviews!: UnitState['reviews'];
  @ApiProperty({
    type: [CriterionDto],
    nullable: true,
    description: 'The campaign’s criteria that apply to this unit; null: a campaign without criteria (the 2019 figures)',
  })
  criteria!: CriterionDto[] | null;
  @ApiProperty({ type: [ReportRoundDto], description: 'The campaign’s report rounds' }) rounds!: ReportRoundDto[];
  @ApiProperty({ type: [MeetingDto], description: 'The campaign’s review meetings' }) meetings!: MeetingDto[];
  @ApiProperty({ format: 'date-time' }) enrolledAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UnitEventDto {
  @ApiProperty({ example: 'binh-tan-2019/phong-tu-phap/3' }) id!: string;
  @ApiProperty() seq!: number;
  // A union of names is reflected as Object: the schema says string, with every name a unit event can have.
  @ApiProperty({ type: String, enum: Object.keys(UNIT_EVENT_LABELS), example: 'RegistrationSubmitted' }) type!: UnitEventView['type'];
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiPropertyOptional({ example: 'coordinator:can-bo-noi-vu' }) actor?: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As recorded by the event type' }) data!: UnitEventView['data'];
}

export class TaskDto implements Task {
  @ApiProperty() campaignId!: string;
  @ApiProperty() campaignTitle!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({
    type: String,
    description: `${TASK_KINDS.join(', ')}, round:<round id>, or commendation (the unit's individuals for the commendation stage)`,
  })
  kind!: TaskKind | 'commendation';
  @ApiProperty({ description: 'What the task is called (a round by its own title)', example: 'Báo cáo sơ kết quý I' }) title!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cutoffAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiPropertyOptional() returnedReason?: string;
  @ApiProperty() timezone!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "A rehearsal's plan day (ISO-8601 duration); null in a real campaign",
    example: 'PT2S',
  })
  dayLength!: string | null;
}

class NotificationDto implements InboxItem {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'unit:khen-2026:khu-pho-4/7' }) eventId!: string | null;
  @ApiProperty({ nullable: true, type: String }) campaignId!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ example: 'reminder' }) kind!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
}

export class InboxDto implements Inbox {
  @ApiProperty() unread!: number;
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
}

export class TaskProgressDto implements TaskProgress {
  @ApiProperty({ type: String, description: 'registration, interim-report, final-report or round:<round id>' }) task!: TaskKind;
  @ApiProperty({ example: 'Báo cáo kết quả quý I' }) title!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cutoffAt!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Units by task status (pending, open, submitted, returned, approved, missed)',
  })
  counts!: Partial<Record<TaskStatus, number>>;
  @ApiProperty({ description: 'Expected units past the deadline' }) overdue!: number;
  @ApiProperty({ description: 'Submitted after the deadline' }) late!: number;
}

export const EXTRA_MODELS = [DeadlineDto, SubmissionDto, ReviewViewDto];

/** Compiles only while every documented class has exactly the fields of the type the API returns. */
export const DOCUMENTED_EXACTLY: ReadonlyArray<true> = [
  true satisfies SameKeys<MilestonesDto, Milestones>,
  true satisfies SameKeys<ChaseDto, ChasePolicy>,
  true satisfies SameKeys<LaunchProgressDto, LaunchProgress>,
  true satisfies SameKeys<FanOutDto, FanOutProgress>,
  true satisfies SameKeys<CountsDto, Counts>,
  true satisfies SameKeys<CampaignSummaryDto, CampaignSummary>,
  true satisfies SameKeys<ParentLinkDto, ParentLink>,
  true satisfies SameKeys<ClusterRefDto, ClusterRef>,
  true satisfies SameKeys<UnitRowDto, UnitRow>,
  true satisfies SameKeys<UnitPageDto, UnitPage>,
  true satisfies SameKeys<DeadlineDto, Deadline>,
  true satisfies SameKeys<TargetCheckDto, TargetCheck>,
  true satisfies SameKeys<SubmissionDto, Submission>,
  true satisfies SameKeys<CriterionCheckDto, CriterionCheck>,
  true satisfies SameKeys<CriterionDto, Criterion>,
  true satisfies SameKeys<ReportRoundDto, ReportRound>,
  true satisfies SameKeys<MeetingDto, Meeting>,
  true satisfies SameKeys<ReviewViewDto, Review>,
  true satisfies SameKeys<UnitDetailDto, UnitDetail>,
  true satisfies SameKeys<UnitEventDto, UnitEventView>,
  true satisfies SameKeys<TaskDto, Task>,
  true satisfies SameKeys<TaskProgressDto, TaskProgress>,
  true satisfies SameKeys<NotificationDto, InboxItem>,
  true satisfies SameKeys<InboxDto, Inbox>,
];

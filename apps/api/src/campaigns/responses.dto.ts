/** Shapes of the campaign endpoints' answers, for the OpenAPI document (the services return these shapes). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PHASES, RATINGS } from './campaigns.dto';

const TASK_KINDS = ['registration', 'interim-report', 'final-report'];

export class MilestonesDto {
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

export class ChaseDto {
  @ApiProperty({ type: [String], example: ['P7D', 'P3D', 'P1D'] }) reminderOffsets!: string[];
  @ApiProperty({ example: 'P1D' }) overdueReminderInterval!: string;
  @ApiProperty({ example: 'P3D' }) escalationDelay!: string;
}

class LaunchProgressDto {
  @ApiProperty() unitsTotal!: number;
  @ApiProperty() unitsEnrolled!: number;
  @ApiProperty() done!: boolean;
}

class FanOutDto {
  @ApiProperty({ enum: ['milestonesMoved', 'campaignCancelled'] }) signal!: string;
  @ApiProperty({ description: 'Units told so far' }) done!: number;
  @ApiProperty({ description: 'Units to tell' }) total!: number;
  @ApiProperty() finished!: boolean;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class CountsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Units per phase' }) byPhase!: Record<string, number>;
  @ApiProperty() overdue!: number;
  @ApiProperty({ description: 'Units escalated (level 1 or 2)' }) escalated!: number;
  @ApiProperty({ description: 'Units escalated to the issuer (level 2)' }) escalatedToIssuer!: number;
}

export class CampaignSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() coordinator!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timezone!: string;
  @ApiProperty({ enum: ['launching', 'running', 'finished', 'cancelled'] }) status!: string;
  @ApiProperty({ type: MilestonesDto }) milestones!: MilestonesDto;
  @ApiProperty({ type: ChaseDto }) chase!: ChaseDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: LaunchProgressDto }) launch!: LaunchProgressDto;
  @ApiProperty({ type: CountsDto }) counts!: CountsDto;
  @ApiProperty({ type: FanOutDto, nullable: true, description: 'The last change carried to every unit in the background (milestone move, cancellation)' }) fanOut!: FanOutDto | null;
}

class UnitRowDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['agency', 'service-unit', 'ward'] }) kind!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ enum: [0, 1, 2] }) escalationLevel!: number;
  @ApiProperty() remindersSent!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Deadline of the task expected now' }) nextDueAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UnitPageDto {
  @ApiProperty({ type: [UnitRowDto] }) items!: UnitRowDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class DeadlineDto {
  @ApiProperty({ enum: ['pending', 'open', 'submitted', 'returned', 'approved', 'missed'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cutoffAt!: string | null;
  @ApiProperty() missed!: boolean;
  @ApiProperty({ enum: [0, 1, 2] }) escalationLevel!: number;
  @ApiProperty({ nullable: true, type: String }) returnedReason!: string | null;
}

class TargetCheckDto {
  @ApiProperty() metric!: string;
  @ApiProperty({ description: 'The plan’s target, in Vietnamese' }) target!: string;
  @ApiProperty({ nullable: true, type: Number }) value!: number | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null when the figure was not stated' }) met!: boolean | null;
}

class SubmissionDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() late!: boolean;
  @ApiPropertyOptional() commitments?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, description: { type: 'string' } } } }) initiatives?: unknown[];
  @ApiPropertyOptional() summary?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' } }) metrics?: Record<string, number>;
  @ApiPropertyOptional({ type: [TargetCheckDto], description: 'Final report only: each target met or not' }) targetCheck?: TargetCheckDto[];
}

class ReviewViewDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: RATINGS }) rating!: string;
  @ApiPropertyOptional() commendation?: string;
  @ApiPropertyOptional() note?: string;
}

export class UnitDetailDto {
  @ApiProperty() campaignId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ enum: ['registration', 'interim-review', 'in-progress', 'final'] }) stage!: string;
  @ApiProperty({ enum: [0, 1, 2] }) escalationLevel!: number;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() remindersSent!: number;
  @ApiProperty() registrationAttempts!: number;
  @ApiProperty({ type: MilestonesDto }) milestones!: MilestonesDto;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/DeadlineDto' }, description: 'Per task kind' }) deadlines!: Record<string, DeadlineDto>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SubmissionDto' }, description: 'Per task kind' }) submissions!: Record<string, SubmissionDto>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ReviewViewDto' }, description: 'interim and/or final' }) reviews!: Record<string, ReviewViewDto>;
  @ApiProperty({ format: 'date-time' }) enrolledAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UnitEventDto {
  @ApiProperty({ example: 'binh-tan-2019/phong-tu-phap/3' }) id!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ example: 'RegistrationSubmitted' }) type!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiPropertyOptional({ example: 'coordinator:can-bo-noi-vu' }) actor?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class TaskDto {
  @ApiProperty() campaignId!: string;
  @ApiProperty() campaignTitle!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ enum: TASK_KINDS }) kind!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cutoffAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiPropertyOptional() returnedReason?: string;
  @ApiProperty() timezone!: string;
}

class NotificationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) campaignId!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ example: 'reminder' }) kind!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
}

export class InboxDto {
  @ApiProperty() unread!: number;
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
}

export const EXTRA_MODELS = [DeadlineDto, SubmissionDto, ReviewViewDto];

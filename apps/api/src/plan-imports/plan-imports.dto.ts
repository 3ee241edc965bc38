import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CRITERION_KIND_LABELS,
  RULE_OP_LABELS,
  UNIT_KIND_LABELS,
  valuesOf,
  type CriterionKind,
  type CriterionRule,
  type RuleOp,
  type UnitKind,
} from '@thidua/contracts';
import type { Evidence, PlanDraft, PlanImport, Unresolved } from '@thidua/planning';
import { Text } from '../common/fields';

/** Characters a plan text may have; its size in bytes is checked against 1 MiB by the import. */
const MAX_PLAN_CHARS = 1024 * 1024;

export class PlanImportRequestDto {
  @Text(MAX_PLAN_CHARS, {
    description: 'Toàn văn kế hoạch (văn bản thuần, tối đa 1 MiB)',
    example: 'KẾ HOẠCH\nPhát động phong trào thi đua …',
  })
  text!: string;
}

class RuleDto implements CriterionRule {
  @ApiProperty({ enum: valuesOf(RULE_OP_LABELS) }) op!: RuleOp;
  @ApiProperty() value!: number;
  @ApiPropertyOptional() max?: number;
}

class DraftCriterionDto {
  @ApiProperty() title!: string;
  @ApiProperty({ enum: valuesOf(CRITERION_KIND_LABELS) }) kind!: CriterionKind;
  @ApiProperty({ type: RuleDto }) rule!: RuleDto;
  @ApiPropertyOptional({ description: 'Điểm kế hoạch dành cho chỉ tiêu ("(20 điểm)"), khi kế hoạch có nêu' }) points?: number;
  @ApiPropertyOptional({
    enum: valuesOf(UNIT_KIND_LABELS),
    isArray: true,
    description: 'Loại đơn vị áp dụng (cột "Đối tượng áp dụng" của bảng tiêu chí), khi kế hoạch có nêu',
  })
  appliesTo?: UnitKind[];
}

class DraftReportDto {
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) due!: string;
}

class DraftMeetingDto {
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

class UnitGroupDto {
  @ApiProperty() text!: string;
  @ApiProperty({ enum: valuesOf(UNIT_KIND_LABELS) }) kind!: UnitKind;
  @ApiPropertyOptional() count?: number;
}

class DraftMilestonesDto {
  @ApiPropertyOptional({ format: 'date-time' }) launchAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) registrationDue?: string;
  @ApiPropertyOptional({ format: 'date-time' }) interimReviewAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) campaignEndsAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) finalReportDue?: string;
}

class PlanDraftDto implements PlanDraft {
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional() issuer?: string;
  @ApiPropertyOptional() coordinator?: string;
  @ApiProperty({ enum: ['Asia/Ho_Chi_Minh'] }) timezone!: 'Asia/Ho_Chi_Minh';
  @ApiProperty({ type: DraftMilestonesDto }) milestones!: DraftMilestonesDto;
  @ApiProperty({ type: [DraftReportDto] }) reports!: DraftReportDto[];
  @ApiProperty({ type: [DraftMeetingDto] }) meetings!: DraftMeetingDto[];
  @ApiProperty({ type: [DraftCriterionDto] }) criteria!: DraftCriterionDto[];
  @ApiProperty({ type: [UnitGroupDto] }) unitGroups!: UnitGroupDto[];
}

class EvidenceDto implements Evidence {
  @ApiProperty({ example: 'milestones.registrationDue' }) path!: string;
  @ApiProperty({ example: 'trước ngày 15 tháng 3 năm 2019' }) quote!: string;
}

class UnresolvedDto implements Unresolved {
  @ApiProperty() what!: string;
  @ApiProperty() quote!: string;
}

export class PlanImportDto implements PlanImport {
  @ApiProperty({ type: PlanDraftDto }) draft!: PlanDraftDto;
  @ApiProperty({ type: [EvidenceDto] }) evidence!: EvidenceDto[];
  @ApiProperty({ type: [UnresolvedDto] }) unresolved!: UnresolvedDto[];
}

export class PlanFileImportDto extends PlanImportDto {
  @ApiProperty({ description: 'Tên tệp đã gửi', example: 'ke-hoach-thi-dua-2027.docx' }) fileName!: string;
  @ApiProperty({ description: 'Nội dung đọc được từ tệp (mỗi đoạn một dòng); mọi trích dẫn là một đoạn của nó' }) text!: string;
}

/** Request bodies and answers of the campaign-template endpoints. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, Min } from 'class-validator';
import { type TemplateSummary, type TemplateVersion, LIMITS } from '@thidua/contracts';
import { Optional, Slug, Text } from '../common/fields';

const DEFINITION_DOC =
  'A campaign definition: code, title, issuer, coordinator, timezone, units (may be empty in a template), milestones, chase, and optionally ' +
  'criteria [{id, title, kind, rule: {op, value, max?}, points, appliesTo?}], reports [{id, title, due, cutoffAt?}] and meetings [{id, title, at}]';

/** Longest template description. */
const DESCRIPTION_MAX = 2000;

/** What every save of a template carries: its definition and, optionally, a description. */
class TemplateContentDto {
  @Text(DESCRIPTION_MAX, { required: false })
  description?: string;

  @ApiProperty({ description: DEFINITION_DOC, type: 'object', additionalProperties: true })
  @IsObject()
  definition!: Record<string, unknown>;
}

export class CreateTemplateDto extends TemplateContentDto {
  @Slug({ required: false, description: 'Template id; made from the title when absent' })
  id?: string;

  @Text(LIMITS.campaignText, {
    required: false,
    example: 'Phong trào thi đua chuyển đổi số năm 2027',
    description: 'The definition’s own title when absent',
  })
  title?: string;

  @ApiPropertyOptional({ description: 'Offer it to every organisation below (default false: kept to this organisation)' })
  @Optional()
  @IsBoolean()
  shared?: boolean;
}

export class ShareTemplateDto {
  @ApiProperty({ description: 'true: every organisation below may use it (read and clone); false: this organisation only' })
  @IsBoolean()
  shared!: boolean;
}

export class SaveTemplateDto extends TemplateContentDto {
  @Text(LIMITS.campaignText, { required: false, description: 'New title; the current one when absent' })
  title?: string;

  @ApiPropertyOptional({ description: 'The version being edited: refused (409) if someone saved a later one in between', minimum: 1 })
  @Optional()
  @IsInt()
  @Min(1)
  baseVersion?: number;
}

export class CloneTemplateDto {
  @Slug({ required: false, description: 'Id of the copy; made from its title when absent' })
  id?: string;

  @Text(LIMITS.campaignText, { required: false, description: 'Title of the copy; "<title> (bản sao)" when absent' })
  title?: string;
}

export class TemplateSummaryDto implements TemplateSummary {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The organisation that owns it' }) orgId!: string;
  @ApiProperty({ description: 'Offered to the organisations below its owner' }) shared!: boolean;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Current version; earlier ones are kept' }) version!: number;
  @ApiProperty({
    description: 'Shipped with the product (its shipped versions kept; a release that changes it adds a version unless a person edited it)',
  })
  builtin!: boolean;
  @ApiProperty({ description: 'A past plan kept for reference, not current law' }) historical!: boolean;
  @ApiProperty({ nullable: true, type: String, description: '<template id>@<version> it was copied from' }) clonedFrom!: string | null;
  @ApiProperty() issuer!: string;
  @ApiProperty() coordinator!: string;
  @ApiProperty() units!: number;
  @ApiProperty() criteria!: number;
  @ApiProperty() reports!: number;
  @ApiProperty() meetings!: number;
  @ApiProperty({ format: 'date-time' }) savedAt!: string;
  @ApiProperty({ nullable: true, type: String }) savedBy!: string | null;
}

export class TemplateVersionDto implements TemplateVersion {
  @ApiProperty() version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) savedAt!: string;
  @ApiProperty({ nullable: true, type: String }) savedBy!: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, ValidateNested } from 'class-validator';
import { LIMITS, ORG_KINDS, type OrgKind, type OrgSettings } from '@thidua/contracts';
import { Optional, Slug, Text } from '../common/fields';

export class OrgSettingsDto implements OrgSettings {
  @Text(LIMITS.name, { required: false }) issuer?: string;
  @Text(20, { required: false }) issuerAbbreviation?: string;
  @Text(LIMITS.name, { required: false }) coordinator?: string;
  @Text(LIMITS.name, { required: false }) signerTitle?: string;
  @Text(LIMITS.name, { required: false }) signerName?: string;
  @Text(LIMITS.name, { required: false }) mailFrom?: string;
  @Text(LIMITS.name, { required: false }) officeHours?: string;
}

export class CreateOrganisationDto {
  @Slug({ description: 'Its id (lowercase letters, digits, hyphens)', vi: 'mã tổ chức chỉ gồm chữ thường không dấu, số và dấu gạch ngang' })
  id!: string;

  @Slug({ required: false, description: 'The organisation above it (default: where the admin acts)', vi: 'mã tổ chức cấp trên' })
  parentId?: string;

  @ApiProperty({ enum: ORG_KINDS })
  @IsIn(ORG_KINDS)
  kind!: OrgKind;

  @Text(LIMITS.name) name!: string;
  @Text(LIMITS.name, { required: false }) shortName?: string;
  @Text(20, { required: false }) code?: string;
}

export class UpdateOrganisationDto {
  @Text(LIMITS.name, { required: false }) name?: string;
  @Text(LIMITS.name, { required: false }) shortName?: string;

  @ApiPropertyOptional({ type: OrgSettingsDto, description: 'Replaces the settings whole' })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => OrgSettingsDto)
  settings?: OrgSettingsDto;
}

class OrgCountsDto {
  @ApiProperty() units!: number;
  @ApiProperty() campaigns!: number;
  @ApiProperty() children!: number;
}

export class OrganisationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ enum: ORG_KINDS }) kind!: OrgKind;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) shortName!: string | null;
  @ApiProperty({ nullable: true, type: String }) code!: string | null;
  @ApiProperty({ type: OrgSettingsDto }) settings!: OrgSettingsDto;
  @ApiProperty({ description: 'Levels below the caller’s organisation (0: its own)' }) depth!: number;
  @ApiProperty({ type: OrgCountsDto }) counts!: OrgCountsDto;
}

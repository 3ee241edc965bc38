import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Slug, Text } from '../common/fields';
import { BelowQueryDto } from '../common/queries.dto';
import { LIMITS, UNIT_KIND_LABELS, valuesOf, type UnitKind } from '@thidua/contracts';

export const UNIT_KINDS: readonly UnitKind[] = valuesOf(UNIT_KIND_LABELS);

export class CreateUnitDto {
  @Slug({ example: 'ubnd-phuong-an-lac', vi: 'mã đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch ngang (tối đa 64 ký tự)' })
  id!: string;

  @Text(LIMITS.name, { example: 'UBND phường An Lạc' })
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind!: UnitKind;

  @ApiPropertyOptional({ format: 'email' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  headEmail?: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;
}

export class UnitDto extends CreateUnitDto {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'The organisation whose directory holds it' }) orgId!: string;
}

export class ImportUnitsDto {
  @ApiProperty({ example: 'binh-tan-cchc-2019', description: 'A template id from GET /api/campaign-templates' })
  @IsString()
  @MaxLength(100)
  templateId!: string;
}

export class ImportUnitsResultDto {
  @ApiProperty() created!: number;
  @ApiProperty() existing!: number;
}

export class UnitsListQueryDto extends BelowQueryDto {
  @Slug({ required: false, description: 'Only the units this campaign does not have (to add one to it)' })
  notInCampaign?: string;
}

export class UpdateUnitDto {
  @Text(LIMITS.name, { example: 'UBND phường An Lạc' })
  name!: string;

  @ApiPropertyOptional({ format: 'email', description: 'Absent: no head e-mail' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  headEmail?: string;

  @ApiPropertyOptional({ format: 'email', description: 'Absent: no contact e-mail' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;
}

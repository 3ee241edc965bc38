/** A legal text an admin adds. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { LEGAL_ROLES, type LegalKind, type LegalRole } from '@thidua/contracts';
import { IsoDate, Optional, Slug, Text } from '../common/fields';

export class LegalTextDto {
  @Slug({ description: 'Its id: "nd-01-2027"' })
  id!: string;

  @ApiProperty({ enum: LEGAL_ROLES, description: 'What it is cited for; a newer text of a role replaces the older from its effective day' })
  @IsIn([...LEGAL_ROLES])
  role!: LegalRole;

  @ApiProperty({ enum: ['law', 'decree', 'circular'] })
  @IsIn(['law', 'decree', 'circular'])
  kind!: LegalKind;

  @Text(60, { description: 'Its number: "01/2027/NĐ-CP"' })
  number!: string;

  @IsoDate({ example: '2027-01-05', description: 'Signed on (yyyy-MM-dd)' })
  issuedOn!: string;

  @Text(120, { description: '"Chính phủ", "Quốc hội", "Bộ Nội vụ"' })
  issuer!: string;

  @Text(400, { description: 'What it is about, as cited after the number; for a law, its name after "Luật"' })
  subject!: string;

  @IsoDate({ example: '2027-03-01', description: 'In force from (yyyy-MM-dd)' })
  effectiveFrom!: string;

  @IsoDate({ required: false, description: 'No longer in force from (yyyy-MM-dd)' })
  effectiveUntil?: string;

  @Text(400, { required: false, description: 'The articles relied on' })
  articles?: string;

  @ApiPropertyOptional({ description: 'For a base-salary text: the monthly base salary in đồng' })
  @Optional()
  @IsInt()
  @Min(100_000, { context: { vi: 'phải từ 100.000 đồng' } })
  @Max(1_000_000_000)
  amount?: number;
}

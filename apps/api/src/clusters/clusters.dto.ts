/** Request bodies of the emulation clusters (cụm, khối thi đua). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsString, Max, Min } from 'class-validator';
import { LIMITS, type ClusterKind, type ClusterVoters, type Criterion, type VoteRule } from '@thidua/contracts';
import { Optional, Slug, Text } from '../common/fields';
import { BelowQueryDto, toInt } from '../common/queries.dto';

class ClusterFieldsDto {
  @ApiPropertyOptional({ enum: ['cluster', 'block'], description: 'cluster: cụm (theo địa bàn); block: khối (theo ngành)' })
  @Optional()
  @IsIn(['cluster', 'block'])
  kind?: ClusterKind;

  @Slug({ required: false, description: 'Cụm phó (một thành viên khác cụm trưởng)' })
  deputy?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Số đơn vị cụm suy tôn (mặc định 1)' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100)
  quota?: number;

  @ApiPropertyOptional({
    enum: ['officers', 'members'],
    description: 'Ai bỏ phiếu ở hội nghị cụm: officers — trưởng, phó các đơn vị (mặc định); members — mỗi thành viên một phiếu',
  })
  @Optional()
  @IsIn(['officers', 'members'])
  voters?: ClusterVoters;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Tỷ lệ phiếu theo quy chế của cụm {share: {num, den}, of: members|present, quorum: {num, den}}; mặc định quá bán (51%) số có mặt, có mặt từ 2/3',
  })
  @Optional()
  @IsObject()
  vote?: VoteRule;

  @Slug({ required: false, description: 'Hình thức cụm suy tôn (mặc định co-thi-dua-tinh)' })
  formId?: string;

  @Text(LIMITS.summary, { required: false, description: 'Giao ước thi đua của cụm' })
  covenant?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'Tiêu chí của giao ước (chỉ thành viên của cụm báo cáo)' })
  @Optional()
  @IsArray()
  criteria?: Criterion[];
}

export class CreateClusterDto extends ClusterFieldsDto {
  @Slug({ example: 'cum-1-2027' })
  id!: string;

  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Text(200, { example: 'Cụm thi đua số 1' })
  name!: string;

  @ApiProperty({ type: [String], minItems: 2, description: 'Mã các đơn vị thành viên (danh mục của tổ chức)' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  members!: string[];

  @Slug({ description: 'Cụm trưởng (một thành viên)' })
  head!: string;
}

export class UpdateClusterDto extends ClusterFieldsDto {
  @Text(200, { required: false, example: 'Cụm thi đua số 1' })
  name?: string;

  @ApiPropertyOptional({ type: [String], minItems: 2, description: 'Mã các đơn vị thành viên (danh mục của tổ chức)' })
  @Optional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  members?: string[];

  @Slug({ required: false, description: 'Cụm trưởng (một thành viên)' })
  head?: string;
}

export class RotationDto {
  @Slug({ description: 'Cụm trưởng năm sau, do hội nghị tổng kết bầu' })
  head!: string;

  @Slug({ required: false, description: 'Cụm phó năm sau' })
  deputy?: string;

  @Slug({ required: false, description: 'Mã cụm năm sau (mặc định: mã hiện tại với năm mới)' })
  id?: string;
}

export class ClustersQueryDto extends BelowQueryDto {
  @ApiPropertyOptional({ type: Number, example: 2027 })
  @Optional()
  @Transform(toInt)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

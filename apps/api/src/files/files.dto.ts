/** The documented shapes of stored files and attachments (answers and request bodies). */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { Optional } from '../common/fields';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_LIMITS,
  ATTACHMENT_MEDIA_TYPES,
  type Attachment,
  type AttachmentKind,
  type AttachmentRef,
  type StoredFile,
} from '@thidua/contracts';
import type { SameKeys } from '../common/same-keys';

const KINDS = [...ATTACHMENT_KINDS];
const MEDIA_TYPES = Object.keys(ATTACHMENT_MEDIA_TYPES);

export class StoredFileDto implements StoredFile {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'bao-cao-tong-ket.pdf', description: 'The name sent, made safe' }) name!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty({ enum: MEDIA_TYPES, description: 'Read from the content, not the name' }) mediaType!: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256!: string;
}

export class AttachmentDto extends StoredFileDto implements Attachment {
  @ApiProperty({
    enum: KINDS,
    description: 'Tờ trình, báo cáo, báo cáo thành tích, biên bản, sáng kiến, quyết định, ý kiến, hình ảnh, khác',
  })
  kind!: AttachmentKind;
  @ApiPropertyOptional({ example: 'Mẫu số 05', description: "The decree's template it follows" }) form?: string;
}

/** A file uploaded before (POST /api/files) attached to what is sent. */
export class AttachmentRefDto implements AttachmentRef {
  @ApiProperty({ format: 'uuid', description: 'The id POST /api/files answered' })
  @IsUUID()
  fileId!: string;
  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS)
  kind!: AttachmentKind;
  @ApiPropertyOptional({ example: 'Mẫu số 05', maxLength: ATTACHMENT_LIMITS.form })
  @Optional()
  @IsString()
  @Length(1, ATTACHMENT_LIMITS.form)
  form?: string;
}

/** An achievement report: one file and the template it follows. */
export class AchievementReportRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fileId!: string;
  @ApiProperty({ example: 'Mẫu số 05', maxLength: ATTACHMENT_LIMITS.form })
  @IsString()
  @Length(1, ATTACHMENT_LIMITS.form)
  form!: string;
}

/** The optional `achievementReport` field of a nomination. */
export const AchievementReport = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: AchievementReportRefDto, description: 'Its achievement report, uploaded first with POST /api/files' }),
    Optional(),
    ValidateNested(),
    Type(() => AchievementReportRefDto),
  );

/** The optional `attachments` field every submission body shares. */
export const Attachments = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: [AttachmentRefDto],
      maxItems: ATTACHMENT_LIMITS.perSubmission,
      description: 'Files uploaded first with POST /api/files, each with its kind',
    }),
    Optional(),
    IsArray(),
    ArrayMaxSize(ATTACHMENT_LIMITS.perSubmission),
    ValidateNested({ each: true }),
    Type(() => AttachmentRefDto),
  );

export const FILE_DTOS_EXACT: ReadonlyArray<true> = [
  true satisfies SameKeys<AttachmentDto, Attachment>,
  true satisfies SameKeys<StoredFileDto, StoredFile>,
];

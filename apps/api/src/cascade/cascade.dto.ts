/** Request bodies of the work between levels: a sub-campaign launched, a report sent up. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsString, Matches } from 'class-validator';
import { LIMITS, type ChasePolicy, type Criterion, type Milestones } from '@thidua/contracts';
import { Attachments, type AttachmentRefDto } from '../files/files.dto';
import { Optional, Slug, Text } from '../common/fields';

/** A task of the campaign above: registration aside, what a report is sent for. */
const REPORT_TASK = /^(interim-report|final-report|round:[a-z0-9][a-z0-9-]{0,63})$/;
const DURATION = /^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

export class LaunchSubCampaignDto {
  @Slug({ description: 'Mã đợt triển khai (của tổ chức mình)', example: 'thi-dua-2027-phuong-an-lac' })
  code!: string;

  @Text(LIMITS.campaignText, { required: false, description: 'Tên đợt (mặc định: tên đợt cấp trên kèm tên tổ chức)' })
  title?: string;

  @ApiProperty({ type: [String], minItems: 1, description: 'Mã các đơn vị trực thuộc (danh mục của tổ chức) tham gia' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20_000)
  @IsString({ each: true })
  units!: string[];

  @ApiPropertyOptional({
    example: 'P5D',
    description: 'Hạn của đơn vị trực thuộc sớm hơn hạn của cấp trên bao lâu (ngày làm việc nếu kế hoạch tính ngày làm việc); mặc định P5D',
  })
  @Optional()
  @IsString()
  @Matches(DURATION, { context: { vi: 'phải là khoảng thời gian ISO-8601, ví dụ P5D' } })
  lead?: string;

  @Text(LIMITS.campaignText, { required: false, description: 'Cơ quan ban hành (mặc định: theo thiết lập của tổ chức)' })
  issuer?: string;

  @Text(LIMITS.campaignText, { required: false, description: 'Bộ phận theo dõi (mặc định: theo thiết lập của tổ chức)' })
  coordinator?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'Chỉ tiêu riêng bổ sung cho chỉ tiêu của cấp trên' })
  @Optional()
  @IsArray()
  criteria?: Criterion[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Chính sách nhắc việc riêng {reminderOffsets, overdueReminderInterval, escalationDelay} (mặc định: như cấp trên)',
  })
  @Optional()
  @IsObject()
  chase?: ChasePolicy;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', format: 'date-time' },
    description: 'Mốc tự đặt thay cho mốc tính từ cấp trên',
  })
  @Optional()
  @IsObject()
  milestones?: Partial<Milestones>;
}

export class ReportUpDto {
  @ApiProperty({ example: 'round:quy-1', description: 'Việc của đợt cấp trên: interim-report, final-report hoặc round:<mã kỳ>' })
  @IsString()
  @Matches(REPORT_TASK, { context: { vi: 'phải là interim-report, final-report hoặc round:<mã kỳ báo cáo>' } })
  task!: string;

  @Text(LIMITS.summary)
  summary!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Số liệu gửi lên, theo mã chỉ tiêu (mặc định: số liệu tổng hợp từ các đơn vị trực thuộc)',
  })
  @Optional()
  @IsObject()
  values?: Record<string, number>;

  @Attachments()
  attachments?: AttachmentRefDto[];
}

export class TaskQueryDto {
  @ApiProperty({ example: 'round:quy-1' })
  @IsString()
  @Matches(REPORT_TASK, { context: { vi: 'phải là interim-report, final-report hoặc round:<mã kỳ báo cáo>' } })
  task!: string;
}

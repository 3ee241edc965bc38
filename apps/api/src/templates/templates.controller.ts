import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TemplateSummary, TemplateVersion, CampaignDefinition } from '@thidua/contracts';
import { actorOf, Caller, Roles, type Principal } from '../auth/principal';
import { TemplateQueryDto } from '../common/queries.dto';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { CloneTemplateDto, CreateTemplateDto, SaveTemplateDto, TemplateSummaryDto, TemplateVersionDto } from './templates.dto';
import { TemplatesService } from './templates.service';

@ApiTags('campaign-templates')
@ApiBearerAuth()
@Roles('admin', 'coordinator')
@Controller('campaign-templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'Các mẫu kế hoạch thi đua (phiên bản hiện hành)' })
  @ApiOkResponse({ type: [TemplateSummaryDto] })
  list(): Promise<TemplateSummary[]> {
    return this.templates.list();
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Lưu một mẫu kế hoạch mới (phiên bản 1)' })
  @ApiCreatedResponse({ type: TemplateSummaryDto })
  @ApiConflictResponse({ description: 'Mã mẫu đã có' })
  create(@Body() body: CreateTemplateDto, @Caller() caller: Principal): Promise<TemplateSummary> {
    return this.templates.add(body, actorOf(caller));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Định nghĩa đầy đủ của một mẫu (phiên bản hiện hành hoặc ?version=), dời theo ngày phát động và (tùy chọn) nén thời gian',
  })
  @ApiOkResponse({ description: 'A campaign definition, ready for POST /api/campaigns' })
  get(@Param('id') id: string, @Query() { launchAt, dayLength, code, version }: TemplateQueryDto): Promise<CampaignDefinition> {
    return this.templates.definition(id, { launchAt, dayLength, code, version });
  }

  @Get(':id/summary')
  @ApiOperation({ summary: 'Thông tin một mẫu: phiên bản hiện hành, có sẵn hay tự tạo, số chỉ tiêu, kỳ báo cáo, hội nghị' })
  @ApiOkResponse({ type: TemplateSummaryDto })
  summary(@Param('id') id: string): Promise<TemplateSummary> {
    return this.templates.get(id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Các phiên bản đã lưu của một mẫu, mới nhất trước' })
  @ApiOkResponse({ type: [TemplateVersionDto] })
  versions(@Param('id') id: string): Promise<TemplateVersion[]> {
    return this.templates.versions(id);
  }

  @Put(':id')
  @Idempotent()
  @ApiOperation({ summary: 'Lưu phiên bản mới của một mẫu (các phiên bản trước vẫn được giữ)' })
  @ApiOkResponse({ type: TemplateSummaryDto })
  @ApiConflictResponse({ description: 'Đã có phiên bản mới hơn baseVersion' })
  save(@Param('id') id: string, @Body() body: SaveTemplateDto, @Caller() caller: Principal): Promise<TemplateSummary> {
    return this.templates.save(id, body, actorOf(caller));
  }

  @Post(':id/clone')
  @Idempotent()
  @ApiOperation({ summary: 'Nhân bản một mẫu (phiên bản hiện hành) thành mẫu mới sửa được' })
  @ApiCreatedResponse({ type: TemplateSummaryDto })
  @ApiConflictResponse({ description: 'Mã mẫu đã có' })
  clone(@Param('id') id: string, @Body() body: CloneTemplateDto, @Caller() caller: Principal): Promise<TemplateSummary> {
    return this.templates.clone(id, body, actorOf(caller));
  }
}

import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TemplateSummary, TemplateVersion, CampaignDefinition } from '@thidua/contracts';
import { actorOf, Caller, Roles, type Principal } from '../auth/principal';
import { Owned } from '../auth/scope.guard';
import { TemplateQueryDto } from '../common/queries.dto';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import {
  CloneTemplateDto,
  CreateTemplateDto,
  SaveTemplateDto,
  ShareTemplateDto,
  TemplateSummaryDto,
  TemplateVersionDto,
} from './templates.dto';
import { TemplatesService } from './templates.service';

@ApiTags('campaign-templates')
@ApiBearerAuth()
@Roles('admin', 'coordinator')
@Owned('Template')
@Controller('campaign-templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({
    summary:
      'Các mẫu kế hoạch thi đua (phiên bản hiện hành): của tổ chức đang làm việc, các tổ chức cấp dưới, và mẫu cấp trên chia sẻ xuống',
  })
  @ApiOkResponse({ type: [TemplateSummaryDto] })
  list(@Caller() caller: Principal): Promise<TemplateSummary[]> {
    return this.templates.list(caller);
  }

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Lưu một mẫu kế hoạch mới (phiên bản 1)' })
  @ApiCreatedResponse({ type: TemplateSummaryDto })
  @ApiConflictResponse({ description: 'Mã mẫu đã có' })
  create(@Body() body: CreateTemplateDto, @Caller() caller: Principal): Promise<TemplateSummary> {
    return this.templates.add(body, caller, actorOf(caller));
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

  @Put(':id/sharing')
  @Idempotent()
  @ApiOperation({ summary: 'Chia sẻ mẫu cho mọi tổ chức cấp dưới dùng (shared=true) hoặc thôi chia sẻ' })
  @ApiOkResponse({ type: TemplateSummaryDto })
  share(@Param('id') id: string, @Body() body: ShareTemplateDto, @Caller() caller: Principal): Promise<TemplateSummary> {
    return this.templates.share(id, body.shared, actorOf(caller));
  }

  @Post(':id/clone')
  @Owned('Template', 'id', 'read')
  @Idempotent()
  @ApiOperation({ summary: 'Nhân bản một mẫu (phiên bản hiện hành) thành mẫu mới sửa được' })
  @ApiCreatedResponse({ type: TemplateSummaryDto })
  @ApiConflictResponse({ description: 'Mã mẫu đã có' })
  clone(@Param('id') id: string, @Body() body: CloneTemplateDto, @Caller() caller: Principal): Promise<TemplateSummary> {
    return this.templates.clone(id, body, caller, actorOf(caller));
  }
}

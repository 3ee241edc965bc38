import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { instantiateTemplate, type CampaignDefinition } from '../../../../libs/contracts/src/campaign';
import { Roles } from '../auth/principal';
import { notFound } from '../common/http-errors';
import { TemplateQueryDto } from '../common/queries.dto';
import { TEMPLATES, findTemplate } from './templates';

@ApiTags('campaign-templates')
@ApiBearerAuth()
@Roles('admin', 'coordinator')
@Controller('campaign-templates')
export class TemplatesController {
  @Get()
  @ApiOperation({ summary: 'Các mẫu kế hoạch thi đua' })
  list(): Array<{ id: string; title: string; description: string; units: number }> {
    return TEMPLATES.map((t) => ({ id: t.id, title: t.title, description: t.description, units: t.definition.units.length }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Định nghĩa đầy đủ của một mẫu, dời theo ngày phát động và (tùy chọn) nén thời gian' })
  @ApiOkResponse({ description: 'A campaign definition, ready for POST /api/campaigns' })
  get(@Param('id') id: string, @Query() { launchAt, dayLength, code }: TemplateQueryDto): CampaignDefinition {
    const template = findTemplate(id);
    if (!template) throw notFound(`Không có mẫu kế hoạch "${id}"`);
    if (launchAt === undefined && dayLength === undefined) return code ? { ...template.definition, code } : template.definition;
    return instantiateTemplate(template.definition, { launchAt: launchAt ?? template.definition.milestones.launchAt, dayLength, code });
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { instantiateTemplate, isIsoInstant, parseDuration, SLUG, type CampaignDefinition } from '../../../../libs/contracts/src/campaign';
import { Roles } from '../auth/principal';
import { notFound } from '../common/http-errors';
import { InvalidInputException, type FieldProblem } from '../common/validation';
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
  @ApiQuery({ name: 'launchAt', required: false, description: 'ISO-8601 instant; default: the template’s own dates' })
  @ApiQuery({ name: 'dayLength', required: false, description: 'ISO-8601 duration one plan day lasts, e.g. PT1S for a rehearsal; default P1D' })
  @ApiQuery({ name: 'code', required: false, description: 'Campaign code of the result (lowercase slug)' })
  @ApiOkResponse({ description: 'A campaign definition, ready for POST /api/campaigns' })
  get(@Param('id') id: string, @Query('launchAt') launchAt?: string, @Query('dayLength') dayLength?: string, @Query('code') code?: string): CampaignDefinition {
    const template = findTemplate(id);
    if (!template) throw notFound(`Không có mẫu kế hoạch "${id}"`);
    const problems: FieldProblem[] = [];
    if (launchAt !== undefined && !isIsoInstant(launchAt)) {
      problems.push({ field: 'launchAt', rule: 'isISO8601', message: 'launchAt: phải là thời điểm ISO-8601 có múi giờ, ví dụ 2026-03-15T08:00:00+07:00' });
    }
    const dayMs = dayLength === undefined ? undefined : parseDuration(dayLength);
    if (dayLength !== undefined && (dayMs === undefined || dayMs < 100 || dayMs > 86_400_000)) {
      problems.push({ field: 'dayLength', rule: 'duration', message: 'dayLength: phải là khoảng thời gian ISO-8601 từ PT0.1S đến P1D, ví dụ PT1S' });
    }
    if (code !== undefined && !SLUG.test(code)) {
      problems.push({ field: 'code', rule: 'matches', message: 'code: chỉ gồm chữ thường không dấu, số và dấu gạch ngang' });
    }
    if (problems.length) throw new InvalidInputException(problems);
    if (launchAt === undefined && dayLength === undefined) return code ? { ...template.definition, code } : template.definition;
    return instantiateTemplate(template.definition, { launchAt: launchAt ?? template.definition.milestones.launchAt, dayLength, code });
  }
}

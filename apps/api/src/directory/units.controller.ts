import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Caller, Roles, STAFF, type Principal } from '../auth/principal';
import { Owned } from '../auth/scope.guard';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { TemplatesService } from '../templates/templates.service';
import { CreateUnitDto, ImportUnitsDto, ImportUnitsResultDto, UnitDto, UnitsListQueryDto, UpdateUnitDto } from './units.dto';
import type { DirectoryUnit } from '@thidua/contracts';
import { UnitsDirectoryService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsDirectoryService,
    private readonly templates: TemplatesService,
  ) {}

  @Post()
  @Idempotent()
  @Roles('admin')
  @ApiOperation({ summary: 'Thêm đơn vị vào danh mục (quản trị)' })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiConflictResponse({ description: 'Mã đơn vị đã tồn tại' })
  create(@Body() body: CreateUnitDto, @Caller() caller: Principal): Promise<DirectoryUnit> {
    return this.units.create(body, caller, actorOf(caller));
  }

  @Post('import')
  @Idempotent()
  @Roles('admin')
  @ApiOperation({ summary: 'Nhập các đơn vị của một mẫu kế hoạch (đơn vị đã có được giữ nguyên)' })
  @ApiCreatedResponse({ type: ImportUnitsResultDto })
  async importTemplate(@Body() body: ImportUnitsDto, @Caller() caller: Principal): Promise<ImportUnitsResultDto> {
    const { units } = await this.templates.definition(body.templateId, {}, caller);
    return this.units.importUnits(units, caller, actorOf(caller));
  }

  @Get()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Danh mục đơn vị của tổ chức đang làm việc (below=true: cả các tổ chức cấp dưới, chỉ xem)' })
  @ApiOkResponse({ type: [UnitDto] })
  list(@Query() q: UnitsListQueryDto, @Caller() caller: Principal): Promise<DirectoryUnit[]> {
    return this.units.list(caller, { notInCampaign: q.notInCampaign, below: q.below });
  }

  @Patch(':unitId')
  @Roles('admin')
  @Owned('Unit', 'unitId')
  @ApiOperation({ summary: 'Sửa tên và e-mail của đơn vị trong danh mục (đợt đã phát động giữ bản của mình; mã và loại không đổi)' })
  @ApiOkResponse({ type: UnitDto })
  update(@Param('unitId') unitId: string, @Body() body: UpdateUnitDto, @Caller() caller: Principal): Promise<DirectoryUnit> {
    return this.units.update(unitId, body, actorOf(caller));
  }
}

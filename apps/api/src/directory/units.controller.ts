import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiException } from '../common/http-errors';
import { receiveFile } from '../common/upload';
import { MAX_UNIT_FILE_BYTES, UnitFileError, unitsOfFile } from './unit-files';
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

  @Post('file')
  @Idempotent()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Nhập danh mục đơn vị từ tệp .xlsx hoặc .csv (dòng đầu: "Mã đơn vị", "Tên đơn vị", "Loại", tùy chọn "E-mail thủ trưởng", "E-mail đầu mối"); tệp có lỗi bị từ chối toàn bộ, nêu từng dòng; đơn vị đã có được giữ nguyên',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: ImportUnitsResultDto })
  async importFile(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Caller() caller: Principal,
  ): Promise<ImportUnitsResultDto> {
    const file = await receiveFile(req, res, MAX_UNIT_FILE_BYTES, 'tệp danh mục đơn vị');
    try {
      return await this.units.importUnits(await unitsOfFile(file.originalname, file.buffer), caller, actorOf(caller));
    } catch (err) {
      if (err instanceof UnitFileError) throw new ApiException(422, err.message, err.problems);
      throw err;
    }
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

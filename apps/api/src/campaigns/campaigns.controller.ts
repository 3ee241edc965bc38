/** Campaign endpoints of admins and the coordinator. */
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type CampaignSummary, type ScoreBoard, type TaskProgress, type UnitDetail } from '@thidua/contracts';
import { actorOf, Caller, Roles, STAFF, type Principal } from '../auth/principal';
import { policyOf } from '../auth/policy-of';
import { Owned } from '../auth/scope.guard';
import { BelowQueryDto, ClusterQueryDto } from '../common/queries.dto';
import { Idempotent, type IdempotentRequest } from '../idempotency/idempotency.interceptor';
import { CampaignCommandsService } from './campaign-commands.service';
import { CampaignReadsService } from './campaign-reads.service';
import { AddUnitDto, LaunchCampaignDto, MoveMilestonesDto, ReasonDto, UnitsQueryDto } from './campaigns.dto';
import { CampaignSummaryDto, TaskProgressDto, UnitDetailDto, UnitPageDto } from './responses.dto';
import { unitDetail } from './unit-detail';
import { ScoresService } from './scores.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Owned('Campaign')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly reads: CampaignReadsService,
    private readonly commands: CampaignCommandsService,
    private readonly scoresService: ScoresService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Phát động đợt thi đua: 201 khi tạo mới, 200 khi đã phát động đúng định nghĩa này, 409 khi mã đã dùng cho định nghĩa khác',
  })
  @ApiCreatedResponse({ type: CampaignSummaryDto, description: 'The campaign summary; the launch continues durably in the background' })
  @ApiConflictResponse({ description: 'The code is taken by a different definition' })
  async launch(
    @Body() body: LaunchCampaignDto,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CampaignSummary> {
    const { created, campaign } = await this.commands.launch(body.definition, caller.orgId, actorOf(caller));
    res.status(created ? 201 : 200);
    return campaign;
  }

  @Get()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Các đợt thi đua của tổ chức đang làm việc (below=true: cả của các tổ chức cấp dưới, chỉ xem), mới nhất trước',
  })
  @ApiOkResponse({ type: [CampaignSummaryDto] })
  list(@Caller() caller: Principal, @Query() q: BelowQueryDto): Promise<CampaignSummary[]> {
    return this.reads.list(q.below ? policyOf(caller).orgs('read', 'Campaign') : [caller.orgId]);
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Tổng quan: mốc thời gian, số đơn vị theo giai đoạn, quá hạn, đã báo cáo lãnh đạo, tiến độ phát động' })
  @ApiOkResponse({ type: CampaignSummaryDto })
  get(@Param('id') id: string): Promise<CampaignSummary> {
    return this.reads.get(id);
  }

  @Get(':id/tasks')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Tiến độ từng việc: đăng ký, từng kỳ báo cáo, báo cáo cuối đợt (số đơn vị đã gửi, còn thiếu, quá hạn, gửi muộn)',
  })
  @ApiOkResponse({ type: [TaskProgressDto] })
  tasks(@Param('id') id: string): Promise<TaskProgress[]> {
    return this.reads.taskProgress(id);
  }

  @Get(':id/scores')
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      'Bảng chấm điểm các đơn vị theo chỉ tiêu của đợt thi đua, trừ điểm theo quy định, xếp hạng (cluster: trong một cụm, khối thi đua)',
  })
  @ApiOkResponse({ description: '{campaignId, criteria, rows: [{rank, unitId, name, kind, phase, lines, deductions, total, max, final}]}' })
  scores(@Param('id') id: string, @Query() q: ClusterQueryDto): Promise<ScoreBoard> {
    return this.scoresService.board(id, q.cluster);
  }

  @Get(':id/scores.xlsx')
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      'Bảng chấm điểm, xếp hạng dưới dạng tệp Excel (.xlsx); cluster: bảng điểm của một cụm, kèm vai trò và phiếu bầu của hội nghị cụm',
  })
  @ApiOkResponse({ description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
  async scoresXlsx(@Param('id') id: string, @Query() q: ClusterQueryDto, @Res() res: Response): Promise<void> {
    const body = await this.scoresService.workbook(id, q.cluster);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="bang-diem-${q.cluster ? `${q.cluster}-` : ''}${id}.xlsx"`);
    res.end(body);
  }

  @Get(':id/units.xlsx')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Bảng đơn vị dưới dạng Excel, theo đúng bộ lọc và thứ tự của bảng (mọi trang)' })
  async unitsXlsx(@Param('id') id: string, @Query() q: UnitsQueryDto, @Res() res: Response): Promise<void> {
    const body = await this.reads.unitsWorkbook(id, { ...q, page: 1, pageSize: 500, sort: q.sort ?? 'name' });
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="don-vi-${id}.xlsx"`);
    res.end(body);
  }

  @Get(':id/units')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Bảng đơn vị (lọc theo giai đoạn, quá hạn, mức báo cáo; phân trang)' })
  @ApiOkResponse({ type: UnitPageDto })
  units(@Param('id') id: string, @Query() q: UnitsQueryDto) {
    return this.reads.units(id, { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 50, sort: q.sort ?? 'name' });
  }

  @Patch(':id/milestones')
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Dời mốc thời gian và hạn các kỳ báo cáo; mọi đơn vị lập lại lịch nhắc việc' })
  @ApiOkResponse({ type: CampaignSummaryDto })
  moveMilestones(
    @Param('id') id: string,
    @Body() body: MoveMilestonesDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CampaignSummary> {
    return this.commands.moveMilestones(id, body.milestones, body.reports, actorOf(caller), req.updateId);
  }

  @Post(':id/units')
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Bổ sung một đơn vị (từ danh mục) vào đợt thi đua đang chạy' })
  @ApiCreatedResponse({ type: CampaignSummaryDto })
  addUnit(
    @Param('id') id: string,
    @Body() body: AddUnitDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CampaignSummary> {
    return this.commands.addUnit(id, body.unitId, caller.orgId, actorOf(caller), req.updateId);
  }

  @Delete(':id/units/:unitId')
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Rút một đơn vị khỏi đợt thi đua (lý do tùy chọn trong body)' })
  @ApiOkResponse({ type: UnitDetailDto })
  async withdraw(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Body() body: ReasonDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitDetail> {
    return unitDetail(
      await this.commands.unitCommand(id, unitId, 'Withdraw', { reason: body.reason, actor: actorOf(caller) }, req.updateId),
    );
  }

  @Post(':id/reminders')
  @Roles('admin', 'coordinator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Nhắc ngay mọi đơn vị đang quá hạn (mỗi việc quá hạn một lời nhắc, qua hộp thư và e-mail); trả về số đơn vị đã nhắc',
  })
  remind(@Param('id') id: string, @Caller() caller: Principal): Promise<{ reminded: number }> {
    return this.commands.remindOverdue(id, actorOf(caller));
  }

  @Post(':id/cancel')
  @Roles('admin')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Hủy đợt thi đua: mọi đơn vị dừng lại' })
  @ApiOkResponse({ type: CampaignSummaryDto })
  cancel(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CampaignSummary> {
    return this.commands.cancel(id, body.reason, actorOf(caller), req.updateId);
  }
}

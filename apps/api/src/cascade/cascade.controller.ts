/**
 * The work between levels. `/upward`: the campaigns above that enrol the caller's organisation, and its work on
 * them (registration, its sub-campaign, the consolidated report sent up). `/campaigns/:id/rollup`: a campaign
 * seen across its levels, with the cause of each unit's lateness.
 */
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CampaignSummary, Consolidation, RollupView, UnitDetail, UpwardCampaign, UpwardView } from '@thidua/contracts';
import { actorOf, Caller, Roles, STAFF, type Principal } from '../auth/principal';
import { Owned } from '../auth/scope.guard';
import { RegistrationDto } from '../campaigns/campaigns.dto';
import { CampaignSummaryDto, UnitDetailDto } from '../campaigns/responses.dto';
import { Idempotent, type IdempotentRequest } from '../idempotency/idempotency.interceptor';
import { LaunchSubCampaignDto, ReportUpDto, TaskQueryDto } from './cascade.dto';
import { CascadeService } from './cascade.service';
import { FilesService } from '../files/files.service';
import { sendFile } from '../files/send-file';

@ApiTags('levels')
@ApiBearerAuth()
@Controller('upward')
export class UpwardController {
  constructor(
    private readonly cascade: CascadeService,
    private readonly files: FilesService,
  ) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Các đợt thi đua cấp trên mà tổ chức đang làm việc tham gia, kèm tình trạng của tổ chức' })
  @ApiOkResponse({ description: '[{campaignId, title, status, orgId, orgName, phase, overdue, nextDueAt, subCampaignId}]' })
  list(@Caller() caller: Principal): Promise<UpwardCampaign[]> {
    return this.cascade.enrolling(caller.orgId);
  }

  @Get(':campaignId')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Một đợt thi đua cấp trên: kế hoạch, chỉ tiêu áp dụng và phần việc của tổ chức (hạn, hồ sơ đã gửi)' })
  @ApiOkResponse({ description: '{campaign, unit}' })
  get(@Param('campaignId') campaignId: string, @Caller() caller: Principal): Promise<UpwardView> {
    return this.cascade.upward(campaignId, caller.orgId);
  }

  @Post(':campaignId/registration')
  @Roles('admin', 'coordinator')
  @Idempotent()
  @ApiCreatedResponse({ type: UnitDetailDto, description: "Durably accepted; the organisation's part after the change" })
  @ApiOperation({ summary: 'Tổ chức gửi đăng ký thi đua lên cấp trên' })
  async register(
    @Param('campaignId') campaignId: string,
    @Body() body: RegistrationDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitDetail> {
    const initiatives = body.initiatives.map((i) => ({ title: i.title, description: i.description }));
    const attachments = await this.files.attach(body.attachments, caller);
    return this.cascade.register(
      campaignId,
      caller.orgId,
      { commitments: body.commitments, initiatives, attachments },
      this.acting(caller, req),
    );
  }

  @Post(':campaignId/sub-campaign')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Triển khai đợt thi đua cấp trên đến các đơn vị trực thuộc: cùng chỉ tiêu (có thể thêm), hạn sớm hơn hạn của cấp trên (lead), nhắc việc riêng',
  })
  @ApiCreatedResponse({ type: CampaignSummaryDto })
  @ApiConflictResponse({ description: 'The organisation already runs another sub-campaign of this campaign, or its part there ended' })
  async launchSub(
    @Param('campaignId') campaignId: string,
    @Body() body: LaunchSubCampaignDto,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CampaignSummary> {
    const { created, campaign } = await this.cascade.launchSub(campaignId, caller.orgId, body, actorOf(caller));
    res.status(created ? 201 : 200);
    return campaign;
  }

  @Get(':campaignId/consolidation')
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      'Báo cáo tổng hợp từ báo cáo của các đơn vị trực thuộc cho một việc của cấp trên: từng chỉ tiêu, cách tính, nguồn số liệu, đơn vị chưa gửi',
  })
  @ApiOkResponse({ description: '{campaignId, parentCampaignId, task, title, units, reported, missing, lines}' })
  consolidation(@Param('campaignId') campaignId: string, @Query() q: TaskQueryDto, @Caller() caller: Principal): Promise<Consolidation> {
    return this.cascade.consolidation(campaignId, caller.orgId, q.task);
  }

  @Post(':campaignId/reports')
  @Roles('admin', 'coordinator')
  @Idempotent()
  @ApiCreatedResponse({ type: UnitDetailDto, description: "Durably accepted; the organisation's part after the change" })
  @ApiOperation({
    summary: 'Gửi báo cáo lên cấp trên: số liệu đã sửa hoặc số liệu tổng hợp từ các đơn vị trực thuộc (ghi lại nguồn và chỉ tiêu đã sửa)',
  })
  async reportUp(
    @Param('campaignId') campaignId: string,
    @Body() body: ReportUpDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitDetail> {
    const attachments = await this.files.attach(body.attachments, caller);
    return this.cascade.reportUp(campaignId, caller.orgId, { ...body, attachments }, this.acting(caller, req));
  }

  @Get(':campaignId/files/:fileId')
  @ApiOperation({ summary: 'Tải về một tệp mà cơ quan, đơn vị mình đã gửi lên cấp trên trong đợt thi đua này' })
  @ApiOkResponse({ description: 'The file, with its recorded media type and name' })
  async file(
    @Param('campaignId') campaignId: string,
    @Param('fileId') fileId: string,
    @Caller() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    await this.cascade.part(campaignId, caller.orgId);
    await sendFile(res, await this.files.downloadFor(campaignId, fileId, caller.orgId));
  }

  private acting(caller: Principal, req: IdempotentRequest): { actor: string; receivedAt?: string; updateId?: string } {
    return { actor: actorOf(caller), receivedAt: req.receivedAt, updateId: req.updateId };
  }
}

@ApiTags('levels')
@ApiBearerAuth()
@Owned('Campaign')
@Controller('campaigns')
export class RollupController {
  constructor(private readonly cascade: CascadeService) {}

  @Get(':id/rollup')
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      'Tiến độ theo cấp: từng đơn vị tham gia, đợt triển khai của đơn vị đến các đơn vị trực thuộc và nguyên nhân chậm ("2/9 khu phố chưa gửi báo cáo quý I")',
  })
  @ApiOkResponse({ description: '{campaignId, title, units, withSubCampaign, overdue, rows}' })
  rollup(@Param('id') id: string): Promise<RollupView> {
    return this.cascade.rollup(id);
  }
}

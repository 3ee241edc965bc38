/**
 * One unit in one campaign: its detail and log (the unit itself, admins, the coordinator), its work and its
 * reviews. The AuthGuard keeps unit accounts to their own `:unitId`.
 */
import { applyDecorators, Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { returnReasonProblem, type UnitScoreSheet, type ReportStage, type UnitDetail } from '@thidua/contracts';
import { UnitScoreSheetDto } from '../commendations/view.dto';
import { InvalidInputException, problemsFromMessages } from '../common/validation';
import { actorOf, Caller, Roles, type Principal } from '../auth/principal';
import { Owned } from '../auth/scope.guard';
import { Idempotent, type IdempotentRequest } from '../idempotency/idempotency.interceptor';
import { CampaignCommandsService } from '../campaigns/campaign-commands.service';
import { CampaignReadsService } from '../campaigns/campaign-reads.service';
import { DecisionDto, RegistrationDto, ReportDto, ReviewDto } from '../campaigns/campaigns.dto';
import { EXTRA_MODELS, UnitDetailDto, UnitEventDto } from '../campaigns/responses.dto';
import { unitDetail } from '../campaigns/unit-detail';
import { ScoresService } from '../campaigns/scores.service';
import { FilesService } from '../files/files.service';

/**
 * A unit's command: idempotent, answered with the unit once stored (the API decides and stores it itself, so only
 * the database can make it unavailable), refused by the rules with 409 (`conflict` says when).
 */
function UnitCommandWrite(
  conflict = 'Refused by the rules: cut-off passed, wrong phase, withdrawn unit, cancelled or completed campaign',
): MethodDecorator {
  return applyDecorators(
    Idempotent(),
    ApiCreatedResponse({ type: UnitDetailDto, description: 'Durably accepted; the unit after the change' }),
    ApiConflictResponse({ description: conflict }),
    ApiServiceUnavailableResponse({
      description: 'The database is unreachable: not accepted; retry with the same Idempotency-Key after Retry-After',
    }),
  );
}

@ApiTags('unit work')
@ApiExtraModels(...EXTRA_MODELS)
@ApiBearerAuth()
@Owned('Campaign')
@Controller('campaigns/:id/units/:unitId')
export class UnitWorkController {
  constructor(
    private readonly reads: CampaignReadsService,
    private readonly commands: CampaignCommandsService,
    private readonly scores: ScoresService,
    private readonly files: FilesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Chi tiết đơn vị: giai đoạn, hạn, nhắc việc, hồ sơ đã nộp (kèm đối chiếu chỉ tiêu), kết quả đánh giá' })
  @ApiOkResponse({ type: UnitDetailDto })
  async detail(@Param('id') id: string, @Param('unitId') unitId: string): Promise<UnitDetail> {
    return unitDetail(await this.reads.unitState(id, unitId));
  }

  @Get('score')
  @ApiOperation({
    summary: 'Bảng chấm điểm của đơn vị (điểm từng chỉ tiêu, điểm trừ, tổng điểm, thứ hạng) — có sau khi đơn vị gửi báo cáo cuối đợt',
  })
  @ApiOkResponse({ type: UnitScoreSheetDto })
  score(@Param('id') id: string, @Param('unitId') unitId: string): Promise<UnitScoreSheet> {
    return this.scores.sheet(id, unitId);
  }

  @Get('events')
  @ApiOperation({ summary: 'Nhật ký sự kiện của đơn vị, cũ nhất trước' })
  @ApiOkResponse({ type: [UnitEventDto] })
  events(@Param('id') id: string, @Param('unitId') unitId: string) {
    return this.reads.unitEvents(id, unitId);
  }

  @Post('registration')
  @Roles('unit')
  @UnitCommandWrite()
  @ApiOperation({ summary: 'Đơn vị gửi đăng ký thi đua (nội dung cam kết và ít nhất một sáng kiến)' })
  async register(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Body() body: RegistrationDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitDetail> {
    const initiatives = body.initiatives.map((i) => ({ title: i.title, description: i.description }));
    const attachments = await this.files.attach(body.attachments, caller);
    return unitDetail(
      await this.commands.unitCommand(
        id,
        unitId,
        'SubmitRegistration',
        { commitments: body.commitments, initiatives, attachments, actor: actorOf(caller), receivedAt: req.receivedAt },
        req.updateId,
      ),
    );
  }

  @Post('interim-report')
  @Roles('unit')
  @UnitCommandWrite()
  @ApiOperation({ summary: 'Đơn vị gửi báo cáo sơ kết' })
  interim(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Body() body: ReportDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitDetail> {
    return this.report({ stage: 'interim' }, id, unitId, body, caller, req);
  }

  @Post('final-report')
  @Roles('unit')
  @UnitCommandWrite()
  @ApiOperation({ summary: 'Đơn vị gửi báo cáo kết quả cuối đợt; số liệu được đối chiếu với chỉ tiêu của kế hoạch' })
  final(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Body() body: ReportDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitDetail> {
    return this.report({ stage: 'final' }, id, unitId, body, caller, req);
  }

  @Post('reports/:roundId')
  @Roles('unit')
  @UnitCommandWrite('Refused by the rules: no such round, already sent, cut-off passed, withdrawn unit, cancelled or completed campaign')
  @ApiOperation({ summary: 'Đơn vị gửi báo cáo của một kỳ báo cáo (quý, 6 tháng, 9 tháng…) kèm số liệu các chỉ tiêu' })
  round(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Param('roundId') roundId: string,
    @Body() body: ReportDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitDetail> {
    return this.report({ stage: 'round', round: roundId }, id, unitId, body, caller, req);
  }

  @Post('registration/decision')
  @Roles('admin', 'coordinator')
  @UnitCommandWrite()
  @ApiOperation({ summary: 'Phòng Nội vụ duyệt hoặc trả lại đăng ký (trả lại cần lý do; đơn vị phải gửi lại)' })
  async decide(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Body() body: DecisionDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitDetail> {
    // Malformed whatever the unit's state: refused at the edge, by the decider's own rule.
    const missing = returnReasonProblem(body.decision, body.reason);
    if (missing) throw new InvalidInputException(problemsFromMessages([missing], 'requiredWhenReturning'));
    return unitDetail(
      await this.commands.unitCommand(
        id,
        unitId,
        'DecideRegistration',
        { decision: body.decision, reason: body.reason, actor: actorOf(caller) },
        req.updateId,
      ),
    );
  }

  @Post('reviews')
  @Roles('admin', 'coordinator')
  @UnitCommandWrite()
  @ApiOperation({ summary: 'Ghi nhận kết quả sơ kết hoặc tổng kết (xếp loại, đề nghị khen thưởng)' })
  async review(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Body() body: ReviewDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitDetail> {
    const { stage, rating, commendation, note } = body;
    return unitDetail(
      await this.commands.unitCommand(
        id,
        unitId,
        'RecordReview',
        { stage, rating, commendation, note, actor: actorOf(caller) },
        req.updateId,
      ),
    );
  }

  private async report(
    which: { stage: ReportStage; round?: string },
    id: string,
    unitId: string,
    body: ReportDto,
    caller: Principal,
    req: IdempotentRequest,
  ): Promise<UnitDetail> {
    const metrics = body.metrics ? { ...body.metrics } : undefined;
    const values = body.values ? { ...body.values } : undefined;
    const attachments = await this.files.attach(body.attachments, caller);
    const report = {
      ...which,
      summary: body.summary,
      ...(metrics ? { metrics } : {}),
      ...(values ? { values } : {}),
      attachments,
    };
    return unitDetail(
      await this.commands.unitCommand(
        id,
        unitId,
        'SubmitReport',
        { ...report, actor: actorOf(caller), receivedAt: req.receivedAt },
        req.updateId,
      ),
    );
  }
}

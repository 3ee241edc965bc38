/**
 * The commendation stage of a campaign: the coordinator's side (open, nominate, score, council, ballots,
 * post, resolve objections, decide), the units' side (their individuals, objections, their view) and the
 * papers (PDF) and lists (XLSX). Every change is an update of the stage's workflow: 2xx means it is stored.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommendationState, CommendationView, UnitCommendationView } from '@thidua/contracts';
import { commendationView, CommendationViewDto } from './view.dto';
import { actorOf, Caller, Roles, STAFF, type Principal } from '../auth/principal';
import { Owned } from '../auth/scope.guard';
import { ApiException, notFound, refusal } from '../common/http-errors';
import { Idempotent, type IdempotentRequest } from '../idempotency/idempotency.interceptor';
import { CommendationsService } from './commendations.service';
import {
  CouncilDto,
  IndividualsDto,
  NominateDto,
  MinutesDto,
  ObjectionDto,
  OpenCommendationDto,
  ResolutionDto,
  ReturnIndividualsDto,
  ScoreDto,
  VoteDto,
  ClusterVoteDto,
  WithdrawNominationDto,
} from './commendations.dto';
import { FilesService } from '../files/files.service';
import { sendFile } from '../files/send-file';
import { isIsoDate } from '../common/fields';
import { InvalidInputException } from '../common/validation';
import { PAPER_TITLES, PAPERS, paperNotReady, renderPaper, type Paper } from '@thidua/papers';

const UNIT_VIEW = {
  description: 'The stage as the unit sees it: its nominating task, its nominees, the posted list, its objections, the decision',
};

const STATE = {
  type: CommendationViewDto,
  description:
    'The stage: setup, units (with their nominating task), nominees (with ballots), scores, council, posting (with the frozen sheets), objections, decision',
};

@ApiTags('commendation')
@ApiBearerAuth()
@Owned('Campaign')
@Controller('campaigns/:id')
export class CommendationsController {
  constructor(
    private readonly stage: CommendationsService,
    private readonly files: FilesService,
  ) {}

  /** The stage as the API shows it. */
  private async view(state: Promise<CommendationState>): Promise<CommendationView> {
    return commendationView(await state);
  }

  @Get('commendation')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Giai đoạn bình xét, khen thưởng: đề nghị, Hội đồng, công khai, ý kiến, quyết định' })
  @ApiOkResponse(STATE)
  get(@Param('id') id: string): Promise<CommendationView> {
    return this.view(this.stage.state(id));
  }

  @Post('commendation')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    summary:
      'Mở bình xét, khen thưởng: cơ quan ban hành, người ký, hạn đơn vị đề nghị cá nhân, số ngày công khai, tiêu chí do Thường trực chấm',
  })
  @ApiCreatedResponse(STATE)
  open(
    @Param('id') id: string,
    @Body() body: OpenCommendationDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CommendationView> {
    return this.view(this.stage.open(id, body.setup, actorOf(caller), req.updateId));
  }

  @Post('commendation/nominations')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({ summary: 'Đề nghị khen thưởng một tập thể (đơn vị đã gửi báo cáo cuối đợt) với một hình thức dành cho tập thể' })
  @ApiCreatedResponse(STATE)
  async nominate(
    @Param('id') id: string,
    @Body() body: NominateDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CommendationView> {
    const achievementReport = await this.files.attachReport(body.achievementReport, caller);
    const nomination = { unitId: body.unitId, formId: body.formId, ...(achievementReport ? { achievementReport } : {}) };
    return this.view(this.stage.command(id, 'ProposeNomination', { ...nomination, actor: actorOf(caller) }, req.updateId));
  }

  @Post('commendation/nominations/:nomineeId/withdrawal')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({ summary: 'Rút một đề nghị trước khi công khai' })
  @ApiCreatedResponse(STATE)
  withdraw(
    @Param('id') id: string,
    @Param('nomineeId') nomineeId: string,
    @Body() body: WithdrawNominationDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CommendationView> {
    return this.view(
      this.stage.command(id, 'WithdrawNomination', { nomineeId, reason: body.reason, actor: actorOf(caller) }, req.updateId),
    );
  }

  @Post('commendation/units/:unitId/return')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({ summary: 'Trả lại hồ sơ đề nghị cá nhân của đơn vị một lần, nêu đủ mọi nội dung cần bổ sung, chỉnh sửa' })
  @ApiCreatedResponse(STATE)
  returnIndividuals(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Body() body: ReturnIndividualsDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CommendationView> {
    return this.view(this.stage.command(id, 'ReturnIndividuals', { unitId, reason: body.reason, actor: actorOf(caller) }, req.updateId));
  }

  @Put('commendation/scores/:unitId/:criterion')
  @Roles('admin', 'coordinator')
  @Idempotent()
  @ApiOperation({ summary: 'Chấm điểm một tiêu chí do Thường trực chấm cho một đơn vị (0 đến điểm tối đa), kèm ghi chú' })
  @ApiOkResponse(STATE)
  score(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Param('criterion') criterion: string,
    @Body() body: ScoreDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CommendationView> {
    return this.view(
      this.stage.command(
        id,
        'RecordScore',
        { unitId, criterion, points: body.points, ...(body.note ? { note: body.note } : {}), actor: actorOf(caller) },
        req.updateId,
      ),
    );
  }

  @Put('commendation/council')
  @Roles('admin', 'coordinator')
  @Idempotent()
  @ApiOperation({ summary: 'Thành phần Hội đồng Thi đua – Khen thưởng (tài khoản, chức danh) và thời gian họp' })
  @ApiOkResponse(STATE)
  council(
    @Param('id') id: string,
    @Body() body: CouncilDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CommendationView> {
    return this.view(this.stage.council(id, body, actorOf(caller), req.updateId));
  }

  @Post('commendation/votes')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    summary: 'Kết quả bỏ phiếu kín cho một đề nghị: số có mặt, số đồng ý; kết quả tính theo tỷ lệ của hình thức khen thưởng',
  })
  @ApiCreatedResponse(STATE)
  vote(
    @Param('id') id: string,
    @Body() body: VoteDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CommendationView> {
    return this.view(this.stage.command(id, 'RecordVote', { ...body, actor: actorOf(caller) }, req.updateId));
  }

  @Post('commendation/cluster-votes')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    summary:
      'Một vòng bỏ phiếu của hội nghị cụm, khối thi đua: quá tỷ lệ thì chọn theo điểm từ cao xuống, bằng điểm thì Chủ tịch quyết định, tối đa hai vòng; xong thì cụm đề nghị đơn vị dẫn đầu',
  })
  @ApiCreatedResponse(STATE)
  clusterVote(
    @Param('id') id: string,
    @Body() body: ClusterVoteDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CommendationView> {
    const votes = body.votes.map((v) => ({ unitId: v.unitId, inFavour: v.inFavour }));
    const arg = { ...body, votes, actor: actorOf(caller) };
    return this.view(this.stage.command(id, 'RecordClusterVote', arg, req.updateId));
  }

  @Post('commendation/posting')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({ summary: 'Công khai danh sách đạt tỷ lệ phiếu; bảng điểm được chốt; hết thời gian công khai mới ban hành quyết định' })
  @ApiCreatedResponse(STATE)
  post(@Param('id') id: string, @Caller() caller: Principal, @Req() req: IdempotentRequest): Promise<CommendationView> {
    return this.view(this.stage.command(id, 'PostList', { actor: actorOf(caller) }, req.updateId));
  }

  @Post('commendation/minutes')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    summary:
      'Thường trực Hội đồng đính kèm biên bản họp Hội đồng Thi đua – Khen thưởng đã ký (và ý kiến bằng văn bản của thành viên vắng mặt)',
  })
  @ApiCreatedResponse(STATE)
  async minutes(
    @Param('id') id: string,
    @Body() body: MinutesDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CommendationView> {
    const attachments = await this.files.attach(body.attachments, caller);
    return this.view(this.stage.command(id, 'AttachMinutes', { attachments, actor: actorOf(caller) }, req.updateId));
  }

  @Post('commendation/objections/:objectionId/resolution')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({ summary: 'Xử lý một ý kiến: giữ nguyên đề nghị (dismissed) hoặc đưa ra khỏi danh sách (upheld)' })
  @ApiCreatedResponse(STATE)
  resolve(
    @Param('id') id: string,
    @Param('objectionId') objectionId: string,
    @Body() body: ResolutionDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<CommendationView> {
    return this.view(this.stage.command(id, 'ResolveObjection', { objectionId, ...body, actor: actorOf(caller) }, req.updateId));
  }

  @Post('commendation/decision')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    summary:
      'Ban hành quyết định khen thưởng: số lấy từ sổ của cơ quan ban hành theo năm; chỉ sau khi hết thời gian công khai và mọi ý kiến đã được xử lý',
  })
  @ApiCreatedResponse(STATE)
  decide(@Param('id') id: string, @Caller() caller: Principal, @Req() req: IdempotentRequest): Promise<CommendationView> {
    return this.view(this.stage.command(id, 'IssueDecision', { actor: actorOf(caller) }, req.updateId));
  }

  @Get('commendation/list.xlsx')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Danh sách đề nghị khen thưởng và kết quả bỏ phiếu (.xlsx)' })
  async listXlsx(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const body = await this.stage.workbook(await this.stage.state(id));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="danh-sach-khen-thuong-${id}.xlsx"`);
    res.end(body);
  }

  @Get('commendation/papers/:paper')
  @Roles(...STAFF, 'unit')
  @ApiOperation({
    summary:
      'Văn bản PDF/A: to-trinh.pdf, danh-sach.pdf, bien-ban.pdf, quyet-dinh.pdf, giay-khen.pdf (một trang mỗi người; ?nominee= một người). Quyết định và giấy khen đã ban hành: đúng tệp đã ký số và lưu khi ban hành (SHA-256 trong sự kiện DecisionIssued). Trước khi ban hành: ?draft=yyyy-MM-dd cho dự thảo quyết định ghi ngày đó. Đơn vị: danh sách công khai, quyết định, giấy khen của mình',
  })
  async paper(
    @Param('id') id: string,
    @Param('paper') file: string,
    @Query('nominee') nominee: string | undefined,
    @Query('download') download: string | undefined,
    @Query('draft') draft: string | undefined,
    @Caller() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    const paper = file.replace(/\.pdf$/, '') as Paper;
    if (!PAPERS.includes(paper)) throw notFound(`Không có văn bản "${file}"; có: ${PAPERS.map((p) => `${p}.pdf`).join(', ')}`);
    const state = await this.stage.state(id);
    if (caller.role === 'unit') {
      const allowed =
        (paper === 'danh-sach' && state.posting) ||
        (paper === 'quyet-dinh' && state.decision) ||
        (paper === 'giay-khen' && nominee !== undefined && state.nominees.some((n) => n.id === nominee && n.unitId === caller.unitId));
      if (!allowed) throw new ApiException(403, 'Đơn vị chỉ xem danh sách đã công khai, quyết định và giấy khen của đơn vị mình');
    }
    const disposition = download === undefined ? 'inline' : 'attachment';
    if (draft !== undefined) {
      if (paper !== 'quyet-dinh') throw invalidQuery('draft', 'Chỉ quyết định có dự thảo (?draft= với quyet-dinh.pdf)');
      if (!isIsoDate(draft)) throw invalidQuery('draft', `draft phải là một ngày dạng yyyy-MM-dd, nhận được "${draft}"`);
      if (state.decision) throw refusal('wrong-phase', `Quyết định đã ban hành (số ${state.decision.numberText}); không lập dự thảo nữa`);
      if (!state.posting) throw refusal('wrong-phase', 'Dự thảo quyết định lập sau khi công khai danh sách');
    } else {
      const why = paperNotReady(paper, state);
      if (why) throw refusal('wrong-phase', `${PAPER_TITLES[paper]}: ${why}`);
    }
    if (nominee !== undefined && !state.decision?.awarded.includes(nominee))
      throw notFound(`"${nominee}" không có trong quyết định khen thưởng`);
    const issued = state.decision?.papers;
    const stored =
      paper === 'quyet-dinh'
        ? issued?.decision
        : paper === 'giay-khen' && nominee !== undefined
          ? issued?.certificates.find((c) => c.nomineeId === nominee)
          : undefined;
    if (stored) return sendFile(res, await this.files.read(stored), disposition);
    const law = await this.stage.law();
    const body = await renderPaper(paper, state, await this.stage.sheets(state), {
      law,
      ...(nominee ? { only: nominee } : {}),
      ...(draft ? { draftOn: draft } : {}),
    });
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader(
      'Content-Disposition',
      `${disposition}; filename="${paper}${draft ? '-du-thao' : ''}-${id}${nominee ? `-${nominee.replace(/[^a-z0-9-]/gi, '-')}` : ''}.pdf"`,
    );
    res.end(body);
  }

  @Get('units/:unitId/commendation')
  @ApiOperation({
    summary: 'Bình xét, khen thưởng nhìn từ đơn vị: việc đề nghị cá nhân, đề nghị của đơn vị, danh sách công khai, ý kiến, quyết định',
  })
  async unitView(@Param('id') id: string, @Param('unitId') unitId: string): Promise<UnitCommendationView> {
    return this.stage.unitView(await this.stage.state(id), unitId);
  }

  @Post('units/:unitId/commendation/individuals')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    summary:
      'Đơn vị gửi danh sách cá nhân đề nghị khen thưởng (họ tên, chức vụ, tóm tắt thành tích, sáng kiến, hình thức); danh sách trống: không đề nghị',
  })
  @ApiCreatedResponse(UNIT_VIEW)
  async individuals(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Body() body: IndividualsDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitCommendationView> {
    const people = await Promise.all(
      body.people.map(async ({ achievementReport: ref, ...p }) => {
        const achievementReport = await this.files.attachReport(ref, caller);
        return { ...p, ...(achievementReport ? { achievementReport } : {}) };
      }),
    );
    const state = await this.stage.command(id, 'SubmitIndividuals', { unitId, people, actor: actorOf(caller) }, req.updateId);
    return this.stage.unitView(state, unitId);
  }

  @Post('units/:unitId/commendation/objections')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({ summary: 'Đơn vị góp ý về một tập thể, cá nhân trong danh sách công khai (trong thời gian công khai)' })
  @ApiCreatedResponse(UNIT_VIEW)
  async object(
    @Param('id') id: string,
    @Param('unitId') unitId: string,
    @Body() body: ObjectionDto,
    @Caller() caller: Principal,
    @Req() req: IdempotentRequest,
  ): Promise<UnitCommendationView> {
    const attachments = await this.files.attach(body.attachments, caller);
    const objection = { unitId, nomineeId: body.nomineeId, reason: body.reason, attachments };
    const state = await this.stage.command(id, 'RaiseObjection', { ...objection, actor: actorOf(caller) }, req.updateId);
    return this.stage.unitView(state, unitId);
  }
}

/** 400 naming a query parameter. */
function invalidQuery(field: string, message: string): InvalidInputException {
  return new InvalidInputException([{ field, rule: 'query', message }]);
}

/**
 * The commendation stage through the API: every change an update of the campaign's commendation workflow
 * (2xx means stored), reads from the `commendations` row written in the same transaction as the events.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import {
  type LegalText,
  campaignTaskQueue,
  COMMENDATION_WORKFLOW,
  commendationUpdates,
  commendationWorkflowId,
  formOf,
  listedNominees,
  nomineeName,
  type CommendationArgs,
  type CommendationCommandType,
  type CommendationState,
  type CommendationWorkflowInput,
  type RankedSheet,
  type UnitCommendationView,
} from '@thidua/contracts';
import { findAccountByUsername, holdsStaffRole, listLegalTexts, loadCommendation } from '@thidua/persistence';
import { notFound, refusal } from '../common/http-errors';
import { InvalidInputException } from '../common/validation';
import { CampaignReadsService } from '../campaigns/campaign-reads.service';
import { ScoresService } from '../campaigns/scores.service';
import { executeUpdate, toHttpError } from '../campaigns/temporal-errors';
import type { CouncilDto } from './commendations.dto';

const NOT_OPEN = 'Giai đoạn bình xét, khen thưởng của đợt thi đua này chưa được mở hoặc đã kết thúc';

@Injectable()
export class CommendationsService {
  constructor(
    private readonly client: Client,
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    private readonly reads: CampaignReadsService,
    private readonly scores: ScoresService,
  ) {}

  /** The stage's state; 404 when the campaign has none (yet). */
  async state(campaignId: string): Promise<CommendationState> {
    await this.reads.row(campaignId); // 404 for an unknown campaign
    const state = await loadCommendation(this.ds, campaignId);
    if (!state) throw notFound(`Đợt thi đua "${campaignId}" chưa mở giai đoạn bình xét, khen thưởng`);
    return state;
  }

  /** The ranked sheets the stage works with: frozen with the posted list, else live with the judged scores. */
  /** The legal texts papers cite from: the shipped ones and those admins added. */
  law(): Promise<LegalText[]> {
    return listLegalTexts(this.ds);
  }

  async sheets(state: CommendationState): Promise<readonly RankedSheet[]> {
    return state.posting?.sheets ?? (await this.scores.board(state.campaignId)).rows;
  }

  /** Starts the stage's workflow (once per campaign) and opens it with the setup. */
  async open(campaignId: string, setup: Record<string, unknown>, actor: string, updateId?: string): Promise<CommendationState> {
    const row = await this.reads.row(campaignId);
    if (row.status === 'cancelled') throw refusal('campaign-closed', 'Đợt thi đua đã bị hủy; không bình xét, khen thưởng');
    try {
      await this.client.workflow.start(COMMENDATION_WORKFLOW, {
        workflowId: commendationWorkflowId(campaignId),
        taskQueue: campaignTaskQueue(this.config.taskQueue),
        args: [{ campaignId } satisfies CommendationWorkflowInput],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw toHttpError(err, NOT_OPEN);
      throw refusal('wrong-phase', 'Giai đoạn bình xét, khen thưởng của đợt thi đua này đã kết thúc (đã ban hành quyết định)');
    }
    return this.command(campaignId, 'Open', { setup: setup as never, actor }, updateId);
  }

  /**
   * The council from accounts: each member's name is the account's display name. Only active staff sit on a
   * council (what GET /api/accounts/council-candidates offers): a unit's account would vote on its own unit.
   */
  async council(campaignId: string, body: CouncilDto, actor: string, updateId?: string): Promise<CommendationState> {
    const problems: Array<{ field: string; rule: string; message: string }> = [];
    const members = await Promise.all(
      body.members.map(async (m, i) => {
        const account = await findAccountByUsername(this.ds, m.username);
        if (!account)
          problems.push({
            field: `members.${i}.username`,
            rule: 'exists',
            message: `members.${i}.username "${m.username}" không phải tài khoản của hệ thống`,
          });
        else if (!(await holdsStaffRole(this.ds, account.id)))
          problems.push({
            field: `members.${i}`,
            rule: 'staff',
            message: `members.${i}: "${m.username}" là tài khoản của đơn vị; Hội đồng chỉ gồm cán bộ, công chức (không phải đơn vị được bình xét)`,
          });
        else if (account.disabled_at !== null)
          problems.push({
            field: `members.${i}`,
            rule: 'active',
            message: `members.${i}: tài khoản "${m.username}" đã bị khóa; không tham gia Hội đồng được`,
          });
        return { accountId: account?.id ?? '', name: account?.display_name ?? account?.username ?? '', role: m.role };
      }),
    );
    if (problems.length) throw new InvalidInputException(problems);
    return this.command(
      campaignId,
      'ConveneCouncil',
      { council: { members, meetingAt: body.meetingAt, ...(body.place ? { place: body.place } : {}) }, actor },
      updateId,
    );
  }

  /** Sends a command to the stage's workflow; its refusal is the HTTP answer, nothing stored. */
  async command<K extends CommendationCommandType>(
    campaignId: string,
    type: K,
    arg: CommendationArgs<K>,
    updateId?: string,
  ): Promise<CommendationState> {
    await this.reads.row(campaignId); // 404 for an unknown campaign, before asking a workflow that cannot exist
    const handle = this.client.workflow.getHandle(commendationWorkflowId(campaignId));
    const update = commendationUpdates[type] as UpdateDefinition<CommendationState, [CommendationArgs<K>]>;
    return executeUpdate(this.client, this.config.updateTimeoutMs, handle, update, arg, updateId, NOT_OPEN);
  }

  /** The nominations (and the result of each ballot) as an .xlsx workbook. */
  async workbook(state: CommendationState): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Thi đua';
    const ws = wb.addWorksheet('Danh sách đề nghị', { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([`Danh sách đề nghị khen thưởng: ${state.campaignTitle}`]).font = { bold: true, size: 13 };
    const head = ws.addRow([
      'STT',
      'Mã',
      'Tập thể / Họ và tên',
      'Chức vụ',
      'Đơn vị',
      'Hình thức',
      'Thành tích',
      'Sáng kiến',
      'Có mặt',
      'Đồng ý',
      'Tỷ lệ (%)',
      'Kết quả',
      'Trong danh sách công khai',
      'Được khen thưởng',
    ]);
    head.font = { bold: true };
    const posted = new Set(state.posting ? listedNominees(state).map((n) => n.id) : []);
    const awarded = new Set(state.decision?.awarded ?? []);
    const result = (n: CommendationState['nominees'][number]): string =>
      n.status === 'removed'
        ? `Đưa ra khỏi danh sách: ${n.removedReason ?? ''}`
        : !n.vote
          ? 'Chưa bỏ phiếu'
          : !n.vote.quorate
            ? 'Không đủ số thành viên'
            : n.vote.passed
              ? 'Đạt'
              : 'Không đạt';
    state.nominees.forEach((n, i) => {
      ws.addRow([
        i + 1,
        n.id,
        n.person?.name ?? n.unitName,
        n.person?.position ?? '',
        n.unitName,
        formOf(state, n.formId)?.title ?? n.formId,
        n.person?.achievement ?? '',
        n.person?.initiative ?? '',
        n.vote?.present ?? null,
        n.vote?.inFavour ?? null,
        n.vote?.percent ?? null,
        result(n),
        posted.has(n.id) ? 'Có' : 'Không',
        awarded.has(n.id) ? 'Có' : 'Không',
      ]);
    });
    ws.columns.forEach((col, i) => (col.width = [6, 22, 30, 24, 30, 40, 50, 40, 9, 9, 10, 24, 12, 12][i]));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** What a unit account sees: its own task and nominations, and the posted list once posted. */
  unitView(state: CommendationState, unitId: string): UnitCommendationView {
    const unit = state.units.find((u) => u.unitId === unitId);
    if (!unit) throw notFound(`Đơn vị "${unitId}" không tham gia đợt thi đua "${state.campaignId}"`);
    const mine = state.nominees.filter((n) => n.unitId === unitId);
    const list = state.posting
      ? listedNominees(state).map((n) => ({
          id: n.id,
          name: nomineeName(n),
          form: formOf(state, n.formId)?.title ?? n.formId,
          unitName: n.unitName,
        }))
      : [];
    return {
      campaignId: state.campaignId,
      campaignTitle: state.campaignTitle,
      stage: state.stage,
      unit,
      forms: state.forms,
      nominees: mine,
      posting: state.posting
        ? {
            postedAt: state.posting.postedAt,
            endsAt: state.posting.endsAt,
            days: state.posting.days,
            workingDays: state.posting.workingDays,
            ended: state.posting.ended,
            list,
          }
        : null,
      objections: state.objections.filter((o) => o.unitId === unitId),
      decision: state.decision ?? null,
    };
  }
}

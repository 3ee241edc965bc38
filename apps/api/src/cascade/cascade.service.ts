/**
 * Work between levels. An organisation taking part in a campaign above (a ward in the city's campaign) acts as
 * the unit that stands for it there (the city's directory unit whose id is the organisation's): it registers,
 * launches its sub-campaign for its own units, reviews the report its units' reports add up to, and sends it
 * up. The campaign above reads its units rolled up with their sub-campaigns.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CascadeLookupError,
  consolidatedReport,
  leadCounting,
  readConsolidation,
  readRollup,
  subCampaignDefinition,
  type SubCampaignRequest,
} from '@thidua/campaigns';
import {
  appliesToUnit,
  durationMs,
  TERMINAL_PHASES,
  unitClosedMessage,
  type CampaignSummary,
  type Consolidation,
  type ConsolidationRecord,
  type Initiative,
  type RollupView,
  type TaskKind,
  type UnitDetail,
  type UnitState,
  type UpwardCampaign,
  type UpwardView,
  type Attachment,
} from '@thidua/contracts';
import { campaignsEnrolling, projectedUnit, subCampaignsOf, type CampaignRow } from '@thidua/persistence';
import { ApiException, notFound, refusal } from '../common/http-errors';
import { InvalidInputException } from '../common/validation';
import { CalendarService } from '../calendar/calendar.service';
import { CampaignCommandsService } from '../campaigns/campaign-commands.service';
import { CampaignReadsService } from '../campaigns/campaign-reads.service';
import { unitDetail } from '../campaigns/unit-detail';
import { OrgDirectory } from '../organisations/org-directory';
import type { LaunchSubCampaignDto, ReportUpDto } from './cascade.dto';

/** The longest lead a sub-campaign may take. */
const MAX_LEAD_MS = 365 * 86_400_000;

/** Who acts, and how the request was received (judged on time by it; the same key replays the answer). */
interface Acting {
  readonly actor: string;
  readonly receivedAt?: string;
  readonly updateId?: string;
}

@Injectable()
export class CascadeService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly reads: CampaignReadsService,
    private readonly commands: CampaignCommandsService,
    private readonly calendar: CalendarService,
    private readonly orgs: OrgDirectory,
  ) {}

  /** The campaigns above that enrol the organisation (only `campaignId` when given), newest first. */
  async enrolling(orgId: string, campaignId?: string): Promise<UpwardCampaign[]> {
    const rows = await campaignsEnrolling(this.ds, orgId, campaignId);
    return rows
      .filter((r) => r.org_id !== orgId)
      .map((r) => ({
        campaignId: r.id,
        title: r.title,
        status: r.status,
        orgId: r.org_id,
        orgName: this.orgs.tree.nameOf(r.org_id),
        phase: r.phase,
        overdue: r.overdue === true,
        nextDueAt: r.next_due_at?.toISOString() ?? null,
        subCampaignId: r.sub_campaign_id,
      }));
  }

  /** One campaign above, as the organisation works on it (404 when it does not take part). */
  async upward(campaignId: string, orgId: string): Promise<UpwardView> {
    const { row, state } = await this.part(campaignId, orgId);
    const [entry] = await this.enrolling(orgId, campaignId);
    const d = row.definition;
    return {
      campaign: {
        ...entry,
        milestones: d.milestones,
        reports: d.reports ?? [],
        criteria: (d.criteria ?? []).filter((c) => appliesToUnit(c, state.unit)),
        dayLength: d.dayLength ?? null,
      },
      unit: unitDetail(state),
    };
  }

  /** Sends the organisation's registration up. */
  async register(
    campaignId: string,
    orgId: string,
    body: { commitments: string; initiatives: Initiative[]; attachments?: Attachment[] },
    a: Acting,
  ): Promise<UnitDetail> {
    await this.part(campaignId, orgId);
    const arg = { ...body, actor: a.actor, receivedAt: a.receivedAt };
    return unitDetail(await this.commands.unitCommand(campaignId, orgId, 'SubmitRegistration', arg, a.updateId));
  }

  /**
   * Launches the organisation's sub-campaign for its own units from the plan above: 201 when new, 200 when this
   * exact one already ran, 409 when it already runs another for this campaign.
   */
  async launchSub(
    campaignId: string,
    orgId: string,
    body: LaunchSubCampaignDto,
    actor: string,
  ): Promise<{ created: boolean; campaign: CampaignSummary }> {
    const { row, state } = await this.part(campaignId, orgId);
    if (TERMINAL_PHASES.includes(state.phase)) throw refusal('closed', unitClosedMessage(state.phase));
    const [existing] = await subCampaignsOf(this.ds, campaignId, orgId);
    if (existing && existing.id !== body.code)
      throw refusal('already-enrolled', `${this.orgs.tree.nameOf(orgId)} đã triển khai đợt thi đua này: "${existing.id}"`);
    const org = this.orgs.tree.get(orgId);
    const settings = org?.settings ?? {};
    const request: SubCampaignRequest = {
      code: body.code,
      ...(body.title ? { title: body.title } : {}),
      issuer: body.issuer ?? settings.issuer ?? org?.name ?? orgId,
      coordinator: body.coordinator ?? settings.coordinator ?? `Bộ phận thi đua – khen thưởng, ${org?.name ?? orgId}`,
      units: [],
      lead: body.lead ?? 'P5D',
      ...(body.criteria ? { criteria: body.criteria } : {}),
      ...(body.chase ? { chase: body.chase } : {}),
      ...(body.milestones ? { milestones: body.milestones } : {}),
    };
    // A lead longer than a year is no plan (and would walk the calendar for nothing).
    if (durationMs(request.lead) > MAX_LEAD_MS)
      throw new InvalidInputException([
        { field: 'lead', rule: 'max', message: 'lead: hạn của đơn vị trực thuộc sớm hơn tối đa một năm (P365D)' },
      ]);
    const calendar = await this.calendar.calendar();
    const def = subCampaignDefinition(
      row.definition,
      state.unit,
      request,
      leadCounting(row.definition, calendar),
      new Date().toISOString(),
    );
    // The units are named by id: the launch resolves them from the organisation's directory, as any launch does.
    return this.commands.launch({ ...def, units: body.units }, orgId, actor, { subCampaign: true });
  }

  /** The report the organisation's units' reports add up to, for `task` of the campaign above. */
  async consolidation(campaignId: string, orgId: string, task: string): Promise<Consolidation> {
    await this.part(campaignId, orgId);
    const [sub] = await subCampaignsOf(this.ds, campaignId, orgId);
    if (!sub) throw notFound(`${this.orgs.tree.nameOf(orgId)} chưa triển khai đợt thi đua này đến các đơn vị trực thuộc`);
    return this.consolidationOf(sub.id, task as TaskKind);
  }

  /**
   * Sends the organisation's report up: the values given, or those its units' reports add up to; with a
   * sub-campaign, what they were computed from and which the organisation changed is recorded with it.
   */
  async reportUp(
    campaignId: string,
    orgId: string,
    body: Omit<ReportUpDto, 'attachments'> & { attachments?: Attachment[] },
    a: Acting,
  ): Promise<UnitDetail> {
    await this.part(campaignId, orgId);
    const task = body.task as TaskKind;
    const [sub] = await subCampaignsOf(this.ds, campaignId, orgId);
    let values = body.values;
    let consolidated: ConsolidationRecord | undefined;
    if (sub) ({ values, consolidated } = consolidatedReport(await this.consolidationOf(sub.id, task), body.values));
    const stage = task === 'final-report' ? 'final' : task === 'interim-report' ? 'interim' : 'round';
    const arg = {
      stage,
      ...(stage === 'round' ? { round: task.slice('round:'.length) } : {}),
      summary: body.summary,
      ...(values ? { values } : {}),
      ...(consolidated ? { consolidated } : {}),
      attachments: body.attachments,
      actor: a.actor,
      receivedAt: a.receivedAt,
    } as const;
    return unitDetail(await this.commands.unitCommand(campaignId, orgId, 'SubmitReport', arg, a.updateId));
  }

  /** Sub-campaign `subId`'s consolidation for `task` (400 naming a task the campaign above does not have). */
  private async consolidationOf(subId: string, task: TaskKind): Promise<Consolidation> {
    try {
      return await readConsolidation(this.ds, subId, task);
    } catch (err) {
      if (err instanceof CascadeLookupError)
        throw new ApiException(400, err.message, [{ field: 'task', rule: 'task', message: err.message }]);
      throw err;
    }
  }

  /** The campaign rolled up over its units and their sub-campaigns. */
  async rollup(campaignId: string): Promise<RollupView> {
    return readRollup(this.ds, await this.reads.row(campaignId));
  }

  /** The campaign above and the organisation's projected part in it, or 404. */
  async part(campaignId: string, orgId: string): Promise<{ row: CampaignRow; state: UnitState }> {
    const { member, value } = await projectedUnit(this.ds, campaignId, orgId, 'state');
    if (!member || !value) throw notFound(`${this.orgs.tree.nameOf(orgId)} không tham gia đợt thi đua "${campaignId}"`);
    return { row: await this.reads.row(campaignId), state: value };
  }
}

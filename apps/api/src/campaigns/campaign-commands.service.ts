/**
 * Write side of campaigns: the launch; a caller's command to a unit decided here and stored in the log, then
 * adopted by the unit's workflow; every change to a campaign as a Temporal update to its workflow. Either way
 * the caller learns at once whether it was accepted, and 2xx means it is stored.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { CampaignConflictError, CampaignLauncher, clusterLaunch, storeUnitCommand, type StoredUnitCommand } from '@thidua/campaigns';
import { callerCommand } from '@thidua/domain';
import {
  addUnit,
  cancelCampaign,
  campaignWorkflowId,
  CLOSED_CAMPAIGN_STATUSES,
  campaignClosedMessage,
  InvalidCampaignDefinitionError,
  UNIT_CLOSED_MESSAGE,
  unitClosedMessage,
  parseDefinition,
  isIsoInstant,
  moveMilestones,
  remindNow,
  TERMINAL_PHASES,
  unitEventsStored,
  unitView,
  unitWorkflowId,
  type UnitCommandArgs,
  type UnitCommandType,
  type UnitEvent,
  type UnitState,
  type CampaignStatus,
  type CampaignDefinition,
  type CampaignProgress,
  type Milestones,
  type ReportRound,
  type UnitView,
  type CampaignSummary,
  type ClusterRecord,
  type Criterion,
} from '@thidua/contracts';
import { ApiException, refusal } from '../common/http-errors';
import { InvalidInputException, problemsFromMessages } from '../common/validation';
import { UnitsDirectoryService } from '../directory/units.service';
import { CalendarService } from '../calendar/calendar.service';
import { shiftDeadlines, shiftsDeadlines, withCutoffs } from '@thidua/calendar';
import { CampaignReadsService } from './campaign-reads.service';
import { executeUpdate, refusalOf, toHttpError } from './temporal-errors';
import { announcementsDelivered, findClusters, isEnrolled, unitStatusPage } from '@thidua/persistence';

/** True when every milestone given is an instant (only then can deadlines be moved; the workflow refuses the rest, naming them). */
function isMilestones(m: Milestones): boolean {
  return typeof m === 'object' && m !== null && Object.values(m).every((v) => v === undefined || isIsoInstant(v));
}

/** How long delivered announcements wait to be settled together. */
const SETTLE_MS = 100;

@Injectable()
export class CampaignCommandsService implements OnApplicationShutdown {
  private readonly logger = new Logger(CampaignCommandsService.name);
  private readonly launcher: CampaignLauncher;

  constructor(
    private readonly client: Client,
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    private readonly reads: CampaignReadsService,
    private readonly directory: UnitsDirectoryService,
    private readonly calendar: CalendarService,
  ) {
    this.launcher = new CampaignLauncher(ds, client, config.taskQueue);
  }

  /** Launches a campaign whose units come from the directory; `created` false when it already ran. */
  async launch(
    input: Record<string, unknown>,
    orgId: string,
    actor: string,
    options: { subCampaign?: boolean } = {},
  ): Promise<{ created: boolean; campaign: CampaignSummary }> {
    // A sub-campaign is launched from the campaign above (its link is the organisation's part there, checked
    // there); clusters are named by the ids of the organisation's own.
    const refused = [
      ...(input.parent !== undefined && !options.subCampaign
        ? [
            {
              field: 'definition.parent',
              rule: 'parent',
              message: 'definition.parent: đợt triển khai được phát động từ đợt thi đua cấp trên (POST /api/upward/:id/sub-campaign)',
            },
          ]
        : []),
      ...(input.clusters !== undefined && (!Array.isArray(input.clusters) || !input.clusters.every((c) => typeof c === 'string'))
        ? [{ field: 'definition.clusters', rule: 'clusters', message: 'definition.clusters: danh sách mã cụm, khối thi đua của tổ chức' }]
        : []),
    ];
    if (refused.length) throw new InvalidInputException(refused);
    // Launched to emulation clusters (their ids): their members take part unless the units are listed.
    const clusters = await this.clustersOf(input.clusters, orgId);
    const launch = clusters && clusterLaunch(clusters, input.criteria as Criterion[] | undefined);
    const raw: Record<string, unknown> = launch
      ? {
          ...input,
          clusters: launch.clusters,
          ...(launch.criteria ? { criteria: launch.criteria } : {}),
          units: Array.isArray(input.units) && input.units.length ? input.units : launch.members,
        }
      : input;
    const rawUnits = raw.units;
    if (!Array.isArray(rawUnits) || rawUnits.length === 0) {
      throw new InvalidInputException([
        { field: 'definition.units', rule: 'arrayMinSize', message: 'definition.units: cần ít nhất một đơn vị (mã đơn vị hoặc {id})' },
      ]);
    }
    const ids = rawUnits.map((u: unknown) => (typeof u === 'string' ? u : (u as { id?: unknown })?.id));
    const bad = ids.map((id, i) => (typeof id === 'string' ? undefined : i)).filter((i) => i !== undefined);
    if (bad.length) {
      throw new InvalidInputException(
        bad.map((i) => ({ field: `definition.units.${i}`, rule: 'unitId', message: `definition.units.${i}: phải là mã đơn vị hoặc {id}` })),
      );
    }
    if (new Set(ids).size !== ids.length) {
      throw new InvalidInputException([
        { field: 'definition.units', rule: 'unique', message: 'definition.units: một đơn vị được liệt kê hai lần' },
      ]);
    }
    const units = (await this.directory.resolve(ids as string[], orgId)).map((u) => launch?.mark(u) ?? u);
    let def: CampaignDefinition;
    try {
      def = parseDefinition({ ...raw, units });
      // Deadlines on days not worked move to the end of the next working day when the plan asks for it (checked again after).
      if (shiftsDeadlines(def)) def = parseDefinition({ ...def, ...shiftDeadlines(def, await this.calendar.calendar()) });
      // "Accepted late up to N (working) days after the deadline": the cut-offs the plan does not state.
      const after = def.dayLength === undefined ? def.calendar?.cutoffAfter : undefined;
      if (after)
        def = parseDefinition({ ...def, ...withCutoffs(def, after, def.calendar?.workingDays === true, await this.calendar.calendar()) });
    } catch (err) {
      if (!(err instanceof InvalidCampaignDefinitionError)) throw err;
      throw new ApiException(400, err.message, problemsFromMessages(err.problems, 'definition', 'definition.'));
    }
    try {
      const result = await this.launcher.launch(def, actor, orgId);
      return { created: result.created, campaign: await this.reads.get(result.campaignId) };
    } catch (err) {
      if (err instanceof CampaignConflictError) throw refusal('code-taken', err.message);
      throw toHttpError(err, UNIT_CLOSED_MESSAGE);
    }
  }

  /** The clusters named by id in a definition, from the organisation's own (400 naming an unknown one); undefined when none are named. */
  private async clustersOf(value: unknown, orgId: string): Promise<ClusterRecord[] | undefined> {
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) return undefined;
    const rows = await findClusters(this.ds, value);
    const problems = value.flatMap((id, i) => {
      const row = rows.find((r) => r.id === id);
      return row && row.org_id === orgId
        ? []
        : [
            {
              field: `definition.clusters.${i}`,
              rule: 'cluster',
              message: `definition.clusters.${i}: không có cụm, khối thi đua "${id}" của tổ chức`,
            },
          ];
    });
    if (problems.length) throw new InvalidInputException(problems);
    return value.map((id) => rows.find((r) => r.id === id)!.cluster);
  }

  /**
   * Decides a caller's command to a unit and stores it (events, read model, notifications in one transaction,
   * see {@link storeUnitCommand}), then tells the unit's workflow to adopt the events. 2xx means stored: the log is
   * the truth, and a workflow not told at once (Temporal away, the API gone) is told by the worker from the
   * announcement the transaction owed. The answer is the unit after the command.
   */
  async unitCommand<K extends UnitCommandType>(
    campaignId: string,
    unitId: string,
    type: K,
    arg: UnitCommandArgs<K>,
    commandId?: string,
  ): Promise<UnitView> {
    // The unit's own words for a closed unit; a cancellation is carried to units in the background, and the
    // campaign row already says so.
    const admit = (state: UnitState, campaignStatus: CampaignStatus): void => {
      if (TERMINAL_PHASES.includes(state.phase)) throw refusal('closed', unitClosedMessage(state.phase));
      if (campaignStatus === 'cancelled') throw refusal('campaign-closed', campaignClosedMessage('cancelled'));
    };
    let result: StoredUnitCommand | undefined;
    try {
      const cmd = callerCommand(type, arg, new Date().toISOString());
      result = await storeUnitCommand(this.ds, campaignId, unitId, cmd, commandId, admit);
    } catch (err) {
      throw refusalOf(err);
    }
    if (!result) {
      await this.reads.unitPhase(campaignId, unitId); // 404 naming the unknown campaign or unit
      throw refusal('closed', UNIT_CLOSED_MESSAGE);
    }
    if (result.stored.length > 0) void this.announce(campaignId, unitId, result.stored, arg.actor);
    return unitView(result.state);
  }

  /**
   * Tells the unit's workflow to adopt the events just stored, within the update deadline; the announcement owed in
   * the same transaction is then settled. When the signal fails, the row stays and the worker delivers it.
   */
  private async announce(campaignId: string, unitId: string, stored: readonly UnitEvent[], actor: string | undefined): Promise<void> {
    const handle = this.client.workflow.getHandle(unitWorkflowId(campaignId, unitId));
    try {
      await this.client.withDeadline(Date.now() + this.config.updateTimeoutMs, () =>
        handle.signal(unitEventsStored, { stored, ...(actor ? { actor } : {}) }),
      );
    } catch (err) {
      this.logger.warn(`Unit ${campaignId}/${unitId} not told of seq ${stored.at(-1)!.seq} (the worker will tell it): ${String(err)}`);
      return;
    }
    this.settle({ campaignId, unitId, seq: stored.at(-1)!.seq });
  }

  /** Delivered announcements settled together, one statement every {@link SETTLE_MS} (a busy API sends dozens a second). */
  private settling: Array<{ campaignId: string; unitId: string; seq: number }> = [];
  private settleTimer: NodeJS.Timeout | undefined;

  private settle(delivered: { campaignId: string; unitId: string; seq: number }): void {
    this.settling.push(delivered);
    this.settleTimer ??= setTimeout(() => void this.settleNow(), SETTLE_MS);
  }

  /** Removes the rows of the announcements delivered; one not removed is delivered again by the worker, harmlessly. */
  private async settleNow(): Promise<void> {
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    const batch = this.settling.splice(0);
    await announcementsDelivered(this.ds, batch).catch((err: unknown) =>
      this.logger.warn(`${batch.length} announcements not settled (the worker will repeat them): ${String(err)}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settleNow();
  }

  /** Runs a campaign update (move milestones, add a unit, cancel). */
  async campaignUpdate<A>(
    campaignId: string,
    update: UpdateDefinition<CampaignProgress, [A]>,
    arg: A,
    updateId?: string,
  ): Promise<CampaignSummary> {
    const summary = await this.reads.get(campaignId);
    if (CLOSED_CAMPAIGN_STATUSES.includes(summary.status)) {
      throw refusal('campaign-closed', campaignClosedMessage(summary.status));
    }
    await this.execute(
      this.client.workflow.getHandle(campaignWorkflowId(campaignId)),
      update,
      arg,
      updateId,
      campaignClosedMessage(undefined),
    );
    return this.reads.get(campaignId);
  }

  /** Moves the milestones and, when given, the report rounds' dates (the same rounds; 400 naming each problem). */
  async moveMilestones(
    campaignId: string,
    milestones: Milestones,
    reports: ReportRound[] | undefined,
    actor: string,
    updateId?: string,
  ): Promise<CampaignSummary> {
    const def = (await this.reads.row(campaignId)).definition;
    // A plan that moves deadlines off days not worked does so on every re-plan too (malformed dates are the workflow's to refuse).
    const moved =
      shiftsDeadlines(def) && isMilestones(milestones)
        ? shiftDeadlines({ milestones, ...(reports ? { reports } : {}) }, await this.calendar.calendar())
        : { milestones, reports };
    return this.campaignUpdate(
      campaignId,
      moveMilestones,
      { milestones: moved.milestones, ...(moved.reports === undefined ? {} : { reports: moved.reports }), actor },
      updateId,
    );
  }

  /** Adds a unit of the directory of the organisation that runs the campaign. */
  async addUnit(campaignId: string, unitId: string, orgId: string, actor: string, updateId?: string): Promise<CampaignSummary> {
    const [unit] = await this.directory.resolve([unitId], orgId);
    if (await isEnrolled(this.ds, campaignId, unitId)) throw refusal('already-enrolled', `Đơn vị "${unitId}" đã tham gia đợt thi đua này`);
    return this.campaignUpdate(campaignId, addUnit, { unit, actor }, updateId);
  }

  /**
   * Reminds every unit late with its work now (a signal each; the unit records one reminder per late task and
   * its inbox and e-mail get it). Answers how many units were told.
   */
  async remindOverdue(campaignId: string, actor: string): Promise<{ reminded: number }> {
    const row = await this.reads.row(campaignId);
    if (CLOSED_CAMPAIGN_STATUSES.includes(row.status)) throw refusal('campaign-closed', campaignClosedMessage(row.status));
    let reminded = 0;
    for (let page = 1; ; page++) {
      const { rows, total } = await unitStatusPage(this.ds, campaignId, { overdue: true, page, pageSize: 200, sort: 'name' });
      // Twenty signals at a time: a large campaign is told in seconds without flooding the server.
      for (let i = 0; i < rows.length; i += 20) {
        await Promise.all(
          rows.slice(i, i + 20).map((r) =>
            this.client.workflow
              .getHandle(unitWorkflowId(campaignId, r.state.unit.id))
              .signal(remindNow, { actor })
              .then(
                () => reminded++,
                () => undefined,
              ),
          ),
        );
      }
      if (rows.length === 0 || page * 200 >= total) break;
    }
    return { reminded };
  }

  cancel(campaignId: string, reason: string | undefined, actor: string, updateId?: string): Promise<CampaignSummary> {
    return this.campaignUpdate(campaignId, cancelCampaign, { reason, actor }, updateId);
  }

  private execute<R, A>(
    handle: WorkflowHandle,
    update: UpdateDefinition<R, [A]>,
    arg: A,
    updateId: string | undefined,
    closedMessage: string,
  ): Promise<R> {
    return executeUpdate(this.client, this.config.updateTimeoutMs, handle, update, arg, updateId, closedMessage);
  }
}

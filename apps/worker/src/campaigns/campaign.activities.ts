import { Inject, Injectable, Optional } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { calendarFor, earlierPlan } from '@thidua/calendar';
import { leadCounting, mapPool } from '@thidua/campaigns';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import {
  calendarChanged,
  campaignCancelled,
  campaignHeader,
  milestonesMoved,
  type CampaignAppendResult,
  type CampaignEvent,
  type FanOutJob,
  UNIT_WORKFLOW,
  UNIT_SHELL_VERSION,
  unitWorkflowId,
  planOfDefinition,
  type CampaignActivities,
  type CampaignDefinition,
  type Milestones,
  type ReportRound,
  STORE_REFUSED,
  type UnitRef,
  type UnitWorkflowInput,
  CAMPAIGN_ID,
  UNIT_ID,
} from '@thidua/contracts';
import { nextAlarm, type UnitCommand } from '@thidua/domain';
import { type FanOutPage, storeFanOutPage } from './fan-out';
import { storeEnrolments } from './bulk-enrol';
import { firstTaskDelay, MAX_FIRST_TASK_DELAY_MS } from './first-task-delay';
import { projectCampaign } from './campaign-projection';
import {
  addCampaignUnit,
  type CampaignRow,
  campaignUnitsAfter,
  countCampaignUnitsThrough,
  countOpenUnits,
  findCampaign,
  listOverrides,
  saveFanOut,
  streams,
  toCampaignEvent,
} from '@thidua/persistence';
import type { WorkerCounters } from '@thidua/observability';
import { appendAndProject } from '../store-append';
import { WORKER_COUNTERS } from '../operations/worker-metrics';
import { crashAfterCommitIfInjected } from '../fault-injection';

const START_CONCURRENCY = 48;

/**
 * Where a sub-campaign's launch stands in its cascade: the units of the sub-campaigns of the same parent launched
 * shortly before it (within the longest first-task delay), whose first tasks go before its own, and the number
 * of units above that may each run one.
 */
async function cascadeSlot(db: DataSource, campaignId: string, parentId: string): Promise<{ offset: number; parentUnits: number }> {
  const rows: Array<{ n: string | null; parent_units: number | null }> = await db.query(
    `SELECT (SELECT sum(s.units_total) FROM campaigns s
              WHERE s.parent_campaign_id = $2 AND s.id <> c.id AND (s.created_at, s.id) < (c.created_at, c.id)
                AND s.created_at > c.created_at - make_interval(secs => $3)) AS n,
            (SELECT p.units_total FROM campaigns p WHERE p.id = $2) AS parent_units
     FROM campaigns c WHERE c.id = $1`,
    [campaignId, parentId, MAX_FIRST_TASK_DELAY_MS / 1000],
  );
  return { offset: Number(rows[0]?.n ?? 0), parentUnits: rows[0]?.parent_units ?? 0 };
}

/** Fan-out activities of the campaign workflow: each is idempotent (deterministic ids, skip what exists). */
@Injectable()
export class CampaignActivitiesService implements CampaignActivities {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Optional() @Inject(WORKER_COUNTERS) private readonly counters?: WorkerCounters,
  ) {}

  async enrolUnits(input: {
    campaignId: string;
    afterPosition: number;
    limit: number;
    searchAttributes: boolean;
  }): Promise<{ started: number; lastPosition: number; done: boolean }> {
    const campaign = await this.campaign(input.campaignId);
    const def = campaign.definition;
    // A unit added to a running campaign is not part of a launch: its first task runs at once.
    const launching = campaign.status === 'launching';
    const rows = await campaignUnitsAfter(this.dataSource, input.campaignId, input.afterPosition, input.limit);
    const header = campaignHeader({ ...def, code: input.campaignId });
    // A campaign counting in working days carries the calendar's announced changes as of its units' enrolment.
    const plan = planOfDefinition(def, def.calendar ? await listOverrides(this.dataSource) : []);
    const states = await storeEnrolments(
      this.dataSource,
      header,
      rows.map((r) => r.unit),
      plan,
    );
    crashAfterCommitIfInjected(this.config, ['UnitEnrolled']); // tests: enrolments stored, no unit workflow started yet
    const now = Date.now();
    // A sub-campaign launched in a cascade (168 wards launching the city's plan the same morning) trickles its
    // first tasks after those of the sub-campaigns launched just before it, as one launch of them all would.
    const cascade = launching && def.parent ? await cascadeSlot(this.dataSource, input.campaignId, def.parent.campaignId) : undefined;
    const offset = cascade?.offset ?? 0;
    // The whole cascade expected: every unit above running a sub-campaign of this size (its first tasks go after it).
    const total = Math.max(offset + campaign.units_total, (cascade?.parentUnits ?? 0) * campaign.units_total);
    const results = await mapPool(
      rows,
      START_CONCURRENCY,
      async ({ unit, position }) => {
        const snapshot = states.get(unit.id);
        const alarm = snapshot && nextAlarm(snapshot, new Date(now).toISOString());
        const delay = launching
          ? firstTaskDelay(
              {
                position: offset + position,
                total,
                alarmAt: alarm === undefined ? undefined : Date.parse(alarm),
                now,
              },
              this.config.launchFirstTasksPerSecond,
            )
          : undefined;
        const args: [UnitWorkflowInput] = [
          { campaign: header, unit, ...plan, searchAttributes: input.searchAttributes, snapshot, shellVersion: UNIT_SHELL_VERSION },
        ];
        try {
          await this.client.workflow.start(UNIT_WORKFLOW, {
            workflowId: unitWorkflowId(input.campaignId, unit.id),
            taskQueue: this.config.taskQueue,
            args,
            ...(delay === undefined ? {} : { startDelay: delay }),
            typedSearchAttributes: input.searchAttributes
              ? [
                  // Static, to find a unit's workflow in Temporal's UI: its phase and deadlines are the projection's.
                  { key: CAMPAIGN_ID, value: input.campaignId },
                  { key: UNIT_ID, value: unit.id },
                ]
              : undefined,
          });
          return 1;
        } catch (err) {
          if (err instanceof WorkflowExecutionAlreadyStartedError) return 0; // a retried batch: started before
          throw err;
        }
      },
      (done) => {
        // A one-page launch runs as a local activity, which has no heartbeat.
        if (done % 50 === 0 && !Context.current().info.isLocal) Context.current().heartbeat(done);
      },
    );
    const last = rows.at(-1)?.position ?? input.afterPosition;
    return { started: results.reduce<number>((a, b) => a + b, 0), lastPosition: last, done: rows.length < input.limit };
  }

  async appendCampaignEvents(input: {
    campaignId: string;
    expectedVersion: number;
    events: CampaignEvent[];
  }): Promise<CampaignAppendResult> {
    const ref = streams.campaign(input.campaignId);
    const outcome = await appendAndProject(this.dataSource, this.config, ref, input.expectedVersion, input.events, (m) =>
      projectCampaign(m, input.campaignId, input.events),
    );
    return outcome.status === 'conflict' ? { status: 'conflict', stored: outcome.stored.map(toCampaignEvent) } : outcome;
  }

  async signalUnits(input: {
    campaignId: string;
    job: FanOutJob & { readonly through: number };
    limit: number;
  }): Promise<{ lastPosition: number; signalled: number; done: boolean }> {
    const { job } = input;
    const rows = (await campaignUnitsAfter(this.dataSource, input.campaignId, job.after, input.limit)).filter(
      (r) => r.position <= job.through,
    );
    // The campaign's current milestones, not those of the move that queued the job: a later move supersedes it.
    const { milestones, reports } = await this.definition(input.campaignId);
    // The current calendar, not the one of the change that queued the job: a later change supersedes it.
    const overrides = job.signal === 'calendarChanged' ? await listOverrides(this.dataSource) : [];
    const at = new Date().toISOString();
    const actor = job.actor === undefined ? {} : { actor: job.actor };
    const { name, arg, command } =
      job.signal === 'milestonesMoved'
        ? {
            name: milestonesMoved.name,
            arg: { milestones, ...(reports ? { reports } : {}), ...actor },
            command: { type: 'MoveMilestones', at, ...actor, data: { milestones, ...(reports ? { reports } : {}) } } satisfies UnitCommand,
          }
        : job.signal === 'calendarChanged'
          ? {
              name: calendarChanged.name,
              arg: { overrides, ...actor },
              command: { type: 'ChangeCalendar', at, ...actor, data: { overrides } } satisfies UnitCommand,
            }
          : {
              name: campaignCancelled.name,
              arg: { reason: job.reason, ...actor },
              command: { type: 'Cancel', at, ...actor, data: { reason: job.reason } } satisfies UnitCommand,
            };
    // The page's events stored by the campaign in one transaction; a job queued before this (no key): every unit decides.
    const page: FanOutPage = job.key
      ? await storeFanOutPage(this.dataSource, { campaignId: input.campaignId, unitIds: rows.map((r) => r.unit.id), key: job.key, command })
      : new Map(rows.map((r) => [r.unit.id, undefined]));
    const storedTypes = [...page.values()].flatMap((events) => events?.map((e) => e.type) ?? []);
    if (storedTypes.length) crashAfterCommitIfInjected(this.config, ['FanOutPage', ...storedTypes]); // tests: a page stored, its units not told yet
    await mapPool(
      [...page],
      START_CONCURRENCY,
      async ([unitId, stored]) => {
        try {
          await this.client.workflow
            .getHandle(unitWorkflowId(input.campaignId, unitId))
            .signal(name, { ...arg, ...(stored ? { stored } : {}) });
        } catch (err) {
          // A unit that already finished (or was never started) has nothing to re-plan.
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
      },
      (done) => {
        if (done % 50 === 0) Context.current().heartbeat(done);
      },
    );
    this.counters?.fanOutUnits.inc({ signal: job.signal }, page.size);
    const lastPosition = rows.at(-1)?.position ?? job.through;
    const done = rows.length === 0 || lastPosition >= job.through;
    const total = await countCampaignUnitsThrough(this.dataSource, input.campaignId, job.through);
    await saveFanOut(this.dataSource, input.campaignId, {
      signal: job.signal,
      done: job.done + rows.length,
      total,
      finished: done,
      at: new Date().toISOString(),
    });
    return { lastPosition, signalled: rows.length, done };
  }

  async deriveFromParent(input: {
    campaignId: string;
    milestones: Milestones;
    reports?: readonly ReportRound[];
  }): Promise<{ milestones: Milestones; reports?: ReportRound[] }> {
    const def = await this.definition(input.campaignId);
    if (!def.parent) throw ApplicationFailure.nonRetryable(`Campaign ${input.campaignId} is not a sub-campaign`, STORE_REFUSED);
    const calendar = calendarFor(def.calendar?.workingDays ? await listOverrides(this.dataSource) : []);
    // The sub-campaign's own launch stands; every later date follows the parent's, its lead earlier.
    const { milestones, reports } = earlierPlan(input, def.parent.lead, leadCounting(def, calendar), def.milestones.launchAt);
    return { milestones, ...(reports ? { reports } : {}) };
  }

  async countOpenUnits(input: { campaignId: string }): Promise<{ open: number; total: number; lastPosition: number }> {
    return countOpenUnits(this.dataSource, input.campaignId);
  }

  async addCampaignUnit(input: { campaignId: string; unit: UnitRef }): Promise<{ position: number }> {
    return { position: await addCampaignUnit(this.dataSource, input.campaignId, input.unit) };
  }

  /** The campaign's current definition (its milestones as last moved). */
  private async definition(campaignId: string): Promise<CampaignDefinition> {
    return (await this.campaign(campaignId)).definition;
  }

  private async campaign(campaignId: string): Promise<CampaignRow> {
    const campaign = await findCampaign(this.dataSource, campaignId);
    if (!campaign) throw new Error(`Unknown campaign ${campaignId}`);
    return campaign;
  }
}

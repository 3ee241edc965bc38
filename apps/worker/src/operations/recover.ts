/**
 * Recovery from the log: Temporal's store lost or restored from an older backup leaves campaigns and units
 * whose log says they are running with no workflow, a closed one, or one behind the log. Each is started again
 * from the state folded from its stream (the snapshot start a launch uses), so its timers are re-armed for what
 * is still ahead, nothing the log holds is done again (a reminder's key, a missed deadline, a notification), and
 * what fell due while Temporal was away is handled as a late wake. A campaign's fan-out that was under way is
 * queued again (units already told change nothing). Running it again finds nothing to do.
 */
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  CAMPAIGN_ID,
  CAMPAIGN_WORKFLOW,
  campaignTaskQueue,
  campaignWorkflowId,
  COMMENDATION_WORKFLOW,
  commendationWorkflowId,
  getUnitState,
  sameMilestones,
  sameReports,
  TERMINAL_PHASES,
  UNIT_ID,
  UNIT_SHELL_VERSION,
  UNIT_WORKFLOW,
  unitPlan,
  unitWorkflowId,
  type CampaignState,
  type CampaignWorkflowInput,
  type CommendationState,
  type CommendationWorkflowInput,
  type FanOutJob,
  type UnitState,
  type UnitWorkflowInput,
} from '@thidua/contracts';
import { evolveCampaign, evolveCommendation, REMEMBERED_COMMANDS } from '@thidua/domain';
import { readStream, streams, toCampaignEvent, toCommendationEvent, toUnitEvent, type StoredEvent } from '@thidua/persistence';
import { foldUnitEvents, mapPool } from '@thidua/campaigns';

/** Command ids of a stream's latest stored events, as a run hands them to the next (an update sent again is known as done). */
const recentCommands = (stream: readonly StoredEvent[]): string[] =>
  stream.flatMap((e) => (e.commandId ? [e.commandId] : [])).slice(-REMEMBERED_COMMANDS);

/** Why a workflow is started again: none in Temporal, closed while the log is open, or behind the log. */
export type RecoveryReason = 'missing' | 'closed' | 'behind';

/** One workflow started again from the log (or that would be, in a dry run). */
export interface Recovery {
  readonly workflowId: string;
  readonly campaignId: string;
  /** Undefined for the campaign's own workflow and its commendation stage. */
  readonly unitId: string | undefined;
  /** What runs again: a unit, the campaign, or its commendation stage (bình xét, khen thưởng). */
  readonly kind: 'unit' | 'campaign' | 'commendation';
  readonly reason: RecoveryReason;
  /** The log's version the new run starts from. */
  readonly seq: number;
  /** For a campaign: the fan-outs queued again. */
  readonly jobs?: ReadonlyArray<FanOutJob['signal']>;
}

export interface RecoverOptions {
  /** Only list what would be done. */
  readonly dryRun?: boolean;
  readonly campaignId?: string;
  /** How long a running workflow may take to answer its state (it needs a worker); past it, it is left alone. */
  readonly queryTimeoutMs?: number;
  /** Workflows examined at once. */
  readonly concurrency?: number;
}

/** Campaign statuses whose workflow should be running (a cancelled one while its units are still being told). */
const LIVE_CAMPAIGNS = ['launching', 'running', 'cancelled'];

/** Finds every campaign and unit whose workflow is not in line with the log and (unless a dry run) starts it again. */
export async function recoverFromLog(ds: DataSource, client: Client, taskQueue: string, options: RecoverOptions = {}): Promise<Recovery[]> {
  const concurrency = options.concurrency ?? 16;
  const campaigns: Array<{ id: string; status: string }> = await ds.query(
    `SELECT id, status FROM campaigns WHERE status = ANY($1) ${options.campaignId ? 'AND id = $2' : ''} ORDER BY id`,
    options.campaignId ? [LIVE_CAMPAIGNS, options.campaignId] : [LIVE_CAMPAIGNS],
  );
  const done: Recovery[] = [];
  for (const campaign of campaigns) {
    // Units first: a campaign started again may tell them of a change, which a missing unit would not hear.
    const units: Array<{ unit_id: string; last_seq: number }> = await ds.query(
      `SELECT unit_id, last_seq FROM unit_status WHERE campaign_id = $1 AND NOT (phase = ANY($2)) ORDER BY unit_id`,
      [campaign.id, TERMINAL_PHASES],
    );
    const unitRecoveries = await mapPool(units, concurrency, (u) =>
      recoverUnit(ds, client, taskQueue, campaign.id, u.unit_id, u.last_seq, options),
    );
    done.push(...unitRecoveries.filter((r): r is Recovery => r !== undefined));
    const own = await recoverCampaign(ds, client, taskQueue, campaign.id, campaign.status, units.length, options);
    if (own) done.push(own);
  }
  // Commendation stages not yet decided (their campaign has usually finished).
  const stages: Array<{ campaign_id: string }> = await ds.query(
    `SELECT campaign_id FROM commendations WHERE stage <> 'decided' ${options.campaignId ? 'AND campaign_id = $1' : ''} ORDER BY campaign_id`,
    options.campaignId ? [options.campaignId] : [],
  );
  for (const { campaign_id: campaignId } of stages) {
    const stage = await recoverCommendation(ds, client, taskQueue, campaignId, options);
    if (stage) done.push(stage);
  }
  return done;
}

/** The latest run of a workflow, or undefined when Temporal has none. */
export async function latestRun(client: Client, workflowId: string): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await client.workflow.getHandle(workflowId).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** Missing or closed (a later run continuing it as new counts as running: describe() answers the latest run). */
function absence(run: WorkflowExecutionDescription | undefined): RecoveryReason | undefined {
  if (!run) return 'missing';
  return run.status.name === 'RUNNING' ? undefined : 'closed';
}

async function recoverUnit(
  ds: DataSource,
  client: Client,
  taskQueue: string,
  campaignId: string,
  unitId: string,
  projectedSeq: number,
  options: RecoverOptions,
): Promise<Recovery | undefined> {
  const workflowId = unitWorkflowId(campaignId, unitId);
  const run = await latestRun(client, workflowId);
  let reason = absence(run);
  if (!reason) {
    // Running: in line unless it holds less than the log (Temporal restored from a backup older than the log).
    const seq = await client
      .withDeadline(Date.now() + (options.queryTimeoutMs ?? 10_000), () => client.workflow.getHandle(workflowId).query(getUnitState))
      .then((s) => s.seq)
      .catch(() => undefined); // no worker answered: left alone, as a running workflow catches up on its next append
    if (seq === undefined || seq >= projectedSeq) return undefined;
    reason = 'behind';
  }
  const state = await unitFromLog(ds, campaignId, unitId);
  if (!state || TERMINAL_PHASES.includes(state.phase)) return undefined;
  if (!options.dryRun) await startUnitFromLog(client, taskQueue, state);
  return { workflowId, campaignId, unitId, kind: 'unit', reason, seq: state.seq };
}

/** A unit's state folded from its stream (undefined: no events). */
export async function unitFromLog(ds: DataSource, campaignId: string, unitId: string): Promise<UnitState | undefined> {
  return foldUnitEvents(undefined, (await readStream(ds.manager, streams.unit(campaignId, unitId).stream)).map(toUnitEvent));
}

/**
 * Starts a unit's workflow from the state folded from its log (a run still there, behind the log, is replaced in
 * one step), with its static search attributes, as a launch starts it.
 */
export async function startUnitFromLog(client: Client, taskQueue: string, state: UnitState): Promise<void> {
  const { campaignId } = state.campaign;
  const input: UnitWorkflowInput = {
    campaign: state.campaign,
    unit: state.unit,
    ...unitPlan(state),
    snapshot: state,
    shellVersion: UNIT_SHELL_VERSION,
  };
  await client.workflow.start(UNIT_WORKFLOW, {
    workflowId: unitWorkflowId(campaignId, state.unit.id),
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    typedSearchAttributes: [
      { key: CAMPAIGN_ID, value: campaignId },
      { key: UNIT_ID, value: state.unit.id },
    ],
  });
}

async function recoverCampaign(
  ds: DataSource,
  client: Client,
  taskQueue: string,
  campaignId: string,
  status: string,
  openUnits: number,
  options: RecoverOptions,
): Promise<Recovery | undefined> {
  // A cancelled campaign whose units all heard it has nothing left to do.
  if (status === 'cancelled' && openUnits === 0) return undefined;
  const workflowId = campaignWorkflowId(campaignId);
  const reason = absence(await latestRun(client, workflowId));
  if (!reason) return undefined;
  const stream = await readStream(ds.manager, streams.campaign(campaignId).stream);
  const snapshot = stream.map(toCampaignEvent).reduce<CampaignState | undefined>((s, e) => evolveCampaign(s, e, campaignId), undefined);
  if (!snapshot) return undefined;
  const jobs = await unfinishedFanOuts(ds, campaignId, snapshot);
  // The launch's cursor: the units with a stream of their own were enrolled (pages enrol in position order).
  const [cursor] = await ds.query<Array<{ through: number | null; started: string }>>(
    `SELECT max(cu.position) AS through, count(*) AS started FROM campaign_units cu
      WHERE cu.campaign_id = $1 AND EXISTS (SELECT 1 FROM unit_status us WHERE us.campaign_id = cu.campaign_id AND us.unit_id = cu.unit_id)`,
    [campaignId],
  );
  if (!options.dryRun) {
    const input: CampaignWorkflowInput = {
      campaignId,
      snapshot,
      enrolledThrough: cursor?.through ?? 0,
      unitsStarted: Number(cursor?.started ?? 0),
      jobs,
      // Units that ended while Temporal was away told nobody: count them again.
      checkFinish: true,
      storedCommands: recentCommands(stream),
    };
    await client.workflow.start(CAMPAIGN_WORKFLOW, {
      workflowId,
      taskQueue: campaignTaskQueue(taskQueue),
      args: [input],
      workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    });
  }
  return { workflowId, campaignId, unitId: undefined, kind: 'campaign', reason, seq: snapshot.seq, jobs: jobs.map((j) => j.signal) };
}

/**
 * The changes the campaign stored that some open unit has not (the fan-out that carried them was lost with
 * Temporal's store): queued again, keyed by the campaign's version so a page stored before is found again.
 */
async function unfinishedFanOuts(ds: DataSource, campaignId: string, snapshot: CampaignState): Promise<FanOutJob[]> {
  const key = (signal: FanOutJob['signal']): string => `${signal}@${snapshot.seq}`;
  if (snapshot.status === 'cancelled') return [{ signal: 'campaignCancelled', after: 0, done: 0, key: key('campaignCancelled') }];
  const states: Array<{ state: UnitState }> = await ds.query(
    `SELECT state FROM unit_status WHERE campaign_id = $1 AND NOT (phase = ANY($2))`,
    [campaignId, TERMINAL_PHASES],
  );
  // What the unit's decider would take as a move (the same instants are no move).
  const moved = states.some(
    ({ state }) =>
      !sameMilestones(state.milestones, snapshot.milestones) ||
      (snapshot.reports !== undefined && state.reports !== undefined && !sameReports(state.reports, snapshot.reports)),
  );
  return moved ? [{ signal: 'milestonesMoved', after: 0, done: 0, key: key('milestonesMoved') }] : [];
}

async function recoverCommendation(
  ds: DataSource,
  client: Client,
  taskQueue: string,
  campaignId: string,
  options: RecoverOptions,
): Promise<Recovery | undefined> {
  const workflowId = commendationWorkflowId(campaignId);
  const reason = absence(await latestRun(client, workflowId));
  if (!reason) return undefined;
  const stream = await readStream(ds.manager, streams.commendation(campaignId).stream);
  const snapshot = stream
    .map(toCommendationEvent)
    .reduce<CommendationState | undefined>((s, e) => evolveCommendation(s, e, campaignId), undefined);
  if (!snapshot || snapshot.stage === 'decided') return undefined;
  if (!options.dryRun) {
    const input: CommendationWorkflowInput = { campaignId, snapshot, storedCommands: recentCommands(stream) };
    await client.workflow.start(COMMENDATION_WORKFLOW, {
      workflowId,
      taskQueue: campaignTaskQueue(taskQueue),
      args: [input],
      workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    });
  }
  return { workflowId, campaignId, unitId: undefined, kind: 'commendation', reason, seq: snapshot.seq };
}

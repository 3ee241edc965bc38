/**
 * The operator's view of units (and campaigns) that are not moving: a store append that keeps failing (recorded by the
 * append itself in `stream_failures`), a workflow task that keeps failing or timing out (flagged by the
 * Temporal server in the `TemporalReportedProblems` search attribute), and a unit the log says is open
 * while its workflow is closed (terminated or failed by hand). Each comes with its last error and what
 * to do about it.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { campaignWorkflowId, TERMINAL_PHASES, UNIT_WORKFLOW, unitWorkflowId, type UnitState, CAMPAIGN_ID } from '@thidua/contracts';
import { failingStreams, openPhase } from '@thidua/persistence';
import { mapPool } from '@thidua/campaigns';
import { latestRun, startUnitFromLog, unitFromLog } from './recover';

/** Why a unit is listed. */
export type StuckReason = 'store-append-failing' | 'workflow-task-failing' | 'workflow-closed-unit-open';

/** One unit that needs an operator. */
export interface StuckUnit {
  readonly campaignId: string;
  /** Undefined for the campaign's own workflow. */
  readonly unitId: string | undefined;
  readonly workflowId: string;
  readonly reason: StuckReason;
  readonly attempts: number | undefined;
  readonly since: string | undefined;
  readonly lastError: string;
  readonly repair: string;
}

const REPAIR: Record<StuckReason, string> = {
  'store-append-failing':
    'Sửa nguyên nhân (PostgreSQL, dung lượng, lỗi dữ liệu); workflow tự thử lại và ghi tiếp, không mất gì. Repair: fix the cause; the append retries by itself.',
  'workflow-task-failing':
    'Triển khai bản sửa lỗi cho worker (workflow tự chạy lại), hoặc: temporal workflow reset --workflow-id <id> --type LastWorkflowTask. Repair: deploy the fix or reset.',
  'workflow-closed-unit-open':
    'Workflow đã dừng nhưng nhật ký vẫn mở: khởi động lại từ nhật ký bằng npm run ops -- restart-unit <đợt> <đơn vị>. Repair: restart the unit from its log.',
};

const UNIT = /^unit:(.+):([^:]+)$/;

/** Units needing an operator, for one campaign or all; `limit` bounds each source. */
export async function findStuckUnits(
  ds: DataSource,
  client: Client,
  options: { campaignId?: string; limit?: number } = {},
): Promise<StuckUnit[]> {
  const limit = options.limit ?? 1000;
  const [store, tasks, closed] = await Promise.all([
    failingAppends(ds, options.campaignId, limit),
    failingTasks(client, options.campaignId, limit),
    closedButOpen(ds, client, options.campaignId, limit),
  ]);
  return [...store, ...tasks, ...closed];
}

async function failingAppends(ds: DataSource, campaignId: string | undefined, limit: number): Promise<StuckUnit[]> {
  const failures = await failingStreams(ds.manager, campaignId, limit);
  return failures.flatMap((f) =>
    f.campaignId ? [stuck(f.campaignId, f.unitId ?? undefined, 'store-append-failing', f.attempts, f.since, f.lastError)] : [],
  );
}

/** Unit workflow runs matching `filter` (a visibility clause), of one campaign or all, at most `limit`. */
async function listUnitWorkflows(
  client: Client,
  filter: string,
  campaignId: string | undefined,
  limit: number,
): Promise<WorkflowExecutionInfo[]> {
  const scope = campaignId ? ` AND ${CAMPAIGN_ID.name} = ${JSON.stringify(campaignId)}` : '';
  const found: WorkflowExecutionInfo[] = [];
  for await (const wf of client.workflow.list({ query: `WorkflowType = '${UNIT_WORKFLOW}' AND ${filter}${scope}` })) {
    found.push(wf);
    if (found.length >= limit) break;
  }
  return found;
}

async function failingTasks(client: Client, campaignId: string | undefined, limit: number): Promise<StuckUnit[]> {
  const flagged = await listUnitWorkflows(
    client,
    "ExecutionStatus = 'Running' AND TemporalReportedProblems IS NOT NULL",
    campaignId,
    limit,
  );
  return mapPool(flagged, 16, async (wf) => {
    const ids = UNIT.exec(wf.workflowId);
    const handle = client.workflow.getHandle(wf.workflowId, wf.runId);
    const [description, lastError] = await Promise.all([handle.describe(), lastTaskFailure(client, wf.workflowId, wf.runId)]);
    const attempts = description.raw.pendingWorkflowTask?.attempt ?? undefined;
    return stuck(
      ids?.[1] ?? '',
      ids?.[2] ?? '',
      'workflow-task-failing',
      attempts ?? undefined,
      description.startTime.toISOString(),
      lastError,
    );
  });
}

/** The message of the run's last failed or timed-out workflow task. */
async function lastTaskFailure(client: Client, workflowId: string, runId: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  for (const event of [...(history.events ?? [])].reverse()) {
    const failed = event.workflowTaskFailedEventAttributes;
    if (failed) return `${failed.failure?.message ?? 'workflow task failed'} (cause ${String(failed.cause)})`;
    if (event.workflowTaskTimedOutEventAttributes) return 'workflow task timed out (no worker finished it in time)';
  }
  return 'không rõ (unknown)';
}

async function closedButOpen(ds: DataSource, client: Client, campaignId: string | undefined, limit: number): Promise<StuckUnit[]> {
  const closed = await listUnitWorkflows(client, "ExecutionStatus IN ('Terminated', 'Failed', 'TimedOut', 'Canceled')", campaignId, limit);
  const found: StuckUnit[] = [];
  for (const wf of closed) {
    const ids = UNIT.exec(wf.workflowId);
    if (!ids) continue;
    // A later run of the same id (continue-as-new, or a restart) may be running: then nothing is stuck.
    const latest = await client.workflow.getHandle(wf.workflowId).describe();
    if (latest.status.name === 'RUNNING' || latest.status.name === 'CONTINUED_AS_NEW' || latest.status.name === 'COMPLETED') continue;
    const phase = await openPhase(ds, ids[1], ids[2]);
    if (!phase) continue;
    found.push(
      stuck(
        ids[1],
        ids[2],
        'workflow-closed-unit-open',
        undefined,
        latest.closeTime?.toISOString(),
        `workflow ${latest.status.name}, nhật ký: ${phase}`,
      ),
    );
  }
  return found;
}

function stuck(
  campaignId: string,
  unitId: string | undefined,
  reason: StuckReason,
  attempts: number | undefined,
  since: string | undefined,
  lastError: string,
): StuckUnit {
  const workflowId = unitId === undefined ? campaignWorkflowId(campaignId) : unitWorkflowId(campaignId, unitId);
  return { campaignId, unitId, workflowId, reason, attempts, since, lastError, repair: REPAIR[reason] };
}

/**
 * Restarts a unit whose workflow is closed while its log says it is open: the log is folded into the
 * snapshot the new run starts from, so nothing stored is repeated and nothing is lost. Refuses a unit
 * whose workflow is running or whose log is closed or empty.
 */
export async function restartUnitFromLog(
  ds: DataSource,
  client: Client,
  taskQueue: string,
  campaignId: string,
  unitId: string,
): Promise<UnitState> {
  const workflowId = unitWorkflowId(campaignId, unitId);
  const current = await latestRun(client, workflowId);
  if (current?.status.name === 'RUNNING') throw new Error(`Workflow ${workflowId} đang chạy: không cần khởi động lại`);
  const state = await unitFromLog(ds, campaignId, unitId);
  if (!state) throw new Error(`Đơn vị ${unitId} không có sự kiện nào trong đợt ${campaignId}`);
  if (TERMINAL_PHASES.includes(state.phase))
    throw new Error(`Đơn vị ${unitId} đã kết thúc (${state.phase}) theo nhật ký: không khởi động lại`);
  await startUnitFromLog(client, taskQueue, state);
  return state;
}

/**
 * One campaign: enrols its units in batches (the fan-out happens in activities, so 10,000 units cost
 * this history ~40 activity calls, not 10,000 child workflows or signals) and carries admin operations
 * to every unit.
 */
import { ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo, allHandlersFinished } from '@temporalio/workflow';
import {
  addUnit,
  cancelCampaign,
  getCampaignProgress,
  milestoneProblems,
  moveMilestones,
  type CampaignActivities,
  type CampaignProgress,
  type CampaignWorkflowInput,
  type Milestones,
} from '../../../libs/contracts/src/campaign';
import { commitFirstTask } from '../first-task-command';

const acts = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '5 minutes',
  // Enrol batches heartbeat every 50 starts: a worker that died mid-batch is noticed within 20 s.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const BATCH = 250;
const nowIso = (): string => new Date(Date.now()).toISOString();

/** The campaign workflow. */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignProgress> {
  let enrolledThrough = input.enrolledThrough ?? 0;
  let seq = input.seq ?? 1; // seq 1 is CampaignLaunched, written by the launcher in the same transaction as the definition
  // Carried across continue-as-new: a running campaign must not launch (and record CampaignRunning) again.
  let status: CampaignProgress['status'] = input.status ?? 'launching';
  let unitsStarted = enrolledThrough;
  let busy = false; // one operation at a time, so a move never races a launch batch
  const searchAttributes = input.searchAttributes !== false;

  const progress = (): CampaignProgress => ({ campaignId: input.campaignId, status, unitsStarted });
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    await condition(() => !busy);
    busy = true;
    try {
      return await fn();
    } finally {
      busy = false;
    }
  };
  const record = (type: string, data: Record<string, unknown>, actor?: string): Promise<void> =>
    acts.recordCampaignEvent({ campaignId: input.campaignId, seq: ++seq, type, at: nowIso(), actor, data });
  const fanOut = async (signal: 'milestonesMoved' | 'campaignCancelled', arg: Record<string, unknown>): Promise<void> => {
    let after = 0;
    for (;;) {
      const r = await acts.signalUnits({ campaignId: input.campaignId, signal, arg, afterPosition: after, limit: 1000 });
      after = r.lastPosition;
      if (r.done) return;
    }
  };
  const assertActive = (): void => {
    if (status === 'cancelled' || status === 'finished') throw ApplicationFailure.nonRetryable('Đợt thi đua đã kết thúc hoặc đã bị hủy', 'CampaignClosed');
  };

  commitFirstTask({ campaignId: input.campaignId });
  setHandler(getCampaignProgress, progress);
  setHandler(
    moveMilestones,
    ({ milestones, actor }) =>
      exclusive(async () => {
        await record('MilestoneMoved', { milestones }, actor);
        await fanOut('milestonesMoved', { milestones, actor });
        return progress();
      }),
    {
      validator: ({ milestones }: { milestones: Milestones }) => {
        assertActive();
        const problems = milestoneProblems(milestones);
        if (problems.length) throw ApplicationFailure.nonRetryable(problems.join('; '), 'InvalidMilestones', problems);
      },
    },
  );
  setHandler(
    addUnit,
    ({ unit, actor }) =>
      exclusive(async () => {
        const { position } = await acts.addCampaignUnit({ campaignId: input.campaignId, unit });
        await record('UnitAdded', { unit }, actor);
        // While launching, the cursor will reach the new row; after, start it now (idempotent if it exists).
        if (status !== 'launching') {
          const r = await acts.enrolUnits({ campaignId: input.campaignId, afterPosition: position - 1, limit: 1, searchAttributes });
          unitsStarted += r.started;
          enrolledThrough = Math.max(enrolledThrough, r.lastPosition);
        }
        return progress();
      }),
    { validator: (_arg) => assertActive() },
  );
  setHandler(
    cancelCampaign,
    ({ reason, actor }) =>
      exclusive(async () => {
        status = 'cancelled';
        await record('CampaignCancelled', { reason }, actor);
        await fanOut('campaignCancelled', { reason, actor });
        return progress();
      }),
    { validator: (_arg) => assertActive() },
  );

  // Launch: batches until every unit workflow is started. The cursor makes a crash or retry resume, not restart.
  const current = (): CampaignProgress['status'] => status; // handlers change it: do not let TS narrow it
  while (current() === 'launching') {
    const done = await exclusive(async () => {
      if (status !== 'launching') return true;
      const r = await acts.enrolUnits({ campaignId: input.campaignId, afterPosition: enrolledThrough, limit: BATCH, searchAttributes });
      unitsStarted += r.started;
      enrolledThrough = r.lastPosition;
      return r.done;
    });
    if (done && current() === 'launching') {
      status = 'running';
      await record('CampaignRunning', { unitsStarted });
    }
    if (workflowInfo().continueAsNewSuggested && current() === 'launching') {
      await condition(allHandlersFinished);
      await continueAsNew<typeof campaignWorkflow>({ ...input, enrolledThrough, seq, status: 'launching' });
    }
  }
  // Stay available for admin operations until cancelled (units finish on their own calendars).
  await condition(() => current() === 'cancelled' || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  if (current() !== 'cancelled') await continueAsNew<typeof campaignWorkflow>({ ...input, enrolledThrough, seq, status: 'running' });
  return progress();
}

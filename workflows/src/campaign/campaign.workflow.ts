/**
 * One campaign: a shell around the campaign decider. Admin operations are answered as soon as their
 * event is stored; carrying them to every unit (and enrolling units at launch) is background work done
 * a page at a time by activities, so 10,000 units cost this history a few dozen events, and no answer
 * waits for a fan-out.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  log,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  addUnit,
  cancelCampaign,
  changeCalendar,
  getCampaignProgress,
  moveMilestones,
  parentChanged,
  STORE_REFUSED,
  unitEnded,
  type Acting,
  type CampaignActivities,
  type CampaignProgress,
  type CampaignState,
  type FailureCode,
  type CampaignWorkflowInput,
  type FanOutJob,
  type Milestones,
  type ReportRound,
  type NewCampaignEvent,
  type ParentChange,
  type UnitRef,
} from '@thidua/contracts';
import { commitFirstTask } from '../first-task-command';
import { LOCAL_APPEND, StreamWriter } from '../stream-writer';
import { decideCampaign, type CampaignCommand, evolveCampaign } from '@thidua/domain';

const acts = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '5 minutes',
  // Enrol and signal pages heartbeat every 50 calls: a worker that died mid-page is noticed within 20 s.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [STORE_REFUSED] },
});

// The campaign's own appends run as a local activity (one short transaction inside the workflow task, as
// for units): an admin's move is answered in one workflow task instead of waiting for an activity task
// to be dispatched behind a launch's worth of unit tasks.
const local = proxyLocalActivities<CampaignActivities>(LOCAL_APPEND);
/** Patch id: runs started before this change appended campaign events with a (remote) activity. */
const LOCAL_APPEND_PATCH = 'campaign-append-local';
/** Patch: a unit added is decided first and its row projected from UnitAdded (runs recorded before wrote the row first). */
export const UNIT_ADDED_FROM_LOG_PATCH = 'unit-added-from-log';

const ENROL_PAGE = 250;
/** Patch: runs recorded before enrolled a one-page campaign in a (remote) activity. */
export const ONE_PAGE_LAUNCH_PATCH = 'one-page-launch-local';
const localLaunch = proxyLocalActivities<CampaignActivities>({ ...LOCAL_APPEND, startToCloseTimeout: '2 minutes' });
const SIGNAL_PAGE = 500;
const nowIso = (): string => new Date(Date.now()).toISOString();

/** The campaign workflow. */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignProgress> {
  const { campaignId } = input;
  const searchAttributes = input.searchAttributes !== false;
  const writer = new StreamWriter<CampaignState, CampaignCommand, NewCampaignEvent>(
    {
      decide: decideCampaign,
      evolve: (s, e) => evolveCampaign(s, e, campaignId),
      version: (s) => s?.seq ?? 0,
      append: (expectedVersion, events) =>
        (patched(LOCAL_APPEND_PATCH) ? local : acts).appendCampaignEvents({ campaignId, expectedVersion, events }),
    },
    input.snapshot,
    input.storedCommands,
  );
  let enrolledThrough = input.enrolledThrough ?? 0;
  let unitsStarted = input.unitsStarted ?? enrolledThrough;
  let jobs: FanOutJob[] = [...(input.jobs ?? [])];
  let checkFinish = input.checkFinish ?? false;
  // The latest change from the unit this sub-campaign reports for, not yet carried in (an end supersedes a move).
  let parentChange: ParentChange | undefined = input.parentChange;
  const status = (): CampaignState['status'] => writer.state?.status ?? 'launching';

  const progress = (): CampaignProgress => ({
    campaignId,
    status: status(),
    unitsStarted,
    ...(jobs[0] ? { fanOut: { signal: jobs[0].signal, done: jobs[0].done, queued: jobs.length } } : {}),
  });
  /** Queues a fan-out; a milestone move not yet started is replaced (units always receive the latest milestones). */
  const enqueue = (job: FanOutJob): void => {
    if (job.signal === 'campaignCancelled')
      jobs = jobs.filter((j, i) => i === 0 && j.done > 0); // cancelling supersedes queued moves
    else jobs = jobs.filter((j, i) => !(i > 0 && j.signal === job.signal)); // a queued move or calendar change: the newer replaces it
    // The campaign event that queued the job marks what the job stores for each unit.
    jobs.push({ ...job, key: `${job.signal}@${writer.state?.seq ?? 0}` });
  };

  commitFirstTask({ campaignId });
  setHandler(getCampaignProgress, progress);
  type MoveArg = Acting & { milestones: Milestones; reports?: ReportRound[] };
  type AddArg = Acting & { unit: UnitRef };
  type CancelArg = Acting & { reason?: string };
  const move = ({ milestones, reports, actor }: MoveArg): CampaignCommand => ({
    type: 'MoveMilestones',
    at: nowIso(),
    actor,
    data: { milestones, ...(reports === undefined ? {} : { reports }) },
  });
  const add = ({ unit, actor }: AddArg, fromLog: boolean): CampaignCommand => ({
    type: 'AddUnit',
    at: nowIso(),
    actor,
    data: { unit, fromLog },
  });
  const cancel = ({ reason, actor }: CancelArg): CampaignCommand => ({ type: 'Cancel', at: nowIso(), actor, data: { reason } });
  const calendarChange = ({ stamp, actor }: Acting & { stamp: string }): CampaignCommand => ({
    type: 'ChangeCalendar',
    at: nowIso(),
    actor,
    data: { stamp },
  });
  setHandler(
    changeCalendar,
    async (arg) => {
      if (await writer.run(calendarChange(arg))) enqueue({ signal: 'calendarChanged', actor: arg.actor, after: 0, done: 0 });
      return progress();
    },
    { validator: (arg: Acting & { stamp: string }) => writer.validate(calendarChange(arg)) },
  );
  setHandler(
    moveMilestones,
    async (arg) => {
      if (await writer.run(move(arg))) enqueue({ signal: 'milestonesMoved', actor: arg.actor, after: 0, done: 0 });
      return progress();
    },
    { validator: (arg: MoveArg) => writer.validate(move(arg)) },
  );
  setHandler(
    addUnit,
    async (arg) => {
      let position: number;
      if (patched(UNIT_ADDED_FROM_LOG_PATCH)) {
        await writer.run(add(arg, true));
        position = writer.state!.added!.find((a) => a.unitId === arg.unit.id)!.position;
      } else {
        position = (await acts.addCampaignUnit({ campaignId, unit: arg.unit })).position;
        await writer.run(add(arg, false));
      }
      // While launching, the cursor will reach the new row; after, start it now (idempotent if it exists).
      if (status() === 'running' && position > enrolledThrough) {
        const r = await acts.enrolUnits({ campaignId, afterPosition: position - 1, limit: 1, searchAttributes });
        unitsStarted += r.started;
        enrolledThrough = Math.max(enrolledThrough, r.lastPosition); // later fan-outs must reach it
      }
      return progress();
    },
    { validator: (arg: AddArg) => writer.validate(add(arg, true)) },
  );
  setHandler(
    cancelCampaign,
    async (arg) => {
      await writer.run(cancel(arg));
      enqueue({ signal: 'campaignCancelled', actor: arg.actor, reason: arg.reason, after: 0, done: 0 });
      return progress();
    },
    { validator: (arg: CancelArg) => writer.validate(cancel(arg)) },
  );
  setHandler(unitEnded, () => {
    checkFinish = true;
  });
  setHandler(parentChanged, (change) => {
    if (parentChange?.kind !== 'ended') parentChange = change;
  });

  const flusher = writer.startFlusher();

  /**
   * Carries a change of the campaign above into this sub-campaign, as the admin's own move or cancellation
   * would be: stored, then told to every unit. A derived plan the rules refuse (a deadline already past) is
   * logged and left for the organisation to set by hand.
   */
  const followParent = async (change: ParentChange): Promise<void> => {
    try {
      if (change.kind === 'ended') {
        await writer.run(cancel({ reason: change.reason, actor: change.actor }));
        enqueue({ signal: 'campaignCancelled', actor: change.actor, reason: change.reason, after: 0, done: 0 });
      } else {
        const { milestones, reports } = change;
        const derived = await acts.deriveFromParent({ campaignId, milestones, ...(reports ? { reports } : {}) });
        if (await writer.run(move({ ...derived, actor: change.actor })))
          enqueue({ signal: 'milestonesMoved', actor: change.actor, after: 0, done: 0 });
      }
    } catch (err) {
      if (!(err instanceof ApplicationFailure || err instanceof ActivityFailure)) throw err;
      log.warn('A change of the campaign above was not carried into the sub-campaign', { change: change.kind, error: err.message });
    }
    if (parentChange === change) parentChange = undefined;
  };

  const handOver = async (): Promise<never> => {
    await flusher.stop();
    return continueAsNew<typeof campaignWorkflow>({
      campaignId,
      searchAttributes,
      snapshot: writer.committed,
      enrolledThrough,
      unitsStarted,
      jobs,
      checkFinish,
      ...(parentChange ? { parentChange } : {}),
      storedCommands: writer.recentCommands,
    });
  };

  for (;;) {
    if (workflowInfo().continueAsNewSuggested) {
      await condition(() => writer.settled());
      if (allHandlersFinished() && !writer.hasPending) await handOver();
      continue;
    }
    const job = jobs[0];
    if (job) {
      // Fixed at the start: units enrolled after the change was stored read it from the campaign row.
      const through = job.through ?? enrolledThrough;
      const r = await acts.signalUnits({ campaignId, job: { ...job, through }, limit: SIGNAL_PAGE });
      const next: FanOutJob = { ...job, through, after: r.lastPosition, done: job.done + r.signalled };
      jobs = r.done ? jobs.slice(1) : [next, ...jobs.slice(1)];
      continue;
    }
    if (status() === 'launching') {
      // A campaign of one page (a ward's sub-campaign for its khu phố) enrols in a local activity, inside the
      // workflow task: no activity task to schedule, dispatch and record for 60 starts.
      const onePage = (writer.state?.unitsTotal ?? Infinity) <= ENROL_PAGE && patched(ONE_PAGE_LAUNCH_PATCH);
      const r = await (onePage ? localLaunch : acts).enrolUnits({
        campaignId,
        afterPosition: enrolledThrough,
        limit: ENROL_PAGE,
        searchAttributes,
      });
      unitsStarted += r.started;
      enrolledThrough = r.lastPosition;
      if (r.done) await writer.run({ type: 'CompleteLaunch', at: nowIso(), data: { unitsStarted } }).catch(ignoreClosed);
      continue;
    }
    if (status() !== 'running') {
      // Cancelled or finished: the handler that closed it may still be queueing its fan-out.
      await condition(() => writer.settled());
      if (jobs.length === 0) break;
      continue;
    }
    if (parentChange && status() === 'running') {
      await followParent(parentChange);
      continue;
    }
    if (checkFinish) {
      checkFinish = false;
      const r = await acts.countOpenUnits({ campaignId });
      enrolledThrough = Math.max(enrolledThrough, r.lastPosition);
      await writer.run({ type: 'Finish', at: nowIso(), data: { openUnits: r.open, units: r.total } }).catch(ignoreClosed);
      continue;
    }
    await condition(
      () => jobs.length > 0 || checkFinish || parentChange !== undefined || status() !== 'running' || workflowInfo().continueAsNewSuggested,
    );
  }
  await flusher.stop();
  return progress();
}

/** An internal command refused because the campaign closed meanwhile: nothing to do. */
function ignoreClosed(err: unknown): boolean {
  if (err instanceof ApplicationFailure && err.type === ('CampaignClosed' satisfies FailureCode)) return false;
  throw err;
}

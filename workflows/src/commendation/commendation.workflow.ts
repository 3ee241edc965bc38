/**
 * A campaign's commendation stage: one workflow per campaign around the commendation decider. It chases the
 * units' nominating tasks with the campaign's chase policy, runs the public posting as a durable timer, and
 * records the decision, whose number the store takes from the issuer's register in the same transaction.
 */
import {
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  commendationUpdates,
  getCommendation,
  type CommendationActivities,
  type CommendationArgs,
  type CommendationCommandType,
  type CommendationState,
  type CommendationWorkflowInput,
  type NewCommendationEvent,
} from '@thidua/contracts';
import { commitFirstTask } from '../first-task-command';
import { LOCAL_APPEND, StreamWriter } from '../stream-writer';
import {
  decideCommendation,
  evolveCommendation,
  nextNominationAlarm,
  postingEnd,
  precheckCommendation,
  type CommendationCommand,
  type CommendationFacts,
  type CommendationRequest,
  type InformedCommand,
  type PlainCommandType,
} from '@thidua/domain';
import { toFailure } from '../failure';

const local = proxyLocalActivities<CommendationActivities>(LOCAL_APPEND);
// Reading every unit's state (opening, freezing the score sheets) may take longer than a local activity should.
const acts = proxyActivities<CommendationActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const nowIso = (): string => new Date(Date.now()).toISOString();

/** Patch: one consolidated return of a unit's individuals (runs recorded before it replay a second return). */
export const SINGLE_RETURN_PATCH = 'single-return';
/** Patch: a person sent again keeps their nominee id (runs recorded before it numbered every send anew). */
export const STABLE_NOMINEE_IDS_PATCH = 'stable-nominee-ids';

/** The commendation workflow. */
export async function commendationWorkflow(input: CommendationWorkflowInput): Promise<CommendationState | null> {
  const { campaignId } = input;
  const writer = new StreamWriter<CommendationState, CommendationCommand, NewCommendationEvent>(
    {
      decide: decideCommendation,
      evolve: (s, e) => evolveCommendation(s, e, campaignId),
      version: (s) => s?.seq ?? 0,
      append: (expectedVersion, events) => local.appendCommendationEvents({ campaignId, expectedVersion, events }),
    },
    input.snapshot,
    input.storedCommands,
  );
  commitFirstTask({ campaignId, stage: 'commendation' });
  setHandler(getCommendation, () => writer.state ?? null);

  const request = <K extends CommendationCommandType>(type: K, arg: CommendationArgs<K>): CommendationRequest<K> => {
    // Commands of this stage are judged at workflow time: the caller's receipt instant travels but is not read.
    // TypeScript cannot build a value of the indexed type for a generic K; the fields are K's by construction.
    return { type, at: nowIso(), actor: arg.actor, data: arg } as CommendationRequest<K>;
  };
  /** Refuses what can be refused before facts are read (throws the failure the update answers with). */
  const precheck = (req: CommendationRequest): void => {
    try {
      precheckCommendation(writer.state, req);
    } catch (err) {
      throw toFailure(err);
    }
  };
  /** Every update has a validator: what can be refused before reading facts is refused there, never in history. */
  const validator =
    <K extends CommendationCommandType>(type: K) =>
    (arg: CommendationArgs<K>): void =>
      precheck(request(type, arg));
  /** Binds a command decided on the caller's payload alone. */
  const bind = <K extends PlainCommandType>(update: UpdateDefinition<CommendationState, [CommendationArgs<K>]>, type: NoInfer<K>): void =>
    setHandler(
      update,
      async (arg) => {
        await writer.run(request(type, arg));
        return writer.state!;
      },
      { validator: validator(type) },
    );
  /** Binds a command the shell completes with facts (read by an activity, or the rules the run was recorded under). */
  const bindInformed = <K extends keyof CommendationFacts>(
    update: UpdateDefinition<CommendationState, [CommendationArgs<K>]>,
    type: NoInfer<K>,
    inform: (req: CommendationRequest<K>) => Promise<InformedCommand>,
  ): void =>
    setHandler(
      update,
      async (arg) => {
        await writer.run(await inform(request(type, arg)));
        return writer.state!;
      },
      { validator: validator(type) },
    );
  bindInformed(commendationUpdates.Open, 'Open', async (req) => ({
    ...req,
    data: { ...req.data, context: await acts.loadCommendationContext({ campaignId }) },
  }));
  // Handlers check again what their validator checked only where they always did: updates accepted before
  // validators existed replay through the handler alone, and must read (or not read) the same facts.
  bindInformed(commendationUpdates.ProposeNomination, 'ProposeNomination', async (req) => {
    if (!writer.state) precheck(req); // refused: not open yet
    return { ...req, data: { ...req.data, unit: await local.loadCommendationUnit({ campaignId, unitId: req.data.unitId }) } };
  });
  bindInformed(commendationUpdates.PostList, 'PostList', async (req) => {
    precheck(req); // the rules first (votes missing, nothing passed): the sheets are read only for a list that can be posted
    const state = writer.state!;
    const sheets = await acts.rankScoreSheets({ campaignId, judged: state.setup.judged, scores: state.scores });
    // The period runs from the instant the list was posted (the command's), not from when the sheets were read.
    return { ...req, data: { ...req.data, sheets, ...postingEnd(writer.state!, req.at, writer.state!.setup.postingDays) } };
  });
  bindInformed(commendationUpdates.RecordClusterVote, 'RecordClusterVote', async (req) => {
    precheck(req);
    const state = writer.state!;
    // Candidates who pass are ranked by the same sheets the list will freeze.
    const sheets = await acts.rankScoreSheets({ campaignId, judged: state.setup.judged, scores: state.scores });
    return { ...req, data: { ...req.data, sheets } };
  });
  bindInformed(commendationUpdates.ReturnIndividuals, 'ReturnIndividuals', async (req) => ({
    ...req,
    data: { ...req.data, singleReturn: patched(SINGLE_RETURN_PATCH) },
  }));
  bindInformed(commendationUpdates.SubmitIndividuals, 'SubmitIndividuals', async (req) => ({
    ...req,
    data: { ...req.data, stableIds: patched(STABLE_NOMINEE_IDS_PATCH) },
  }));
  bind(commendationUpdates.WithdrawNomination, 'WithdrawNomination');
  bind(commendationUpdates.RecordScore, 'RecordScore');
  bind(commendationUpdates.ConveneCouncil, 'ConveneCouncil');
  bind(commendationUpdates.RecordVote, 'RecordVote');
  bind(commendationUpdates.RaiseObjection, 'RaiseObjection');
  bind(commendationUpdates.AttachMinutes, 'AttachMinutes');
  bind(commendationUpdates.ResolveObjection, 'ResolveObjection');
  bind(commendationUpdates.IssueDecision, 'IssueDecision');

  const flusher = writer.startFlusher();

  for (;;) {
    const state = writer.state;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(() => writer.settled());
      await flusher.stop();
      return continueAsNew<typeof commendationWorkflow>({ campaignId, snapshot: writer.committed, storedCommands: writer.recentCommands });
    }
    if (state?.stage === 'decided') {
      await condition(() => writer.settled());
      if (writer.state?.stage === 'decided') break;
      continue;
    }
    const alarm = state ? nextNominationAlarm(state) : undefined;
    const postingEndsAt = state?.posting && !state.posting.ended ? Date.parse(state.posting.endsAt) : undefined;
    const wake = Math.min(alarm?.at ?? Infinity, postingEndsAt ?? Infinity);
    const now = Date.now();
    if (wake <= now) {
      const before = writer.state!.seq;
      if (alarm && alarm.at <= now) writer.submit({ type: 'Alarm', at: nowIso(), data: alarm.alarm }, 'internal');
      else writer.submit({ type: 'EndPosting', at: nowIso(), data: {} }, 'internal');
      if (writer.state!.seq === before) {
        // An alarm that produces nothing would spin: log it and wait a moment instead (a decider bug, not data loss).
        log.warn('Commendation alarm produced no events', { alarm });
        writer.rest();
        await condition(() => writer.dirty, 1000);
      }
      continue;
    }
    writer.rest();
    const wakeUp = (): boolean => writer.dirty || workflowInfo().continueAsNewSuggested;
    if (wake === Infinity) await condition(wakeUp);
    else await condition(wakeUp, wake - now);
  }
  await flusher.stop();
  return writer.state ?? null;
}

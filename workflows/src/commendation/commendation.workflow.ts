/**
 * A campaign's commendation stage: one workflow per campaign around the commendation decider. It chases the
 * units' nominating tasks with the campaign's chase policy, runs the public posting as a durable timer, and
 * records the decision, whose number the store takes from the issuer's register in the same transaction.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
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
import { nextNominationAlarm, postingEnd, decideCommendation, type CommendationCommand, evolveCommendation } from '@thidua/domain';

const local = proxyLocalActivities<CommendationActivities>(LOCAL_APPEND);
// Reading every unit's state (opening, freezing the score sheets) may take longer than a local activity should.
const acts = proxyActivities<CommendationActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const nowIso = (): string => new Date(Date.now()).toISOString();

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
  );
  commitFirstTask({ campaignId, stage: 'commendation' });
  setHandler(getCommendation, () => writer.state ?? null);

  const caller = <K extends CommendationCommandType>(type: K, arg: CommendationArgs<K>): CommendationCommand => {
    const { actor, ...data } = arg;
    delete (data as { receivedAt?: string }).receivedAt; // commands of this stage are judged at workflow time
    // TypeScript cannot relate a generic K's payload to the union member of K; the fields are K's by construction.
    return { type, at: nowIso(), actor, data } as unknown as CommendationCommand;
  };
  /** Binds an update: `facts` reads what the decider needs besides the caller's payload (absent: nothing). */
  const bind = <K extends CommendationCommandType>(
    type: K,
    facts?: (arg: CommendationArgs<K>, at: string) => Promise<Record<string, unknown>>,
  ): void => {
    const update = commendationUpdates[type] as UpdateDefinition<CommendationState, [CommendationArgs<K>]>;
    setHandler(
      update,
      async (arg: CommendationArgs<K>) => {
        const cmd = caller(type, arg);
        const extra = facts ? await facts(arg, cmd.at) : {};
        await writer.run({ ...cmd, data: { ...cmd.data, ...extra } } as CommendationCommand);
        return writer.state!;
      },
      // Commands that need facts read first are checked by the handler (the validator cannot wait for them).
      facts ? undefined : { validator: (arg: CommendationArgs<K>) => writer.validate(caller(type, arg)) },
    );
  };
  bind('Open', async () => ({ context: await acts.loadCommendationContext({ campaignId }) }));
  bind('ProposeNomination', async (arg) => {
    if (!writer.state) writer.validate(caller('ProposeNomination', arg)); // refused: not open yet
    return { unit: await local.loadCommendationUnit({ campaignId, unitId: arg.unitId }) };
  });
  bind('WithdrawNomination');
  bind('SubmitIndividuals');
  bind('ReturnIndividuals');
  bind('RecordScore');
  bind('ConveneCouncil');
  bind('RecordVote');
  bind('PostList', async (_arg, at) => {
    // The rules first (votes missing, nothing passed): the sheets are read only for a list that can be posted.
    writer.validate({ type: 'PostList', at, data: { sheets: [], endsAt: at, workingDays: false } });
    const state = writer.state!;
    const sheets = await acts.rankScoreSheets({ campaignId, judged: state.setup.judged, scores: state.scores });
    // The period runs from the instant the list was posted (the command's), not from when the sheets were read.
    return { sheets, ...postingEnd(writer.state!, at, writer.state!.setup.postingDays) };
  });
  bind('RaiseObjection');
  bind('ResolveObjection');
  bind('IssueDecision');

  const flusher = writer.startFlusher();
  const settled = (): boolean => allHandlersFinished() && !writer.hasPending && !writer.flushing;

  for (;;) {
    const state = writer.state;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(settled);
      await flusher.stop();
      return continueAsNew<typeof commendationWorkflow>({ campaignId, snapshot: writer.committed });
    }
    if (state?.stage === 'decided') {
      await condition(settled);
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
        writer.dirty = false;
        await condition(() => writer.dirty, 1000);
      }
      continue;
    }
    writer.dirty = false;
    const wakeUp = (): boolean => writer.dirty || workflowInfo().continueAsNewSuggested;
    if (wake === Infinity) await condition(wakeUp);
    else await condition(wakeUp, wake - now);
  }
  await flusher.stop();
  return writer.state ?? null;
}

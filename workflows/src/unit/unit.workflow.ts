/**
 * One participating unit's lifecycle: a thin shell of timers, handlers and activity calls around the
 * pure decider. Events are numbered here (deterministically) and written by a single flusher, in order.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  campaignCancelled,
  currentEscalationLevel,
  decideRegistration,
  getUnitState,
  isOverdue,
  milestonesMoved,
  recordReview,
  submitRegistration,
  submitReport,
  TERMINAL_PHASES,
  withdrawUnit,
  type Acting,
  type NewUnitEvent,
  type UnitActivities,
  type UnitEvent,
  type UnitState,
  type UnitView,
  type UnitWorkflowInput,
} from '../../../libs/contracts/src/campaign';
import { ESCALATION_LEVEL, OVERDUE, PHASE, CAMPAIGN_ID, UNIT_ID } from '../../../libs/contracts/src/search-attributes';
import type { UnitCommand } from './commands';
import { decide } from './decide';
import { nextAlarm } from './chase';
import { evolve } from './evolve';
import { commitFirstTask } from '../first-task-command';

// A local activity: one short transaction per batch of events, recorded as a marker in the workflow task
// instead of three history events and an extra round trip per write (launch throughput depends on it).
// Exactly-once still comes from the deterministic event ids, not from the activity kind.
const { appendUnitEvents } = proxyLocalActivities<UnitActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const nowIso = (): string => new Date(Date.now()).toISOString();

function view(state: UnitState): UnitView {
  return { ...state, overdue: isOverdue(state), escalationLevel: currentEscalationLevel(state) };
}

/** The unit workflow. */
export async function unitWorkflow(input: UnitWorkflowInput): Promise<UnitView> {
  let state: UnitState | undefined = input.snapshot;
  let flushedSeq = state?.seq ?? 0;
  const pending: UnitEvent[] = [];
  let wake = false;
  const searchKey = (s: UnitState): string => JSON.stringify({ phase: s.phase, overdue: isOverdue(s), level: currentEscalationLevel(s) });

  /** Numbers and applies events; the flusher persists them. Returns the seq of the last one. */
  const apply = (events: NewUnitEvent[]): number => {
    for (const e of events) {
      const numbered = { ...e, seq: (state?.seq ?? 0) + 1 } as UnitEvent;
      state = evolve(state, numbered);
      pending.push(numbered);
    }
    return state?.seq ?? 0;
  };

  /** Runs a command from a handler: validate-and-decide, apply, then wait until durably stored. */
  const run = async (cmd: UnitCommand): Promise<UnitView> => {
    const seq = apply(decideOrFail(cmd));
    wake = true;
    await condition(() => flushedSeq >= seq);
    return view(state!);
  };
  /** decide(), with a refusal turned into the ApplicationFailure an update may throw. */
  const decideOrFail = (cmd: UnitCommand): NewUnitEvent[] => {
    try {
      return decide(state, cmd);
    } catch (err) {
      throw toFailure(err);
    }
  };

  // Enrolled before any handler runs, so a signal delivered in the first activation finds a unit to act on.
  if (!state) {
    apply(decide(undefined, { type: 'Enrol', at: nowIso(), data: { campaign: input.campaign, unit: input.unit, milestones: input.milestones, chase: input.chase } }));
  }
  // Units start with their search attributes set (the enrol activity), and continue-as-new carries them over:
  // only a change from the current state needs an upsert.
  let lastSearch = searchKey(state!);

  commitFirstTask({ campaignId: input.campaign.campaignId, unitId: input.unit.id });
  // Handlers are registered before the first await so no early update or signal is lost.
  setHandler(getUnitState, () => {
    if (!state) throw ApplicationFailure.nonRetryable('Đơn vị chưa được ghi danh', 'NotEnrolled');
    return view(state);
  });
  const cmd = <T extends UnitCommand['type']>(type: T, arg: { actor?: string }): UnitCommand => {
    const { actor, ...data } = arg;
    return { type, at: nowIso(), actor, data } as unknown as UnitCommand;
  };
  const bind = <A extends Acting>(update: UpdateDefinition<UnitView, [A]>, type: UnitCommand['type']): void => {
    setHandler(update, (a: A) => run(cmd(type, a)), { validator: (a: A) => void decideOrFail(cmd(type, a)) });
  };
  bind(submitRegistration, 'SubmitRegistration');
  bind(decideRegistration, 'DecideRegistration');
  bind(submitReport, 'SubmitReport');
  bind(recordReview, 'RecordReview');
  bind(withdrawUnit, 'Withdraw');
  // A signal cannot be refused: a rule violation is logged, never thrown (it would fail every workflow task).
  const onSignal = (command: UnitCommand): void => {
    try {
      apply(decide(state, command));
      wake = true;
    } catch (err) {
      log.warn('Signal ignored', { type: command.type, error: String(err) });
    }
  };
  setHandler(milestonesMoved, (a) => onSignal(cmd('MoveMilestones', a)));
  setHandler(campaignCancelled, (a) => onSignal(cmd('Cancel', a)));

  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending.slice(0, 100);
      await appendUnitEvents({ campaignId: input.campaign.campaignId, unitId: input.unit.id, events: batch });
      pending.splice(0, batch.length);
      flushedSeq = batch[batch.length - 1].seq;
    }
    if (input.searchAttributes !== false && state) {
      const key = searchKey(state);
      if (key !== lastSearch) {
        lastSearch = key;
        const attrs = JSON.parse(key) as { phase: string; overdue: boolean; level: number };
        upsertSearchAttributes([
          { key: CAMPAIGN_ID, value: input.campaign.campaignId },
          { key: UNIT_ID, value: input.unit.id },
          { key: PHASE, value: attrs.phase },
          { key: OVERDUE, value: attrs.overdue },
          { key: ESCALATION_LEVEL, value: attrs.level },
        ]);
      }
    }
  };

  for (;;) {
    await flush();
    const current = state!;
    if (TERMINAL_PHASES.includes(current.phase)) break;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (pending.length === 0) await continueAsNew<typeof unitWorkflow>({ ...input, snapshot: state });
      continue;
    }
    const alarm = nextAlarm(current, nowIso());
    wake = false;
    const timeout = alarm === undefined ? undefined : Math.max(0, Date.parse(alarm) - Date.now());
    if (timeout === undefined) await condition(() => wake || pending.length > 0);
    else if (timeout > 0) await condition(() => wake || pending.length > 0, timeout);
    const due = decide(state, { type: 'Tick', at: nowIso() });
    if (due.length === 0 && timeout === 0) {
      // An alarm that produces nothing would spin: log it and wait a moment instead (a decider bug, not data loss).
      log.warn('Alarm produced no events', { alarm });
      await condition(() => wake, 1000);
    }
    apply(due);
  }
  await condition(allHandlersFinished);
  await flush();
  return view(state!);
}

function toFailure(err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  const e = err as { name?: string; code?: string; message?: string };
  if (e?.name === 'UnitRuleError') return ApplicationFailure.nonRetryable(e.message ?? 'Thao tác bị từ chối', e.code ?? 'UnitRuleError');
  return ApplicationFailure.nonRetryable(String(e?.message ?? err), 'InternalError');
}

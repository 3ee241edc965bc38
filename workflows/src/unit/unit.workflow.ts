/**
 * One participating unit's lifecycle: a thin shell of timers, handlers and activity calls around the
 * pure decider. The stream writer numbers the events, stores them in order at the version they were
 * decided from, and adopts the log when a retried task finds it already written.
 */
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  calendarChanged,
  campaignCancelled,
  campaignWorkflowId,
  currentEscalationLevel,
  decideRegistration,
  getUnitState,
  isOverdue,
  linkSubCampaign,
  milestonesMoved,
  parentChanged,
  recordReview,
  remindNow,
  submitRegistration,
  submitReport,
  TERMINAL_PHASES,
  unitEnded,
  unitEventsStored,
  unitPlan,
  unitView,
  withdrawUnit,
  type UnitCommandArgs,
  type UnitCommandType,
  type UnitEvent,
  type NewUnitEvent,
  type UnitActivities,
  type UnitState,
  type UnitView,
  type UnitWorkflowInput,
  type ParentChange,
  LIMITS,
  UNIT_SHELL_VERSION,
  ESCALATION_LEVEL,
  OVERDUE,
  PHASE,
  CAMPAIGN_ID,
  UNIT_ID,
} from '@thidua/contracts';
import { RuleError, callerCommand, type CallerCommand, type UnitCommand, nextAlarm, UNIT_MODEL } from '@thidua/domain';
import { toFailure } from '../failure';
import { commitFirstTask } from '../first-task-command';
import { LOCAL_APPEND, StreamWriter } from '../stream-writer';

// A local activity: one short transaction per batch of events, recorded as a marker in the workflow task
// instead of three history events and an extra round trip per write (launch throughput depends on it).
// Exactly-once comes from the optimistic append (expected version), not from the activity kind.
const { appendUnitEvents } = proxyLocalActivities<UnitActivities>(LOCAL_APPEND);

const nowIso = (): string => new Date(Date.now()).toISOString();

/** The unit workflow. */
export async function unitWorkflow(input: UnitWorkflowInput): Promise<UnitView> {
  const { campaignId } = input.campaign;
  const unitId = input.unit.id;
  // Started by this code (or continued by it): every change below applies, no patch marker asked for.
  const current = (input.shellVersion ?? 0) >= UNIT_SHELL_VERSION;
  const writer = new StreamWriter<UnitState, UnitCommand, NewUnitEvent>(
    { ...UNIT_MODEL, append: (expectedVersion, events) => appendUnitEvents({ campaignId, unitId, expectedVersion, events }) },
    input.snapshot,
    input.storedCommands,
  );

  // Enrolled before any handler runs, so a signal delivered in the first activation finds a unit to act on.
  if (!writer.state) {
    writer.submit({ type: 'Enrol', at: nowIso(), data: { campaign: input.campaign, unit: input.unit, ...unitPlan(input) } }, 'internal');
  }
  // Only the static search attributes set at start (campaign, unit) remain: every query of the product reads the
  // projection. Runs recorded before upserted phase, overdue and escalation level on each change, and replay so.
  const dynamicSearch = input.searchAttributes !== false && !(current || patched(STATIC_SEARCH_ATTRIBUTES_PATCH));
  const searchKey = (s: UnitState): string => JSON.stringify({ phase: s.phase, overdue: isOverdue(s), level: currentEscalationLevel(s) });
  let lastSearch = searchKey(writer.state!);

  commitFirstTask({ campaignId, unitId }, current);
  // Handlers are registered before the first await so no early update or signal is lost.
  setHandler(getUnitState, () => {
    if (!writer.state) throw toFailure(new RuleError('NotEnrolled', 'Đơn vị chưa được ghi danh'));
    return unitView(writer.state);
  });
  const cmd = <K extends UnitCommandType>(type: K, arg: NoInfer<UnitCommandArgs<K>>): CallerCommand<K> =>
    callerCommand(type, arg, nowIso());
  /**
   * Tells the sub-campaign of the organisation this unit stands for what changed above (a signal, durable as a
   * command of this workflow): the parent's dates moved, or this unit's part ended. Only when the change was
   * recorded here: a repeated fan-out tells nobody twice.
   */
  const tellSubCampaign = (recorded: boolean, change: ParentChange): void => {
    const sub = writer.state?.subCampaign;
    if (!sub || !recorded) return;
    telling.push(
      getExternalWorkflowHandle(campaignWorkflowId(sub))
        .signal(parentChanged, change)
        .catch((err: unknown) => log.info('Sub-campaign not told of the change above', { subCampaign: sub, error: String(err) })),
    );
  };
  /**
   * Signals to the sub-campaign not yet delivered: the server drops a signal whose sender has closed (continued as
   * new, or ended) in the task that sent it, so the workflow waits for them first.
   */
  const telling: Array<Promise<void>> = [];
  const told = (): Promise<unknown> => Promise.all(telling.splice(0));
  const ENDED_ABOVE: Partial<Record<UnitState['phase'], string>> = {
    cancelled: 'Đợt thi đua cấp trên đã bị hủy',
    withdrawn: 'Đơn vị đã rút khỏi đợt thi đua cấp trên',
  };
  // The update's argument type and the command type are tied: a wrong binding does not compile.
  const bind = <K extends UnitCommandType>(update: UpdateDefinition<UnitView, [UnitCommandArgs<K>]>, type: NoInfer<K>): void => {
    setHandler(
      update,
      async (a: UnitCommandArgs<K>) => {
        const before = writer.state?.seq ?? 0;
        await writer.run(cmd(type, a));
        const reason = ENDED_ABOVE[writer.state!.phase];
        if (reason) tellSubCampaign(writer.state!.seq !== before, { kind: 'ended', reason, ...(a.actor ? { actor: a.actor } : {}) });
        return unitView(writer.state!);
      },
      { validator: (a: UnitCommandArgs<K>) => writer.validate(cmd(type, a)) },
    );
  };
  bind(submitRegistration, 'SubmitRegistration');
  bind(decideRegistration, 'DecideRegistration');
  bind(submitReport, 'SubmitReport');
  bind(recordReview, 'RecordReview');
  bind(withdrawUnit, 'Withdraw');
  // A signal cannot be refused: a rule violation is logged, never thrown (it would fail every workflow task).
  const onSignal = (command: UnitCommand): void => {
    try {
      writer.submit(command, 'signal');
    } catch (err) {
      log.warn('Signal ignored', { type: command.type, error: String(err) });
    }
  };
  /**
   * A change carried down by the campaign: the events it stored for this unit are adopted; without them (a job
   * queued before the campaign stored pages, or this unit's own append in flight) the command is decided here,
   * and an append that meets the campaign's events adopts them from the log. True when the change is in the log.
   */
  const fromCampaign = (command: UnitCommand, stored: readonly UnitEvent[] | undefined): boolean => {
    if (stored?.length && writer.adopt(stored) !== 'unfit') return true;
    const before = writer.state?.seq ?? 0;
    onSignal(command);
    return (writer.state?.seq ?? 0) !== before;
  };
  setHandler(milestonesMoved, ({ stored, ...a }) => {
    tellSubCampaign(fromCampaign(cmd('MoveMilestones', a), stored), {
      kind: 'moved',
      milestones: a.milestones,
      ...(a.reports ? { reports: a.reports } : {}),
      ...(a.actor ? { actor: a.actor } : {}),
    });
  });
  setHandler(campaignCancelled, ({ stored, ...a }) => {
    const reason = `${ENDED_ABOVE.cancelled!}${a.reason ? `: ${a.reason}` : ''}`.slice(0, LIMITS.reason);
    tellSubCampaign(fromCampaign(cmd('Cancel', a), stored), { kind: 'ended', reason, ...(a.actor ? { actor: a.actor } : {}) });
  });
  /**
   * A caller's command the API decided and stored (under the stream's lock, against the projected state): its
   * events are adopted. When they do not follow this state (an earlier announcement was lost, or this unit's own
   * append is in flight and will meet them), the log is read before the next wait.
   */
  let behind = false;
  /** Tells the sub-campaign when the unit's part ended since `before` by a change adopted from the log. */
  const tellEnded = (before: UnitState['phase'], actor: string | undefined): void => {
    const reason = ENDED_ABOVE[writer.state!.phase];
    if (reason && writer.state!.phase !== before) tellSubCampaign(true, { kind: 'ended', reason, ...(actor ? { actor } : {}) });
  };
  // Registered last of what it uses: setHandler runs the signals buffered before it at once.
  setHandler(unitEventsStored, ({ stored, actor }) => {
    const before = writer.state!.phase;
    if (stored.length > 0 && writer.adopt(stored) !== 'unfit') return tellEnded(before, actor);
    behind = true;
    writer.dirty = true;
  });
  setHandler(linkSubCampaign, (a) => onSignal(cmd('LinkSubCampaign', a)));
  setHandler(calendarChanged, ({ stored, ...a }) => void fromCampaign(cmd('ChangeCalendar', a), stored));
  setHandler(remindNow, (a) => onSignal(cmd('RemindNow', a)));

  const flush = async (): Promise<void> => {
    await writer.flush();
    if (behind && !writer.hasPending) {
      behind = false;
      const before = writer.state!.phase;
      await writer.catchUp();
      tellEnded(before, undefined);
      await writer.flush();
    }
    const state = writer.state;
    if (dynamicSearch && state) {
      const key = searchKey(state);
      if (key !== lastSearch) {
        lastSearch = key;
        const attrs = JSON.parse(key) as { phase: string; overdue: boolean; level: number };
        upsertSearchAttributes([
          { key: CAMPAIGN_ID, value: campaignId },
          { key: UNIT_ID, value: unitId },
          { key: PHASE, value: attrs.phase },
          { key: OVERDUE, value: attrs.overdue },
          { key: ESCALATION_LEVEL, value: attrs.level },
        ]);
      }
    }
  };

  // Histories from before the kept alarm timer re-armed it after every wake, and must replay that way.
  const alarmTimer = current || patched(KEEP_ALARM_TIMER_PATCH) ? new AlarmTimer() : undefined;
  // Units started before a late wake recorded the missed deadline before closing replay without it.
  const missedBeforeClose = current || patched(MISSED_BEFORE_CLOSE_PATCH);
  for (;;) {
    await flush();
    const current = writer.state!;
    if (TERMINAL_PHASES.includes(current.phase)) break;
    if (workflowInfo().continueAsNewSuggested) {
      await told();
      // A handler waiting for its events to be stored needs the flush above, a signal just sent its delivery: wake for any.
      // A change stored unannounced is read before the snapshot is handed on (`behind`).
      await condition(() => allHandlersFinished() || writer.hasPending || telling.length > 0 || behind);
      if (!writer.hasPending && allHandlersFinished() && telling.length === 0 && !behind)
        await continueAsNew<typeof unitWorkflow>({
          ...input,
          snapshot: writer.committed,
          storedCommands: writer.recentCommands,
          shellVersion: UNIT_SHELL_VERSION,
        });
      continue;
    }
    const alarm = nextAlarm(current, nowIso());
    writer.rest();
    const timeout = alarm === undefined ? undefined : Math.max(0, Date.parse(alarm) - Date.now());
    if (alarmTimer) {
      alarmTimer.set(alarm, timeout ?? 0);
      if (timeout !== 0) await condition(() => writer.dirty || writer.hasPending || alarmTimer.rang);
    } else if (timeout === undefined) await condition(() => writer.dirty || writer.hasPending);
    else if (timeout > 0) await condition(() => writer.dirty || writer.hasPending, timeout);
    const before = writer.state!.seq;
    writer.submit({ type: 'Tick', at: nowIso(), ...(missedBeforeClose ? { missedBeforeClose } : {}) }, 'internal');
    if (writer.state!.seq === before && timeout === 0) {
      // An alarm that produces nothing would spin: log it and wait a moment instead (a decider bug, not data loss).
      log.warn('Alarm produced no events', { alarm });
      writer.rest();
      await condition(() => writer.dirty, 1000);
    }
  }
  await condition(allHandlersFinished);
  await flush();
  await told();
  if (current || patched(UNIT_ENDED_PATCH)) {
    // The campaign records CampaignFinished when its last unit ends. A closed campaign has nobody to tell.
    await getExternalWorkflowHandle(campaignWorkflowId(campaignId))
      .signal(unitEnded, { unitId })
      .catch((err: unknown) => log.info('Campaign not told of the unit ending', { error: String(err) }));
  }
  return unitView(writer.state!);
}

/**
 * The timer of a unit's next alarm, kept armed while the alarm stays where it is: a submission that does not
 * move the alarm costs no timer cancelled and started again (two history events and two timer writes on the
 * server per update).
 */
class AlarmTimer {
  private armed: { readonly at: string; readonly scope: CancellationScope; rang: boolean } | undefined;

  /** Whether the armed alarm's time has come. */
  get rang(): boolean {
    return this.armed?.rang ?? false;
  }

  /** Arms the alarm at `at`, `ms` from now (keeps the timer when it is already armed for `at`); none for undefined or 0. */
  set(at: string | undefined, ms: number): void {
    if (at !== undefined && this.armed?.at === at && !this.armed.rang) return;
    this.armed?.scope.cancel();
    this.armed = undefined;
    if (at === undefined || ms <= 0) return;
    const armed = { at, scope: new CancellationScope(), rang: false };
    armed.scope
      .run(() => sleep(ms))
      .then(
        () => (armed.rang = true),
        () => undefined, // cancelled: the alarm moved
      );
    this.armed = armed;
  }
}

/** Patch id: units started before this change upserted their phase, overdue flag and escalation level as search attributes. */
const STATIC_SEARCH_ATTRIBUTES_PATCH = 'static-search-attributes';

/** Patch id: units started before this change re-armed their alarm timer after every wake. */
const KEEP_ALARM_TIMER_PATCH = 'keep-alarm-timer';

/** Patch id: units that ended before this change did not tell their campaign. */
const UNIT_ENDED_PATCH = 'unit-ended-signal';

/** Patch id: units started before this change, woken after a cutoff, closed without recording the missed deadline. */
const MISSED_BEFORE_CLOSE_PATCH = 'missed-before-close';

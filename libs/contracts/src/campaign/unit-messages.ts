/**
 * Messages of the unit workflow, shared by the workflow and its callers. Names are part of running
 * histories: never rename them.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Attachment } from './attachments';
import type { ConsolidationRecord } from './cascade';
import type { ReportRound } from './criteria';
import type { DayOverride, Milestones, UnitRef } from './definition';
import type { ReportMetrics } from './targets';
import type { CampaignHeader, Initiative, Rating, ReportStage, UnitEvent, UnitPlan } from './unit-events';
import { currentEscalationLevel, isOverdue, type UnitState } from './unit-state';

/** Workflow type of a unit's lifecycle. */
export const UNIT_WORKFLOW = 'unitWorkflow';

/** Input of a unit workflow (and of its continuation, with the snapshot). */
export type UnitWorkflowInput = UnitPlan & {
  readonly campaign: CampaignHeader;
  readonly unit: UnitRef;
  /** The state so far, its events already stored: set on continue-as-new, and by the launch, which stores UnitEnrolled in bulk. */
  readonly snapshot?: UnitState;
  /** False on servers without the custom search attributes registered. */
  readonly searchAttributes?: boolean;
  /** Command ids of the latest stored events, carried over continue-as-new: an update sent again is known as done. */
  readonly storedCommands?: readonly string[];
  /**
   * The behaviour of the workflow code this run was started with ({@link UNIT_SHELL_VERSION}); absent in runs
   * started before it existed, which ask each change's `patched()` as they always did.
   */
  readonly shellVersion?: number;
};

/**
 * Runs started (or continued as new) with this version take every change made to the unit workflow so far
 * without recording a patch marker: each marker costs a history event and a search-attribute upsert
 * (`TemporalChangeVersion`) on the server, in every run's first task. Raise it with the next change that needs a patch.
 */
export const UNIT_SHELL_VERSION = 1;

/** What every unit update answers: the state after the change. */
export type UnitView = UnitState & { readonly overdue: boolean; readonly escalationLevel: 0 | 1 | 2 };

/** A unit's state as callers see it: with whether it is overdue and its escalation level. */
export function unitView(state: UnitState): UnitView {
  return { ...state, overdue: isOverdue(state), escalationLevel: currentEscalationLevel(state) };
}

/** Who did it (account or role), recorded on the event. */
export interface Acting {
  readonly actor?: string;
  /**
   * When the API received the request (ISO instant). A submission is judged on time by it, not by when a
   * worker got to it (PostgreSQL or the worker may have been away for a while); the decider trusts it
   * only within {@link MAX_RECEIPT_DELAY_MS} before the workflow's own time.
   */
  readonly receivedAt?: string;
}

/** The longest a received instant may precede the workflow's time and still count (longer: workflow time). */
export const MAX_RECEIPT_DELAY_MS = 10 * 60_000;

/**
 * What each command a caller sends a unit carries besides {@link Acting}, by command type: the one shape of
 * the update or signal argument, the decider's command data and the API's call.
 */
export interface UnitCommandPayloads {
  readonly SubmitRegistration: {
    readonly commitments: string;
    readonly initiatives: Initiative[];
    /** The signed papers and proof sent with it, as the API stored them. */
    readonly attachments?: readonly Attachment[];
  };
  readonly DecideRegistration: { readonly decision: 'approve' | 'return'; readonly reason?: string };
  readonly SubmitReport: {
    readonly stage: ReportStage;
    /** The round's id, with stage `round`. */
    readonly round?: string;
    readonly summary: string;
    /** The 2019 plan's figures, in campaigns without criteria. */
    readonly metrics?: ReportMetrics;
    /** A value per criterion id, in campaigns with criteria. */
    readonly values?: Readonly<Record<string, number>>;
    /** A report sent up by an organisation that ran a sub-campaign: what it was built from. */
    readonly consolidated?: ConsolidationRecord;
    /** The signed report and its proof, as the API stored them. */
    readonly attachments?: readonly Attachment[];
  };
  readonly RecordReview: {
    readonly stage: 'interim' | 'final';
    readonly rating: Rating;
    readonly commendation?: string;
    readonly note?: string;
  };
  readonly Withdraw: { readonly reason?: string };
  readonly MoveMilestones: { readonly milestones: Milestones; readonly reports?: readonly ReportRound[] };
  readonly Cancel: { readonly reason?: string };
  readonly ChangeCalendar: { readonly overrides: readonly DayOverride[] };
  /** The coordinator reminds the unit at once of the work it is late with. */
  readonly RemindNow: object;
  /** The organisation the unit stands for runs this sub-campaign for its own units. */
  readonly LinkSubCampaign: { readonly campaignId: string };
}

/** A command a caller can send a unit. */
export type UnitCommandType = keyof UnitCommandPayloads;

/** The argument of the update or signal carrying command `K`. */
export type UnitCommandArgs<K extends UnitCommandType> = Acting & UnitCommandPayloads[K];

/** The unit sends its registration. */
export const submitRegistration = defineUpdate<UnitView, [UnitCommandArgs<'SubmitRegistration'>]>('submitRegistration');
/** The coordinator approves or returns the registration. */
export const decideRegistration = defineUpdate<UnitView, [UnitCommandArgs<'DecideRegistration'>]>('decideRegistration');
/** The unit sends its interim or final report. */
export const submitReport = defineUpdate<UnitView, [UnitCommandArgs<'SubmitReport'>]>('submitReport');
/** The coordinator records an interim or final review. */
export const recordReview = defineUpdate<UnitView, [UnitCommandArgs<'RecordReview'>]>('recordReview');
/** An admin withdraws the unit from the campaign. */
export const withdrawUnit = defineUpdate<UnitView, [UnitCommandArgs<'Withdraw'>]>('withdrawUnit');
/**
 * A fan-out's signal may carry what the campaign already stored for the unit: the campaign decides a page of
 * units against their projected states and stores their events in one transaction, and each unit adopts its
 * own instead of deciding and storing them again (one signal and one workflow task per unit, no transaction).
 */
export interface Adopting {
  readonly stored?: readonly UnitEvent[];
}

/**
 * The API stored these events of a caller's command (decided against the projected state under the stream's
 * lock): the unit adopts them. `stored` empty: something may have been stored unannounced (the API could not
 * signal at once), and the unit reads what the log holds beyond its state.
 */
export const unitEventsStored = defineSignal<[{ readonly stored: readonly UnitEvent[]; readonly actor?: string }]>('unitEventsStored');
/** The campaign moved its milestones (fan-out from the campaign workflow). */
export const milestonesMoved = defineSignal<[UnitCommandArgs<'MoveMilestones'> & Adopting]>('milestonesMoved');
/** The working calendar's announced changes are now these (fan-out from the campaign workflow). */
export const calendarChanged = defineSignal<[UnitCommandArgs<'ChangeCalendar'> & Adopting]>('calendarChanged');
/** Remind the unit now of every task it is late with ("nhắc ngay các đơn vị quá hạn"). */
export const remindNow = defineSignal<[UnitCommandArgs<'RemindNow'>]>('remindNow');
/** The campaign was cancelled (fan-out from the campaign workflow). */
export const campaignCancelled = defineSignal<[UnitCommandArgs<'Cancel'> & Adopting]>('campaignCancelled');
/** A sub-campaign was launched for the organisation this unit stands for: moves and cancellations reach it. */
export const linkSubCampaign = defineSignal<[UnitCommandArgs<'LinkSubCampaign'>]>('linkSubCampaign');
/** The unit's current state, without touching the database. */
export const getUnitState = defineQuery<UnitView>('getUnitState');

/**
 * What an append did. `conflict`: the stream had moved past `expectedVersion` (a task retried after a crash
 * had already committed), nothing was stored, and `stored` holds the events after `expectedVersion`: the
 * workflow adopts them and decides again. Absent (histories recorded before this answer existed): appended.
 */
export type UnitAppendResult = { readonly status: 'appended' } | { readonly status: 'conflict'; readonly stored: UnitEvent[] };

/** Activities the unit workflow calls. */
export interface UnitActivities {
  /**
   * Appends events at `expectedVersion + 1...` if the stream is still at `expectedVersion`, and updates the
   * projection and outbox in the same transaction; otherwise returns what is stored.
   */
  appendUnitEvents(input: {
    campaignId: string;
    unitId: string;
    expectedVersion: number;
    events: UnitEvent[];
  }): Promise<UnitAppendResult | undefined>;
}

/** Deterministic workflow id of a unit in a campaign: a second start is a no-op. */
export function unitWorkflowId(campaignId: string, unitId: string): string {
  return `unit:${campaignId}:${unitId}`;
}

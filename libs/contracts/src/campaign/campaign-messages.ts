/** Messages of the campaign workflow (launch fan-out and admin operations). Names are stored forever. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CampaignEvent, CampaignState, CampaignStatus } from './campaign-events';
import type { ReportRound } from './criteria';
import type { Milestones, UnitRef } from './definition';
import type { Acting } from './unit-messages';

/** Workflow type of a campaign. */
export const CAMPAIGN_WORKFLOW = 'campaignWorkflow';

/** A change carried to every enrolled unit in the background, a page of units at a time. */
export interface FanOutJob {
  readonly signal: 'milestonesMoved' | 'campaignCancelled' | 'calendarChanged';
  readonly actor?: string;
  readonly reason?: string;
  /** Units at positions after this one are still to be told. */
  readonly after: number;
  /** Last position to tell, fixed when the job starts (units enrolled later read the new facts themselves). */
  readonly through?: number;
  readonly done: number;
  /**
   * Marks the events this job stores for each unit (their command id), so a page retried after its transaction
   * committed finds them and tells the units again. Absent in jobs queued before pages were stored by the campaign:
   * those only signal, and each unit decides and stores for itself.
   */
  readonly key?: string;
}

/** Input of the campaign workflow: the definition itself stays in PostgreSQL (it can hold 10,000+ units). */
export interface CampaignWorkflowInput {
  readonly campaignId: string;
  /** The campaign's state as stored: CampaignLaunched at the start, the fold of the stream on continue-as-new. */
  readonly snapshot?: CampaignState;
  /** Launch cursor carried across continue-as-new. */
  readonly enrolledThrough?: number;
  readonly unitsStarted?: number;
  /** Fan-outs not finished at continue-as-new. */
  readonly jobs?: readonly FanOutJob[];
  /** A unit ended since the last count of open units. */
  readonly checkFinish?: boolean;
  /** False on servers without the custom search attributes registered. */
  readonly searchAttributes?: boolean;
  /** A change of the campaign above not yet carried into this sub-campaign at continue-as-new. */
  readonly parentChange?: ParentChange;
  /** Command ids of the latest stored events, carried over continue-as-new: an update sent again is known as done. */
  readonly storedCommands?: readonly string[];
}

/**
 * What the unit a sub-campaign reports for tells it: the parent's milestones moved (the sub-campaign's follow,
 * its lead earlier), or the unit's part above ended (the parent cancelled, the unit withdrawn): it is cancelled.
 */
export type ParentChange =
  | { readonly kind: 'moved'; readonly milestones: Milestones; readonly reports?: readonly ReportRound[]; readonly actor?: string }
  | { readonly kind: 'ended'; readonly reason: string; readonly actor?: string };

/** Launch progress, status and the change being carried to units, readable without the database. */
export interface CampaignProgress {
  readonly campaignId: string;
  readonly status: CampaignStatus;
  readonly unitsStarted: number;
  readonly fanOut?: { readonly signal: FanOutJob['signal']; readonly done: number; readonly queued: number };
}

/** What an append of campaign events did (see UnitAppendResult). */
export type CampaignAppendResult = { readonly status: 'appended' } | { readonly status: 'conflict'; readonly stored: CampaignEvent[] };

/** Moves milestones of a running campaign; every unit re-plans. */
export const moveMilestones = defineUpdate<CampaignProgress, [Acting & { milestones: Milestones; reports?: ReportRound[] }]>(
  'moveMilestones',
);
/** Adds a unit to a running campaign. */
export const addUnit = defineUpdate<CampaignProgress, [Acting & { unit: UnitRef }]>('addUnit');
/** Cancels the campaign: every unit is closed. */
/**
 * The working calendar changed (a new announcement): a campaign counting in working days tells its units,
 * who re-plan their timers. `stamp` names the calendar's state; the same stamp again changes nothing.
 */
export const changeCalendar = defineUpdate<CampaignProgress, [Acting & { stamp: string }]>('changeCalendar');
/** Cancels the campaign. */
export const cancelCampaign = defineUpdate<CampaignProgress, [Acting & { reason?: string }]>('cancelCampaign');
/** Launch progress. */
export const getCampaignProgress = defineQuery<CampaignProgress>('getCampaignProgress');

/** The unit this sub-campaign reports for in the campaign above changed: see {@link ParentChange}. */
export const parentChanged = defineSignal<[ParentChange]>('parentChanged');

/** A unit workflow ended (completed, closed, withdrawn or cancelled): the campaign counts its open units again. */
export const unitEnded = defineSignal<[{ unitId: string }]>('unitEnded');

/** Activities of the campaign workflow. */
export interface CampaignActivities {
  /** Starts the unit workflows after `afterPosition` (at most `limit`); already-started ones are skipped. */
  enrolUnits(input: {
    campaignId: string;
    afterPosition: number;
    limit: number;
    searchAttributes: boolean;
  }): Promise<{ started: number; lastPosition: number; done: boolean }>;
  /** Appends campaign events at `expectedVersion + 1...` and folds them into the campaigns row, or returns what is stored. */
  appendCampaignEvents(input: { campaignId: string; expectedVersion: number; events: CampaignEvent[] }): Promise<CampaignAppendResult>;
  /** Signals units at positions in (job.after, job.through] (at most `limit`) with the campaign's current facts; records progress. */
  signalUnits(input: {
    campaignId: string;
    job: FanOutJob & { readonly through: number };
    limit: number;
  }): Promise<{ lastPosition: number; signalled: number; done: boolean }>;
  /** Adds a unit row (idempotent) and returns its position. */
  addCampaignUnit(input: { campaignId: string; unit: UnitRef }): Promise<{ position: number }>;
  /** A sub-campaign's milestones and rounds following a move of the campaign above (the parent's, its lead earlier). */
  deriveFromParent(input: {
    campaignId: string;
    milestones: Milestones;
    reports?: readonly ReportRound[];
  }): Promise<{ milestones: Milestones; reports?: ReportRound[] }>;
  /** The last enrolled position and how many of the campaign's units have not ended. */
  countOpenUnits(input: { campaignId: string }): Promise<{ open: number; total: number; lastPosition: number }>;
}

/** Deterministic workflow id of a campaign: a second launch is a no-op. */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign:${campaignId}`;
}

/**
 * The task queue of campaign workflows, beside the units' queue: an admin's operation is never queued
 * behind the workflow tasks of thousands of units (a launch, a re-plan), whichever worker is busy.
 */
export function campaignTaskQueue(taskQueue: string): string {
  return `${taskQueue}-campaigns`;
}

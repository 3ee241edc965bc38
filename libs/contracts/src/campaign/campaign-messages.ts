/** Messages of the campaign workflow (launch fan-out and admin operations). Names are stored forever. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Milestones, UnitRef } from './definition';
import type { Acting } from './unit-messages';

/** Workflow type of a campaign. */
export const CAMPAIGN_WORKFLOW = 'campaignWorkflow';

/** Input of the campaign workflow: the definition itself stays in PostgreSQL (it can hold 10,000+ units). */
export interface CampaignWorkflowInput {
  readonly campaignId: string;
  /** Checkpoint carried across continue-as-new. */
  readonly enrolledThrough?: number;
  readonly seq?: number;
  /** Status carried across continue-as-new (absent: a new launch). */
  readonly status?: 'launching' | 'running';
  /** False on servers without the custom search attributes registered. */
  readonly searchAttributes?: boolean;
}

/** Launch progress and status, readable without the database. */
export interface CampaignProgress {
  readonly campaignId: string;
  readonly status: 'launching' | 'running' | 'cancelled' | 'finished';
  readonly unitsStarted: number;
}

/** Moves milestones of a running campaign; every unit re-plans. */
export const moveMilestones = defineUpdate<CampaignProgress, [Acting & { milestones: Milestones }]>('moveMilestones');
/** Adds a unit to a running campaign. */
export const addUnit = defineUpdate<CampaignProgress, [Acting & { unit: UnitRef }]>('addUnit');
/** Cancels the campaign: every unit is closed. */
export const cancelCampaign = defineUpdate<CampaignProgress, [Acting & { reason?: string }]>('cancelCampaign');
/** Launch progress. */
export const getCampaignProgress = defineQuery<CampaignProgress>('getCampaignProgress');

/** Activities of the campaign workflow. */
export interface CampaignActivities {
  /** Starts the unit workflows after `afterPosition` (at most `limit`); already-started ones are skipped. */
  enrolUnits(input: { campaignId: string; afterPosition: number; limit: number; searchAttributes: boolean }): Promise<{ started: number; lastPosition: number; done: boolean }>;
  /** Records a campaign-level event and applies it to the campaign row (idempotent by seq). */
  recordCampaignEvent(input: { campaignId: string; seq: number; type: string; at: string; actor?: string; data: Record<string, unknown> }): Promise<void>;
  /** Signals units after `afterPosition` (at most `limit`); returns where it stopped. */
  signalUnits(input: { campaignId: string; signal: 'milestonesMoved' | 'campaignCancelled'; arg: Record<string, unknown>; afterPosition: number; limit: number }): Promise<{ lastPosition: number; done: boolean }>;
  /** Adds a unit row (idempotent) and returns its position. */
  addCampaignUnit(input: { campaignId: string; unit: UnitRef }): Promise<{ position: number }>;
}

/** Deterministic workflow id of a campaign: a second launch is a no-op. */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign:${campaignId}`;
}

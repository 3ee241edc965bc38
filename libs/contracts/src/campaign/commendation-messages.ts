/** Messages and activities of the commendation workflow (one per campaign). Names are stored forever. */
import type { Attachment } from './attachments';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CommendationContext,
  CommendationEvent,
  CommendationSetup,
  CommendationState,
  CommendationUnit,
  Council,
  JudgedScore,
  PersonNomination,
} from './commendation';
import type { ClusterBallot } from './clusters';
import type { RankedSheet } from './scores';
import type { Acting } from './unit-messages';

/** Workflow type of a campaign's commendation stage. */
export const COMMENDATION_WORKFLOW = 'commendationWorkflow';

/** Input of the commendation workflow: nothing until opened; its state on continue-as-new. */
export interface CommendationWorkflowInput {
  readonly campaignId: string;
  readonly snapshot?: CommendationState;
  /** Command ids of the latest stored events, carried over continue-as-new: an update sent again is known as done. */
  readonly storedCommands?: readonly string[];
}

/** The payload of each command a caller sends the stage. */
export interface CommendationPayloads {
  Open: { setup: CommendationSetup };
  ProposeNomination: { unitId: string; formId: string; achievementReport?: Attachment };
  WithdrawNomination: { nomineeId: string; reason: string };
  SubmitIndividuals: { unitId: string; people: PersonNomination[] };
  ReturnIndividuals: { unitId: string; reason: string };
  RecordScore: Omit<JudgedScore, 'at'>;
  ConveneCouncil: { council: Council };
  RecordVote: { nomineeId: string; present: number; inFavour: number; written?: { received: number; inFavour: number } };
  /** A round of a cluster meeting's secret ballot (the chair's choice when candidates tie on score at the last seat). */
  RecordClusterVote: ClusterBallot;
  PostList: object;
  RaiseObjection: { unitId: string; nomineeId: string; reason: string; attachments?: Attachment[] };
  /** The council's signed minutes (biên bản họp), and the written opinions of absent members. */
  AttachMinutes: { attachments: Attachment[] };
  ResolveObjection: { objectionId: string; outcome: 'dismissed' | 'upheld'; resolution: string };
  IssueDecision: object;
}

/** A command type a caller may send. */
export type CommendationCommandType = keyof CommendationPayloads;

/** What an update of `K` carries. */
export type CommendationArgs<K extends CommendationCommandType> = Acting & CommendationPayloads[K];

const update = <K extends CommendationCommandType>(name: string) => defineUpdate<CommendationState, [CommendationArgs<K>]>(name);

/** Every caller command as an update of the same name (lower camel case). */
export const commendationUpdates = {
  Open: update<'Open'>('openCommendation'),
  ProposeNomination: update<'ProposeNomination'>('proposeNomination'),
  WithdrawNomination: update<'WithdrawNomination'>('withdrawNomination'),
  SubmitIndividuals: update<'SubmitIndividuals'>('submitIndividuals'),
  ReturnIndividuals: update<'ReturnIndividuals'>('returnIndividuals'),
  RecordScore: update<'RecordScore'>('recordScore'),
  ConveneCouncil: update<'ConveneCouncil'>('conveneCouncil'),
  RecordVote: update<'RecordVote'>('recordVote'),
  RecordClusterVote: update<'RecordClusterVote'>('recordClusterVote'),
  PostList: update<'PostList'>('postList'),
  RaiseObjection: update<'RaiseObjection'>('raiseObjection'),
  AttachMinutes: update<'AttachMinutes'>('attachMinutes'),
  ResolveObjection: update<'ResolveObjection'>('resolveObjection'),
  IssueDecision: update<'IssueDecision'>('issueDecision'),
} as const;

/** The stage's state (undefined until opened). */
export const getCommendation = defineQuery<CommendationState | null>('getCommendation');

/** What an append of commendation events did; `stored` when the store completed them (a decision's number). */
export type CommendationAppendResult =
  | { readonly status: 'appended'; readonly stored?: CommendationEvent[] }
  | { readonly status: 'conflict'; readonly stored: CommendationEvent[] };

/** Activities of the commendation workflow. */
export interface CommendationActivities {
  /** The campaign's facts, its units and the catalogue, when the stage opens. */
  loadCommendationContext(input: { campaignId: string }): Promise<CommendationContext>;
  /** One unit's current facts (its phase may have changed since the stage opened). */
  loadCommendationUnit(input: { campaignId: string; unitId: string }): Promise<CommendationUnit | null>;
  /** Every unit's score sheet, ranked, with the judged criteria: frozen into the posted list. */
  rankScoreSheets(input: {
    campaignId: string;
    judged: CommendationSetup['judged'];
    scores: readonly JudgedScore[];
  }): Promise<RankedSheet[]>;
  /** Appends at `expectedVersion + 1...`, projects the `commendations` row and the notifications; a decision takes its number here. */
  appendCommendationEvents(input: {
    campaignId: string;
    expectedVersion: number;
    events: CommendationEvent[];
  }): Promise<CommendationAppendResult>;
}

/** Commands of the commendation stage: the callers' (with the facts the shell reads for some) and its own. */
import type { CommendationArgs, CommendationCommandType, CommendationContext, CommendationUnit, RankedSheet } from '@thidua/contracts';

/** A due reminder or escalation of a unit's nominating task (see alarms.ts). */
export interface NominationAlarm {
  readonly unitId: string;
  readonly key: string;
  readonly kind: 'before' | 'overdue' | 'level';
  readonly level?: 1 | 2;
}

type Requests = { [P in CommendationCommandType]: { type: P; at: string; actor?: string; data: CommendationArgs<P> } };

/** A caller's command `K` as sent in its update, with who sent it and when (workflow time). */
export type CommendationRequest<K extends CommendationCommandType = CommendationCommandType> = Requests[K];

/**
 * What the shell reads or knows before deciding some commands: the campaign's facts when the stage opens, the
 * unit's current phase, the frozen score sheets, and which rules a run was recorded under (histories recorded
 * before the rule of one consolidated return, and before stable ids of individuals, replay without them:
 * patches `single-return` and `stable-nominee-ids`).
 */
export interface CommendationFacts {
  Open: { context: CommendationContext };
  ProposeNomination: { unit: CommendationUnit | null };
  PostList: { sheets: RankedSheet[]; endsAt: string; workingDays: boolean };
  ReturnIndividuals: { singleReturn: boolean };
  SubmitIndividuals: { stableIds: boolean };
  RecordClusterVote: { sheets: RankedSheet[] };
}

/** Commands decided on the caller's payload alone. */
export type PlainCommandType = Exclude<CommendationCommandType, keyof CommendationFacts>;

type Informed = {
  [P in keyof CommendationFacts]: { type: P; at: string; actor?: string; data: CommendationArgs<P> & CommendationFacts[P] };
};

/** A caller's command `K` with the facts it needs. */
export type InformedCommand<K extends keyof CommendationFacts = keyof CommendationFacts> = Informed[K];

/** Every command of the commendation workflow. */
export type CommendationCommand =
  | CommendationRequest<PlainCommandType>
  | InformedCommand
  | { type: 'Alarm'; at: string; actor?: undefined; data: NominationAlarm }
  | { type: 'EndPosting'; at: string; actor?: undefined; data: Record<string, never> };

/**
 * The shapes the HTTP API answers with, once: the API's services return them, its OpenAPI classes are
 * checked against them by the compiler (`responses.dto.ts`), and the console reads them. Types only: the
 * console imports this file directly.
 */
import type { Attachment } from '../campaign/attachments';
import type { ParentLink } from '../campaign/cascade';
import type { ClusterRef, ClusterRoundResult } from '../campaign/clusters';
import type { CampaignStatus } from '../campaign/campaign-events';
import type { Criterion, Meeting, ReportRound } from '../campaign/criteria';
import type { RankedSheet } from '../campaign/scores';
import type { CommendationForm, CommendationState, CommendationUnit, JudgedCriterion, Nominee, Objection } from '../campaign/commendation';
import type { ChasePolicy, Milestones, UnitKind, UnitRef } from '../campaign/definition';
import type { TaskKind, UnitEventData } from '../campaign/unit-events';
import type { TaskStatus, UnitPhase, UnitState } from '../campaign/unit-state';

/**
 * What a person does in an organisation: its admin (accounts, units, templates), its coordinator (thường trực
 * thi đua – khen thưởng), its leader (the head who signs: Chủ tịch, Giám đốc), a member of its council, or the
 * clerk who acts for one of its units (`unit`).
 */
export type Role = 'admin' | 'coordinator' | 'leader' | 'council' | 'unit';

/** Progress of the last change carried to every unit in the background (milestone move, cancellation). */
export interface FanOutProgress {
  readonly signal: 'milestonesMoved' | 'campaignCancelled' | 'calendarChanged';
  readonly done: number;
  readonly total: number;
  readonly finished: boolean;
  readonly at: string;
}

/** A campaign's summary. */
export interface CampaignSummary {
  readonly id: string;
  /** The organisation that runs it. */
  readonly orgId: string;
  readonly title: string;
  readonly issuer: string;
  readonly coordinator: string;
  readonly timezone: string;
  readonly status: CampaignStatus;
  readonly milestones: Milestones;
  readonly chase: ChasePolicy;
  /** The campaign's own criteria; null in a campaign without criteria (the 2019 figures). */
  readonly criteria: readonly Criterion[] | null;
  /** Its report rounds and review meetings, as launched. */
  readonly reports: readonly ReportRound[];
  readonly meetings: readonly Meeting[];
  /** A rehearsal: one plan day lasts this long (ISO duration); null for a real campaign. */
  readonly dayLength: string | null;
  readonly createdAt: string;
  readonly launch: { readonly unitsTotal: number; readonly unitsEnrolled: number; readonly done: boolean };
  readonly counts: {
    readonly byPhase: Partial<Record<UnitPhase, number>>;
    readonly overdue: number;
    readonly escalated: number;
    readonly escalatedToIssuer: number;
  };
  readonly fanOut: FanOutProgress | null;
  /** A sub-campaign: the campaign above and the unit it reports for there; null otherwise. */
  readonly parent: ParentLink | null;
  /** The emulation clusters its units belong to (empty: none). */
  readonly clusters: readonly ClusterRef[];
}

/** One row of a campaign's unit table. */
export interface UnitRow {
  readonly unitId: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly phase: UnitPhase;
  readonly overdue: boolean;
  readonly escalationLevel: number;
  readonly remindersSent: number;
  /** The deadline of the task the unit is expected to deliver now, if any. */
  readonly nextDueAt: string | null;
  /** Whole days past the missed deadline (0 when none is missed), in working days when `workingDays`. */
  readonly daysOverdue: number;
  readonly workingDays: boolean;
  readonly updatedAt: string;
}

/** A page of the unit table. */
export interface UnitPage {
  readonly items: UnitRow[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** A task's deadline as a unit or the coordinator sees it. */
export interface Deadline {
  /** What the task is called, in Vietnamese (a report round by its own title). */
  readonly title: string;
  readonly status: TaskStatus;
  readonly dueAt: string;
  readonly cutoffAt: string | null;
  readonly openedAt: string | null;
  readonly submittedAt: string | null;
  readonly missed: boolean;
  readonly escalationLevel: number;
  readonly returnedReason: string | null;
}

/** One unit in one campaign, shaped for people. */
export interface UnitDetail {
  readonly campaignId: string;
  readonly unitId: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly phase: UnitPhase;
  readonly stage: UnitState['stage'];
  readonly escalationLevel: number;
  readonly overdue: boolean;
  readonly remindersSent: number;
  readonly registrationAttempts: number;
  readonly milestones: Milestones;
  readonly deadlines: Partial<Record<TaskKind, Deadline>>;
  readonly submissions: UnitState['submissions'];
  readonly reviews: UnitState['reviews'];
  /** The campaign's criteria that apply to this unit; null in a campaign without criteria (the 2019 figures). */
  readonly criteria: readonly Criterion[] | null;
  /** The campaign's report rounds and review meetings. */
  readonly rounds: readonly ReportRound[];
  readonly meetings: readonly Meeting[];
  readonly enrolledAt: string;
  readonly updatedAt: string;
}

/** One event of a unit's log, its data as the event recorded it. */
export type UnitEventView = {
  readonly [K in keyof UnitEventData]: {
    readonly id: string;
    readonly seq: number;
    readonly type: K;
    readonly occurredAt: string;
    readonly actor?: string;
    readonly data: UnitEventData[K];
  };
}[keyof UnitEventData];

/** One open task of a unit account. */
export interface Task {
  readonly campaignId: string;
  readonly campaignTitle: string;
  readonly unitId: string;
  /** A task of the unit's workflow, or `commendation`: sending its individuals for the commendation stage. */
  readonly kind: TaskKind | 'commendation';
  /** What the task is called, in Vietnamese (a report round by its own title). */
  readonly title: string;
  readonly dueAt: string;
  readonly cutoffAt: string | null;
  readonly overdue: boolean;
  readonly returnedReason?: string;
  readonly timezone: string;
  /** A rehearsal's plan day (ISO-8601): countdowns are told in plan days. Null in a real campaign. */
  readonly dayLength: string | null;
}

/** A notification in an inbox. */
export interface InboxItem {
  readonly id: string;
  /** The event that caused it (`<stream>/<seq>`): where the console links it to. */
  readonly eventId: string | null;
  readonly campaignId: string | null;
  readonly unitId: string | null;
  readonly kind: string;
  readonly subject: string;
  readonly body: string;
  readonly createdAt: string;
  readonly readAt: string | null;
}

/** The caller's inbox: the newest notifications and how many are unread. */
export interface Inbox {
  readonly unread: number;
  readonly items: InboxItem[];
}

/** A unit of the directory. */
export type DirectoryUnit = UnitRef & {
  readonly createdAt: string;
  /** The organisation whose directory holds it. */
  readonly orgId: string;
};

/** An account, without its secrets. */
export interface AccountView {
  readonly id: string;
  readonly username: string;
  /** Its first role (the one it was created with, or the first that remains). */
  readonly role: Role;
  readonly unitId: string | null;
  /** Every role it holds, in which organisation (only those the viewer may see). */
  readonly grants: readonly GrantView[];
  readonly displayName: string | null;
  readonly createdAt: string;
  readonly createdBy: string | null;
  /** A disabled account cannot sign in. */
  readonly disabled: boolean;
}

/** A role held in an organisation. */
export interface Grant {
  readonly orgId: string;
  readonly role: Role;
  /** The unit a clerk (`unit`) acts for; null for other roles. */
  readonly unitId: string | null;
}

/** A role with the names a person reads. */
export interface GrantView extends Grant {
  readonly orgName: string;
  readonly unitName: string | null;
}

/** A person the coordinator may seat on the emulation and commendation council: an active staff account. */
export interface CouncilCandidate {
  readonly username: string;
  /** The person's name, or the username when the account has none. */
  readonly name: string;
}

/** A campaign template at its current version, without its definition. */
export interface TemplateSummary {
  readonly id: string;
  /** The organisation that owns it, and whether it is offered to those below. */
  readonly orgId: string;
  readonly shared: boolean;
  readonly title: string;
  readonly description: string;
  /** The current version; every save makes the next one, and earlier ones are kept. */
  readonly version: number;
  /** Shipped with the product (a release that changes it adds a version, unless a person edited it). */
  readonly builtin: boolean;
  /** A past plan kept for reference (the 2019 Bình Tân plan), not current law. */
  readonly historical: boolean;
  readonly clonedFrom: string | null;
  readonly issuer: string;
  readonly coordinator: string;
  readonly units: number;
  readonly criteria: number;
  readonly reports: number;
  readonly meetings: number;
  readonly savedAt: string;
  readonly savedBy: string | null;
}

/** One saved version of a template. */
export interface TemplateVersion {
  readonly version: number;
  readonly title: string;
  readonly savedAt: string;
  readonly savedBy: string | null;
}

/** How far the units of a campaign are with one task (a round, the registration, a report). */
export interface TaskProgress {
  readonly task: TaskKind;
  /** What the task is called (a round by its own title). */
  readonly title: string;
  readonly dueAt: string | null;
  readonly cutoffAt: string | null;
  /** Units by the task's status, and how many of the expected ones have missed the deadline. */
  readonly counts: Readonly<Partial<Record<TaskStatus, number>>>;
  readonly overdue: number;
  /** Submitted after the deadline. */
  readonly late: number;
}

/** A campaign's score sheets, ranked, with the criteria they are scored by. */
export interface ScoreBoard {
  readonly campaignId: string;
  readonly criteria: readonly Criterion[];
  /** The criteria the coordinator scores by judgement (the commendation stage), after the campaign's own. */
  readonly judged?: readonly JudgedCriterion[];
  /** When the sheets were frozen (the list posted); absent while they are live. */
  readonly frozenAt?: string;
  /** A cluster's board: its members only, ranked within it. */
  readonly cluster?: { readonly id: string; readonly name: string };
  readonly rows: readonly RankedSheet[];
}

/**
 * One unit's score sheet (`GET …/units/:unitId/score`): it exists once the unit's final report is in, and its
 * rank is among the units whose sheets exist (`rankedAmong` of them), never a rank among units that reported nothing.
 */
export type UnitScoreSheet = RankedSheet & { readonly rankedAmong: number };

/** Something waiting for the coordinator's decision (`GET /api/me/queue`). */
export interface QueueItem {
  readonly campaignId: string;
  readonly campaignTitle: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly kind: 'registration' | 'final-review';
  readonly submittedAt: string;
  readonly late: boolean;
}

/** The commendation stage as a unit sees it (`GET /api/campaigns/:id/units/:unitId/commendation`). */
export interface UnitCommendationView {
  readonly campaignId: string;
  readonly campaignTitle: string;
  readonly stage: CommendationState['stage'];
  /** The unit, with its task of nominating individuals. */
  readonly unit: CommendationUnit;
  readonly forms: readonly CommendationForm[];
  /** The unit's own nominations (collective and individuals), with their ballots. */
  readonly nominees: readonly Nominee[];
  /** The posted list, once posted. */
  readonly posting: {
    readonly postedAt: string;
    readonly endsAt: string;
    readonly days: number;
    readonly workingDays: boolean;
    readonly ended: boolean;
    readonly list: ReadonlyArray<{ readonly id: string; readonly name: string; readonly form: string; readonly unitName: string }>;
  } | null;
  /** The objections the unit raised. */
  readonly objections: readonly Objection[];
  readonly decision: CommendationState['decision'] | null;
}

/**
 * The commendation stage as the API shows it (GET and every change of `/api/campaigns/:id/commendation…`):
 * the stage's state without the decider's bookkeeping (a plan day's length, the chase policy, the working
 * calendar, the stream version as `seq`); what is not there yet is null, never absent.
 */
export interface CommendationView {
  readonly campaignId: string;
  readonly campaignTitle: string;
  readonly coordinator: string;
  readonly timezone: string;
  readonly stage: CommendationState['stage'];
  readonly openedAt: string;
  readonly setup: CommendationState['setup'];
  readonly forms: readonly CommendationForm[];
  readonly units: readonly CommendationUnit[];
  readonly nominees: readonly Nominee[];
  readonly scores: CommendationState['scores'];
  readonly council: NonNullable<CommendationState['council']> | null;
  readonly posting: NonNullable<CommendationState['posting']> | null;
  readonly objections: readonly Objection[];
  readonly decision: NonNullable<CommendationState['decision']> | null;
  /** The campaign's emulation clusters and their ballot rounds (empty: none). */
  readonly clusters: readonly ClusterRef[];
  readonly clusterRounds: readonly ClusterRoundResult[];
  /** The council's minutes and written opinions attached (empty: none yet). */
  readonly minutes: readonly Attachment[];
  /** How many events the stage has recorded. */
  readonly version: number;
}

/** Domain events of one unit's lifecycle: past tense, plain JSON, ISO instants. Names are stored forever. */
import type { Attachment } from './attachments';
import type { ConsolidationRecord } from './cascade';
import type { CriterionCheck, ReportRound } from './criteria';
import type { CampaignDefinition, DayOverride, Milestones, UnitCalendar, UnitRef } from './definition';
import type { ReportMetrics, TargetCheck } from './targets';

/** The tasks every campaign has (the interim report only when its milestones ask for one). */
export type FixedTaskKind = 'registration' | 'interim-report' | 'final-report';

/** The task of one of the campaign's own report rounds (`round:<round id>`). */
export type RoundTaskKind = `round:${string}`;

/** Tasks a unit must deliver before a deadline. */
export type TaskKind = FixedTaskKind | RoundTaskKind;

/** The task of report round `roundId`. */
export function roundTask(roundId: string): RoundTaskKind {
  return `round:${roundId}`;
}

/** The report round a task belongs to, if it is a round's task. */
export function roundOf(kind: TaskKind): string | undefined {
  return kind.startsWith('round:') ? kind.slice('round:'.length) : undefined;
}

/** Which report a unit sends: the interim report of the milestones, one of the campaign's rounds, or the final report. */
export type ReportStage = 'interim' | 'round' | 'final';

/**
 * What a unit workflow needs of its campaign's plan besides the header. Criteria, rounds and meetings are
 * absent in definitions before they were data: those units run exactly as they were recorded.
 */
export type UnitPlan = Pick<CampaignDefinition, 'milestones' | 'chase' | 'criteria' | 'reports' | 'meetings'> & {
  /** Working days and office hours, with the calendar's announced changes (absent: clock time, as before). */
  readonly calendar?: UnitCalendar;
  /** A rehearsal's plan day (ISO-8601 duration): lateness and delays are told in plan days (absent: real days). */
  readonly dayLength?: string;
};

/** A unit plan (of a workflow input, or a unit's state) without keys it does not have: older plans stay byte-for-byte as they were. */
export function unitPlan(plan: UnitPlan): UnitPlan {
  const { milestones, chase, criteria, reports, meetings, calendar, dayLength } = plan;
  return {
    milestones,
    chase,
    ...(criteria ? { criteria } : {}),
    ...(reports ? { reports } : {}),
    ...(meetings ? { meetings } : {}),
    ...(calendar ? { calendar } : {}),
    ...(dayLength ? { dayLength } : {}),
  };
}

/**
 * The unit plan of a campaign definition: its calendar policy with the calendar's announced `overrides`
 * when it has one; none in a rehearsal (`dayLength`), whose days last seconds and which carries its day length instead.
 */
export function planOfDefinition(
  def: Omit<UnitPlan, 'calendar'> & Pick<CampaignDefinition, 'calendar' | 'dayLength'>,
  overrides: readonly DayOverride[],
): UnitPlan {
  const { calendar: policy, dayLength, ...rest } = def;
  if (dayLength !== undefined) return unitPlan({ ...rest, dayLength });
  return unitPlan({ ...rest, ...(policy ? { calendar: { ...policy, overrides: [...overrides] } } : {}) });
}

/** Who is notified by an escalation level. */
export type EscalationLevel = 0 | 1 | 2;

/** An initiative ("sáng kiến, giải pháp, cách làm hay") registered by a unit. */
export interface Initiative {
  readonly title: string;
  readonly description: string;
}

/** Ratings of a review. */
export type Rating = 'excellent' | 'good' | 'completed' | 'not-completed';

/** Campaign facts every unit workflow carries (not the whole unit list). */
export type CampaignHeader = Pick<
  CampaignDefinition,
  'title' | 'issuer' | 'coordinator' | 'coordinatorEmail' | 'issuerEmail' | 'timezone'
> & {
  readonly campaignId: string;
};

/** The header of a definition (`campaignId` is its code). */
export function campaignHeader(def: Omit<CampaignDefinition, 'units'> & { code: string }): CampaignHeader {
  const { title, issuer, coordinator, coordinatorEmail, issuerEmail, timezone } = def;
  return { campaignId: def.code, title, issuer, coordinator, coordinatorEmail, issuerEmail, timezone };
}

/** Payload of each event type. */
export interface UnitEventData {
  UnitEnrolled: { campaign: CampaignHeader; unit: UnitRef } & UnitPlan;
  ReminderSent: { task: TaskKind; key: string; kind: 'before' | 'overdue'; dueAt: string; cutoffAt?: string };
  DeadlineMissed: { task: TaskKind; dueAt: string };
  UnitEscalated: { task: TaskKind; level: 1 | 2; dueAt: string };
  RegistrationSubmitted: { commitments: string; initiatives: Initiative[]; late: boolean; attempt: number; attachments?: Attachment[] };
  RegistrationApproved: { note?: string };
  RegistrationReturned: { reason: string };
  InterimReviewStarted: Record<string, never>;
  CampaignEnded: Record<string, never>;
  ReportSubmitted: {
    stage: ReportStage;
    /** The round's id, with stage `round`. */
    round?: string;
    summary: string;
    /** The 2019 plan's figures (definitions without criteria). */
    metrics?: ReportMetrics;
    targetCheck?: TargetCheck[];
    /** A value per criterion id (definitions with criteria). */
    values?: Record<string, number>;
    criteriaCheck?: CriterionCheck[];
    late: boolean;
    /** Sent up from a sub-campaign: what the values were computed from. */
    consolidated?: ConsolidationRecord;
    attachments?: Attachment[];
  };
  ReviewRecorded: { stage: 'interim' | 'final'; rating: Rating; commendation?: string; note?: string };
  /** `reports`: the report rounds' new dates, when the move changed them. */
  MilestoneMoved: { milestones: Milestones; previous: Milestones; reports?: ReportRound[] };
  /** The calendar's announced changes the unit counts with from now on. */
  CalendarChanged: { overrides: DayOverride[] };
  UnitWithdrawn: { reason?: string };
  UnitClosed: { reason: 'non-compliant' | 'cancelled'; task?: TaskKind };
  UnitCompleted: Record<string, never>;
  /** The organisation this unit stands for runs sub-campaign `campaignId` for its own units. */
  SubCampaignLinked: { campaignId: string };
}

/** Every event type name. */
export type UnitEventType = keyof UnitEventData;

/**
 * The events of a stream, one variant per type of `D`: `seq` orders an event within its stream and makes
 * its id deterministic; `commandId` is the id of the update that caused it, so a retried task recognises
 * its own stored events.
 */
export type StreamEventOf<D> = {
  [K in keyof D]: {
    readonly type: K;
    readonly seq: number;
    readonly at: string;
    readonly actor?: string;
    readonly commandId?: string;
    readonly data: D[K];
  };
}[keyof D];

/** The events of `D` before they are numbered. */
export type NewStreamEventOf<D> = {
  [K in keyof D]: { readonly type: K; readonly at: string; readonly actor?: string; readonly commandId?: string; readonly data: D[K] };
}[keyof D];

/** One event of a unit's stream. */
export type UnitEvent = StreamEventOf<UnitEventData>;

/** A unit event before it is numbered. */
export type NewUnitEvent = NewStreamEventOf<UnitEventData>;

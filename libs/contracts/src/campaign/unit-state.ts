/** The state of one unit in a campaign: what the workflow query returns and what the projection stores. */
import type { Attachment } from './attachments';
import type { ConsolidationRecord } from './cascade';
import type { Criterion, CriterionCheck, Meeting, ReportRound } from './criteria';
import type { ChasePolicy, Milestones, UnitCalendar, UnitRef } from './definition';
import type { CampaignHeader, EscalationLevel, Initiative, Rating, TaskKind } from './unit-events';
import type { ReportMetrics, TargetCheck } from './targets';

/** Lifecycle phases, as shown in search attributes and read models. */
export type UnitPhase =
  | 'enrolled'
  | 'awaiting-registration'
  | 'registration-submitted'
  | 'registration-returned'
  | 'registration-approved'
  | 'interim-review'
  | 'in-progress'
  | 'awaiting-final-report'
  | 'final-report-submitted'
  | 'completed'
  | 'non-compliant'
  | 'withdrawn'
  | 'cancelled';

/** Phases after which nothing more happens. */
export const TERMINAL_PHASES: readonly UnitPhase[] = ['completed', 'non-compliant', 'withdrawn', 'cancelled'];

/** The campaign stage a unit is in, driven by the calendar. */
export type Stage = 'registration' | 'interim-review' | 'in-progress' | 'final';

/** Status of one task. */
export type TaskStatus = 'pending' | 'open' | 'submitted' | 'returned' | 'approved' | 'missed';

/** One deadline-bound task and how it has been chased. */
export interface TaskState {
  readonly kind: TaskKind;
  readonly status: TaskStatus;
  readonly openedAt?: string;
  readonly dueAt: string;
  readonly cutoffAt?: string;
  readonly submittedAt?: string;
  readonly late?: boolean;
  readonly missed: boolean;
  readonly escalationLevel: EscalationLevel;
  /** When level 1 was reached; level 2 follows after the escalation delay. */
  readonly escalatedAt?: string;
  /** Keys of reminders sent, so a re-planned deadline never repeats one. */
  readonly remindersSent: readonly string[];
  /** Latest reminder instant already handled (reminders before it are superseded, not caught up). */
  readonly remindedThrough?: string;
  readonly returnedReason?: string;
  /** How many times its due date or cut-off was moved (calendar feeds bump their SEQUENCE with it). */
  readonly moves?: number;
}

/** A submission as stored with the unit. */
export interface Submission {
  readonly at: string;
  readonly late: boolean;
  readonly commitments?: string;
  readonly initiatives?: readonly Initiative[];
  readonly summary?: string;
  readonly metrics?: ReportMetrics;
  readonly targetCheck?: readonly TargetCheck[];
  /** A value per criterion id, and each applicable criterion checked against its rule. */
  readonly values?: Readonly<Record<string, number>>;
  readonly criteriaCheck?: readonly CriterionCheck[];
  /** A report sent up from a sub-campaign: what it was built from. */
  readonly consolidated?: ConsolidationRecord;
  /** The files sent with it (absent: none). */
  readonly attachments?: readonly Attachment[];
}

/** A recorded review. */
export interface Review {
  readonly at: string;
  readonly rating: Rating;
  readonly commendation?: string;
  readonly note?: string;
}

/** Everything known about one unit in one campaign. */
export interface UnitState {
  readonly campaign: CampaignHeader;
  readonly unit: UnitRef;
  readonly milestones: Milestones;
  readonly chase: ChasePolicy;
  readonly phase: UnitPhase;
  readonly stage: Stage;
  readonly tasks: Readonly<Partial<Record<TaskKind, TaskState>>>;
  readonly submissions: Readonly<Partial<Record<TaskKind, Submission>>>;
  /** The campaign's own criteria, report rounds and meetings (absent in plans before they were data). */
  readonly criteria?: readonly Criterion[];
  readonly reports?: readonly ReportRound[];
  readonly meetings?: readonly Meeting[];
  /** Working days and office hours (absent: every duration is clock time). */
  readonly calendar?: UnitCalendar;
  /** A rehearsal's plan day (absent: real days). */
  readonly dayLength?: string;
  readonly reviews: Readonly<{ interim?: Review; final?: Review }>;
  /** The sub-campaign the organisation this unit stands for runs for its own units (absent: none). */
  readonly subCampaign?: string;
  readonly registrationAttempts: number;
  readonly remindersSent: number;
  /** Seq of the last event applied. */
  readonly seq: number;
  readonly enrolledAt: string;
  readonly updatedAt: string;
}

/** The most urgent escalation level among tasks that are still missing. */
export function currentEscalationLevel(state: UnitState): EscalationLevel {
  let level: EscalationLevel = 0;
  for (const t of Object.values(state.tasks)) {
    if (t && isChased(t) && t.escalationLevel > level) level = t.escalationLevel;
  }
  return level;
}

/** True when a task is still expected from the unit. */
export function isChased(task: TaskState): boolean {
  return task.status === 'open' || task.status === 'returned';
}

/** True when an expected task has missed its deadline (set by DeadlineMissed, cleared when the work arrives). */
export function isOverdue(state: UnitState): boolean {
  if (TERMINAL_PHASES.includes(state.phase)) return false;
  return Object.values(state.tasks).some((t) => t !== undefined && isChased(t) && t.missed);
}

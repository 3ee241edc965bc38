/** Shapes of the API's answers that the console reads. */
export type Milestones = Record<string, string | undefined> & { launchAt: string };

export interface Chase {
  reminderOffsets: string[];
  overdueReminderInterval: string;
  escalationDelay: string;
}

export interface CampaignSummary {
  id: string;
  title: string;
  issuer: string;
  coordinator: string;
  timezone: string;
  status: 'launching' | 'running' | 'finished' | 'cancelled';
  milestones: Milestones;
  chase: Chase;
  createdAt: string;
  launch: { unitsTotal: number; unitsEnrolled: number; done: boolean };
  fanOut: { signal: 'milestonesMoved' | 'campaignCancelled'; done: number; total: number; finished: boolean; at: string } | null;
  counts: { byPhase: Record<string, number>; overdue: number; escalated: number; escalatedToIssuer: number };
}

export interface UnitRow {
  unitId: string;
  name: string;
  kind: string;
  phase: string;
  overdue: boolean;
  escalationLevel: number;
  remindersSent: number;
  nextDueAt: string | null;
  updatedAt: string;
}

export interface Submission {
  at: string;
  late: boolean;
  commitments?: string;
  initiatives?: Array<{ title: string; description: string }>;
  summary?: string;
  metrics?: Record<string, number>;
  targetCheck?: Array<{ metric: string; target: string; value: number | null; met: boolean | null }>;
}

export interface Deadline {
  status: string;
  dueAt: string;
  cutoffAt: string | null;
  missed: boolean;
  escalationLevel: number;
  returnedReason: string | null;
}

export interface UnitDetail {
  campaignId: string;
  unitId: string;
  name: string;
  phase: string;
  stage: string;
  escalationLevel: number;
  overdue: boolean;
  remindersSent: number;
  registrationAttempts: number;
  milestones: Milestones;
  deadlines: Record<string, Deadline>;
  submissions: { registration?: Submission; 'interim-report'?: Submission; 'final-report'?: Submission };
  reviews: { interim?: Review; final?: Review };
}

export interface Review {
  at: string;
  rating: string;
  commendation?: string;
  note?: string;
}

export interface UnitEvent {
  id: string;
  seq: number;
  type: string;
  occurredAt: string;
  actor?: string;
  data: Record<string, unknown>;
}

export interface Task {
  campaignId: string;
  campaignTitle: string;
  unitId: string;
  kind: string;
  dueAt: string;
  cutoffAt: string | null;
  overdue: boolean;
  returnedReason?: string;
  timezone: string;
}

export interface DirectoryUnit {
  id: string;
  name: string;
  kind: string;
}

/** The milestones in the order they must come: the engine's own list (plain TypeScript, bundled as is). */
export { MILESTONE_ORDER } from '../../../libs/contracts/src/campaign/definition';

/** Commands a unit workflow accepts: imperative, plain JSON. */
import type { Initiative, Milestones, Rating, ReportMetrics, UnitEventData } from '../../../libs/contracts/src/campaign';

/** Every command, each with the instant it is decided at (workflow time). */
export type UnitCommand =
  | { type: 'Enrol'; at: string; data: UnitEventData['UnitEnrolled'] }
  | { type: 'Tick'; at: string; actor?: undefined }
  | { type: 'SubmitRegistration'; at: string; actor?: string; receivedAt?: string; data: { commitments: string; initiatives: Initiative[] } }
  | { type: 'DecideRegistration'; at: string; actor?: string; data: { decision: 'approve' | 'return'; reason?: string } }
  | { type: 'SubmitReport'; at: string; actor?: string; receivedAt?: string; data: { stage: 'interim' | 'final'; summary: string; metrics?: ReportMetrics } }
  | { type: 'RecordReview'; at: string; actor?: string; data: { stage: 'interim' | 'final'; rating: Rating; commendation?: string; note?: string } }
  | { type: 'MoveMilestones'; at: string; actor?: string; data: { milestones: Milestones } }
  | { type: 'Withdraw'; at: string; actor?: string; data: { reason?: string } }
  | { type: 'Cancel'; at: string; actor?: string; data: { reason?: string } };

/** Why a command was refused: a stable code and a Vietnamese message for the user. */
export class UnitRuleError extends Error {
  override readonly name = 'UnitRuleError';
  constructor(
    readonly code: 'invalid' | 'cutoff-passed' | 'wrong-phase' | 'closed',
    message: string,
  ) {
    super(message);
  }
}

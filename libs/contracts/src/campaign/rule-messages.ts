/**
 * Refusals that both the API (answering early from the read model) and the deciders (the rule itself) state:
 * written once so the user reads the same sentence whichever refuses first.
 */
import type { CampaignStatus } from './campaign-events';
import { PHASE_LABELS } from './labels';
import type { UnitPhase } from './unit-state';

/** The unit has ended its participation (a terminal phase). */
export function unitClosedMessage(phase: UnitPhase): string {
  return `Đơn vị đã kết thúc tham gia (${PHASE_LABELS[phase][0]}); không thể thực hiện thao tác này`;
}

/** The unit workflow is gone and its phase unknown. */
export const UNIT_CLOSED_MESSAGE = 'Đơn vị đã kết thúc tham gia đợt thi đua (hoàn thành, quá hạn chót, đã rút hoặc đợt thi đua đã hủy)';

/** The campaign no longer accepts changes. */
export function campaignClosedMessage(status: CampaignStatus | undefined): string {
  return status === 'cancelled'
    ? 'Đợt thi đua đã bị hủy'
    : status === 'finished'
      ? 'Đợt thi đua đã kết thúc'
      : 'Đợt thi đua đã kết thúc hoặc đã bị hủy';
}

/** A returned registration must say what to fix: the problem (led by the field), or undefined. */
export function returnReasonProblem(decision: 'approve' | 'return', reason: string | undefined): string | undefined {
  return decision === 'return' && !reason?.trim() ? 'reason (lý do trả lại) cần nêu khi trả lại đăng ký' : undefined;
}

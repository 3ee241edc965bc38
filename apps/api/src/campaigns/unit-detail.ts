/** The unit detail the API returns: the projected state, shaped for people. */
import { currentEscalationLevel, isOverdue, type UnitState } from '../../../../libs/contracts/src/campaign';

export function unitDetail(s: UnitState) {
  const deadlines: Record<string, unknown> = {};
  for (const [kind, t] of Object.entries(s.tasks)) {
    if (!t) continue;
    deadlines[kind] = {
      status: t.status,
      dueAt: t.dueAt,
      cutoffAt: t.cutoffAt ?? null,
      openedAt: t.openedAt ?? null,
      submittedAt: t.submittedAt ?? null,
      missed: t.missed,
      escalationLevel: t.escalationLevel,
      returnedReason: t.returnedReason ?? null,
    };
  }
  return {
    campaignId: s.campaign.campaignId,
    unitId: s.unit.id,
    name: s.unit.name,
    kind: s.unit.kind,
    phase: s.phase,
    stage: s.stage,
    escalationLevel: currentEscalationLevel(s),
    overdue: isOverdue(s),
    remindersSent: s.remindersSent,
    registrationAttempts: s.registrationAttempts,
    milestones: s.milestones,
    deadlines,
    submissions: s.submissions,
    reviews: s.reviews,
    enrolledAt: s.enrolledAt,
    updatedAt: s.updatedAt,
  };
}

export type UnitDetail = ReturnType<typeof unitDetail>;

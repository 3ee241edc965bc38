/** The unit detail the API returns: the projected state, shaped for people. */
import {
  appliesToUnit,
  type Deadline,
  type UnitDetail,
  currentEscalationLevel,
  isOverdue,
  taskLabel,
  type TaskKind,
  type UnitState,
} from '@thidua/contracts';

/** The detail of a unit, from its projected (or queried) state. */
export function unitDetail(s: UnitState): UnitDetail {
  const deadlines: Partial<Record<TaskKind, Deadline>> = {};
  for (const t of Object.values(s.tasks)) {
    if (!t) continue;
    deadlines[t.kind] = {
      title: taskLabel(t.kind, s.reports)[0],
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
    criteria: s.criteria ? s.criteria.filter((c) => appliesToUnit(c, s.unit)) : null,
    rounds: s.reports ?? [],
    meetings: s.meetings ?? [],
    enrolledAt: s.enrolledAt,
    updatedAt: s.updatedAt,
  };
}

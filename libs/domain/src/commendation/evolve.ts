/** evolve(state, event) → state of a campaign's commendation stage. Pure; also folds the `commendations` row. */
import { COMMENDABLE_PHASES, type CommendationEvent, type CommendationState, type CommendationUnit, type Nominee } from '@thidua/contracts';

import { upcastForm } from './rules';

type Task = NonNullable<CommendationUnit['task']>;

/** Applies one commendation event. */
export function evolveCommendation(
  state: CommendationState | undefined,
  event: CommendationEvent,
  campaignId = state?.campaignId ?? '',
): CommendationState {
  if (event.type === 'CommendationOpened') {
    const { setup, context } = event.data;
    const dueAt = setup.nominationsDue;
    // Every unit whose final report is in nominates its individuals (an empty list says "none").
    const units = context.units.map((u): CommendationUnit =>
      COMMENDABLE_PHASES.includes(u.phase) ? { ...u, task: { status: 'open', dueAt, sent: [], escalationLevel: 0 } } : u,
    );
    return {
      ...context,
      forms: context.forms.map(upcastForm),
      units,
      campaignId,
      stage: 'nominating',
      setup,
      nominees: [],
      scores: [],
      objections: [],
      openedAt: event.at,
      seq: event.seq,
    };
  }
  if (!state) throw new Error(`Commendation event ${event.type} before CommendationOpened`);
  const next: CommendationState = { ...state, seq: event.seq };
  const nominee = (id: string, change: (n: Nominee) => Nominee): CommendationState => ({
    ...next,
    nominees: state.nominees.map((n) => (n.id === id ? change(n) : n)),
  });
  const task = (unitId: string, change: (t: Task) => Task): CommendationState => ({
    ...next,
    units: state.units.map((u) => (u.unitId === unitId && u.task ? { ...u, task: change(u.task) } : u)),
  });
  switch (event.type) {
    case 'NominationProposed':
    case 'IndividualNominated': {
      // A person sent again keeps their id: the new details take the earlier entry's place in the list.
      const added = event.data.nominee;
      const replaced = state.nominees.some((n) => n.id === added.id);
      return { ...next, nominees: replaced ? state.nominees.map((n) => (n.id === added.id ? added : n)) : [...state.nominees, added] };
    }
    case 'NominationWithdrawn':
      return nominee(event.data.nomineeId, (n) => ({ ...n, status: 'removed', removedReason: event.data.reason }));
    case 'NominationsSubmitted':
      // The return's reason stays on the task: the unit and the coordinator see what was asked for.
      return task(event.data.unitId, (t) => ({ ...t, status: 'submitted', submittedAt: event.at, late: event.data.late }));
    case 'NominationsReturned':
      // A new period: its reminders and escalations start again.
      return task(event.data.unitId, (t) => ({
        ...t,
        status: 'returned',
        returnedReason: event.data.reason,
        dueAt: event.data.dueAt,
        openedAt: event.at,
        sent: [],
        escalationLevel: 0,
      }));
    case 'NominationReminderSent':
      return task(event.data.unitId, (t) => ({ ...t, sent: [...t.sent, event.data.key] }));
    case 'NominationsEscalated':
      return task(event.data.unitId, (t) => ({ ...t, sent: [...t.sent, `level:${event.data.level}`], escalationLevel: event.data.level }));
    case 'ScoreRecorded': {
      const s = event.data.score;
      return { ...next, scores: [...state.scores.filter((x) => !(x.unitId === s.unitId && x.criterion === s.criterion)), s] };
    }
    case 'CouncilConvened':
      return { ...next, council: event.data.council };
    case 'CouncilVoteRecorded': {
      const { ballot, result, round } = event.data;
      return nominee(event.data.nomineeId, (n) => ({
        ...n,
        status: result.passed ? 'passed' : 'rejected',
        vote: { ...ballot, ...result, at: event.at, ...(round !== undefined && round > 1 ? { round } : {}) },
      }));
    }
    case 'ClusterVoteRecorded':
      return { ...next, clusterRounds: [...(state.clusterRounds ?? []), event.data.result] };
    case 'ListPosted': {
      const { endsAt, days, workingDays, sheets, closedTasks } = event.data;
      const closed = new Set(closedTasks);
      const units = state.units.map((u) => (u.task && closed.has(u.unitId) ? { ...u, task: { ...u.task, status: 'closed' as const } } : u));
      return { ...next, units, stage: 'posted', posting: { postedAt: event.at, endsAt, days, workingDays, sheets, ended: false } };
    }
    case 'ObjectionRaised':
      return { ...next, objections: [...state.objections, event.data.objection] };
    case 'MinutesAttached':
      return { ...next, minutes: [...(state.minutes ?? []), ...event.data.attachments] };
    case 'ObjectionResolved': {
      const { objectionId, outcome, resolution } = event.data;
      const objection = state.objections.find((o) => o.id === objectionId)!;
      const objections = state.objections.map((o) =>
        o.id === objectionId ? { ...o, status: outcome, resolution, resolvedAt: event.at } : o,
      );
      const after = { ...next, objections };
      if (outcome !== 'upheld') return after;
      return {
        ...after,
        nominees: state.nominees.map((n) =>
          n.id === objection.nomineeId ? { ...n, status: 'removed' as const, removedReason: `Ý kiến ${objectionId}: ${resolution}` } : n,
        ),
      };
    }
    case 'PostingEnded':
      return { ...next, posting: state.posting && { ...state.posting, ended: true } };
    case 'DecisionIssued': {
      const { number, numberText, signerTitle, signerName, awarded, papers } = event.data;
      const decision = { number, numberText, issuedAt: event.at, signerTitle, signerName, awarded, ...(papers ? { papers } : {}) };
      return { ...next, stage: 'decided', decision };
    }
    default: {
      const never: never = event;
      throw new Error(`Unknown commendation event ${JSON.stringify(never)}`);
    }
  }
}

/** evolve(state, event) → state for a campaign stream. Pure; also folds the `campaigns` row. */
import type { CampaignEvent, CampaignState } from '@thidua/contracts';

/** Applies one campaign event. */
export function evolveCampaign(
  state: CampaignState | undefined,
  event: CampaignEvent,
  campaignId = state?.campaignId ?? '',
): CampaignState {
  if (event.type === 'CampaignLaunched') {
    const { milestones, reports } = event.data;
    return { campaignId, status: 'launching', milestones, ...(reports ? { reports } : {}), unitsTotal: event.data.units, seq: event.seq };
  }
  if (!state) throw new Error(`Campaign event ${event.type} before CampaignLaunched`);
  const next = { ...state, seq: event.seq };
  switch (event.type) {
    case 'CampaignRunning':
      return { ...next, status: 'running' };
    case 'MilestoneMoved':
      return { ...next, milestones: event.data.milestones, ...(event.data.reports ? { reports: event.data.reports } : {}) };
    case 'UnitAdded': {
      // Recorded before positions were: the unit went after the last one, which is where the count puts it.
      const position = event.data.position ?? state.unitsTotal + 1;
      return { ...next, unitsTotal: state.unitsTotal + 1, added: [...(state.added ?? []), { unitId: event.data.unit.id, position }] };
    }
    case 'CalendarChanged':
      return { ...next, calendarStamp: event.data.stamp };
    case 'CampaignCancelled':
      return { ...next, status: 'cancelled' };
    case 'CampaignFinished':
      return { ...next, status: 'finished' };
    default: {
      const never: never = event;
      throw new Error(`Unknown campaign event ${JSON.stringify(never)}`);
    }
  }
}

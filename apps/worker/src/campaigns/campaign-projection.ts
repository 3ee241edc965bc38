/** The `campaigns` row as a read model of the campaign stream: the campaign decider's evolve, folded in the append's transaction. */
import type { EntityManager } from 'typeorm';
import type { CampaignEvent } from '@thidua/contracts';
import { lockCampaignState, saveCampaignState } from '@thidua/persistence';
import { evolveCampaign } from '@thidua/domain';

/** Folds freshly stored campaign events into the campaigns row. */
export async function projectCampaign(m: EntityManager, campaignId: string, events: readonly CampaignEvent[]): Promise<void> {
  let state = await lockCampaignState(m, campaignId);
  if (!state) throw new Error(`Unknown campaign ${campaignId}`);
  for (const e of events) if (e.seq > state.seq) state = evolveCampaign(state, e, campaignId);
  await saveCampaignState(m, state);
}

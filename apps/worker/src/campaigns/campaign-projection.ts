/** The `campaigns` row as a read model of the campaign stream: the campaign decider's evolve, folded in the append's transaction. */
import type { EntityManager } from 'typeorm';
import type { CampaignEvent } from '@thidua/contracts';
import { addCampaignUnit, lockCampaignState, saveCampaignState } from '@thidua/persistence';
import { evolveCampaign } from '@thidua/domain';

/** Folds freshly stored campaign events into the campaigns row, and a unit added into campaign_units. */
export async function projectCampaign(m: EntityManager, campaignId: string, events: readonly CampaignEvent[]): Promise<void> {
  let state = await lockCampaignState(m, campaignId);
  if (!state) throw new Error(`Unknown campaign ${campaignId}`);
  const fresh = events.filter((e) => e.seq > state!.seq);
  if (fresh.length === 0) return;
  for (const e of fresh) {
    state = evolveCampaign(state, e, campaignId);
    if (e.type === 'UnitAdded') await addCampaignUnit(m, campaignId, e.data.unit, e.data.position);
  }
  await saveCampaignState(m, state, fresh[fresh.length - 1].at);
}

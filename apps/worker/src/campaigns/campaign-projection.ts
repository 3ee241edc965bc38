/** The `campaigns` row as a read model of the campaign stream: the campaign decider's evolve, folded in the append's transaction. */
import type { EntityManager } from 'typeorm';
import type { CampaignEvent, CampaignState } from '../../../../libs/contracts/src/campaign';
import { evolveCampaign } from '../../../../workflows/src/campaign/evolve';

/** Folds freshly stored campaign events into the campaigns row. */
export async function projectCampaign(m: EntityManager, campaignId: string, events: readonly CampaignEvent[]): Promise<void> {
  const rows: Array<{ status: CampaignState['status']; definition: { milestones: CampaignState['milestones'] }; units_total: number; version: number }> = await m.query(
    'SELECT status, definition, units_total, version FROM campaigns WHERE id = $1 FOR UPDATE',
    [campaignId],
  );
  const row = rows[0];
  if (!row) throw new Error(`Unknown campaign ${campaignId}`);
  let state: CampaignState = { campaignId, status: row.status, milestones: row.definition.milestones, unitsTotal: row.units_total, seq: row.version };
  for (const e of events) if (e.seq > state.seq) state = evolveCampaign(state, e, campaignId);
  await m.query(
    `UPDATE campaigns SET status = $2, definition = jsonb_set(definition, '{milestones}', $3::jsonb), units_total = $4, version = $5, updated_at = now() WHERE id = $1`,
    [campaignId, state.status, JSON.stringify(state.milestones), state.unitsTotal, state.seq],
  );
}

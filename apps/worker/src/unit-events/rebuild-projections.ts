/** Rebuilds the unit_status read model from the event log alone (same fold as the live projection). */
import type { DataSource } from 'typeorm';
import type { UnitState } from '@thidua/contracts';
import { campaignsWithUnitStreams, readUnitStreams, toUnitEvent, deleteUnitStatuses, saveUnitStates } from '@thidua/persistence';
import { foldUnitEvents } from '@thidua/campaigns';

/** Deletes and re-derives unit_status (for one campaign, or all) in one transaction; returns units rebuilt. */
export async function rebuildUnitProjections(ds: DataSource, campaignId?: string): Promise<number> {
  return ds.transaction(async (m) => {
    const campaigns = campaignId ? [campaignId] : await campaignsWithUnitStreams(m);
    let units = 0;
    for (const campaign of campaigns) {
      await deleteUnitStatuses(m, campaign);
      const folded = new Map<string, UnitState | undefined>();
      for (const e of await readUnitStreams(m, campaign)) folded.set(e.unitId, foldUnitEvents(folded.get(e.unitId), [toUnitEvent(e)]));
      const states = [...folded.values()].filter((s): s is UnitState => s !== undefined);
      // In pages: one statement per thousand units rather than a round trip per unit.
      for (let i = 0; i < states.length; i += 1000) await saveUnitStates(m, states.slice(i, i + 1000));
      units += states.length;
    }
    return units;
  });
}

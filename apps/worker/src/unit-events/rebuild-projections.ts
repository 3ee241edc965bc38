/** Rebuilds the unit_status read model from the event log alone (same fold as the live projection). */
import type { DataSource } from 'typeorm';
import type { UnitEvent, UnitState } from '../../../../libs/contracts/src/campaign';
import { foldUnitEvents, saveUnitState } from './unit-projection';

interface EventRow {
  unit_id: string;
  seq: number;
  type: UnitEvent['type'];
  occurred_at: Date;
  actor: string | null;
  data: never;
}

/** Deletes and re-derives unit_status (for one campaign, or all) in one transaction; returns units rebuilt. */
export async function rebuildUnitProjections(ds: DataSource, campaignId?: string): Promise<number> {
  return ds.transaction(async (m) => {
    const campaigns: Array<{ campaign_id: string }> = campaignId
      ? [{ campaign_id: campaignId }]
      : await m.query('SELECT DISTINCT campaign_id FROM events WHERE unit_id IS NOT NULL');
    let units = 0;
    for (const { campaign_id } of campaigns) {
      await m.query('DELETE FROM unit_status WHERE campaign_id = $1', [campaign_id]);
      const rows: EventRow[] = await m.query(
        'SELECT unit_id, seq, type, occurred_at, actor, data FROM events WHERE campaign_id = $1 AND unit_id IS NOT NULL ORDER BY unit_id, seq',
        [campaign_id],
      );
      let current: { unitId: string; state: UnitState | undefined } | undefined;
      const flush = async (): Promise<void> => {
        if (current?.state) {
          await saveUnitState(m, current.state);
          units++;
        }
      };
      for (const r of rows) {
        if (current?.unitId !== r.unit_id) {
          await flush();
          current = { unitId: r.unit_id, state: undefined };
        }
        const event = { type: r.type, seq: r.seq, at: r.occurred_at.toISOString(), actor: r.actor ?? undefined, data: r.data } as UnitEvent;
        current.state = foldUnitEvents(current.state, [event]);
      }
      await flush();
    }
    return units;
  });
}

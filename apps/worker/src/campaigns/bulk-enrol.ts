/**
 * Stores UnitEnrolled for a whole launch batch in one transaction (events, unit_status: one statement each), so each unit
 * workflow starts from that snapshot instead of spending a write of its own on its first task.
 */
import type { DataSource } from 'typeorm';
import type { CampaignHeader, UnitPlan, UnitRef, UnitState } from '@thidua/contracts';
import { startStreams, streams, toUnitEvent, saveUnitStates } from '@thidua/persistence';
import { evolve } from '@thidua/domain';

/** Enrols units in the store (idempotent: a unit enrolled before keeps its stored event) and returns each unit's state after UnitEnrolled. */
export async function storeEnrolments(
  ds: DataSource,
  header: CampaignHeader,
  units: readonly UnitRef[],
  plan: UnitPlan,
): Promise<Map<string, UnitState>> {
  const at = new Date().toISOString();
  const states = new Map<string, UnitState>();
  await ds.transaction(async (m) => {
    const started = await startStreams(
      m,
      units.map((unit) => ({
        ref: streams.unit(header.campaignId, unit.id),
        event: { type: 'UnitEnrolled', at, data: { campaign: header, unit, ...plan } },
      })),
    );
    const fresh: UnitState[] = [];
    for (const { ref, event, created } of started) {
      const state = evolve(undefined, toUnitEvent(event));
      if (created) fresh.push(state);
      states.set(ref.unitId!, state);
    }
    await saveUnitStates(m, fresh);
  });
  return states;
}

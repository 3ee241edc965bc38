/**
 * A campaign's change carried to a page of its units in one transaction: each unit's command is decided
 * against its projected state (the fold of its log, locked with its stream), the events appended at that
 * version, projected and their notifications written, as each unit's own append would. The units then only
 * adopt what was stored (one signal, one workflow task each, no transaction of their own).
 */
import type { DataSource } from 'typeorm';
import type { UnitCommand } from '@thidua/domain';
import { decide } from '@thidua/domain';
import type { UnitEvent, UnitState } from '@thidua/contracts';
import {
  appendToLockedStreams,
  insertNotificationsOfUnits,
  lockStreams,
  lockUnitStates,
  type NotificationDraft,
  readCommandEvents,
  saveUnitStates,
  streams,
  streamVersions,
  toUnitEvent,
} from '@thidua/persistence';
import { projectUnitEvents } from '@thidua/campaigns';

/**
 * What each unit of the page is told: the events stored for it (by this transaction, or by an earlier attempt
 * of the same page that committed), or `undefined` when it decides for itself (not projected yet, or the
 * decider refused here: the unit logs it). Units the change leaves as they are (ended, already moved) are absent.
 */
export type FanOutPage = Map<string, readonly UnitEvent[] | undefined>;

export async function storeFanOutPage(
  ds: DataSource,
  input: { readonly campaignId: string; readonly unitIds: readonly string[]; readonly key: string; readonly command: UnitCommand },
): Promise<FanOutPage> {
  const { campaignId, key, command } = input;
  const refs = input.unitIds.map((unitId) => ({ unitId, ref: streams.unit(campaignId, unitId) }));
  const names = refs.map((r) => r.ref.stream);
  return ds.transaction(async (m) => {
    await lockStreams(m, names);
    const versions = await streamVersions(m, names);
    const earlier = await readCommandEvents(m, names, key);
    const states = await lockUnitStates(m, campaignId, input.unitIds);
    const told: FanOutPage = new Map();
    const appends: Array<{ ref: (typeof refs)[number]['ref']; version: number; events: UnitEvent[] }> = [];
    const projected: UnitState[] = [];
    const notifications: Array<{ unitId: string; drafts: NotificationDraft[] }> = [];
    for (const { unitId, ref } of refs) {
      const stored = earlier.get(ref.stream);
      if (stored) {
        told.set(unitId, stored.map(toUnitEvent));
        continue;
      }
      const state = states.get(unitId);
      const version = versions.get(ref.stream) ?? 0;
      if (!state || state.seq !== version) {
        told.set(unitId, undefined);
        continue;
      }
      let decided: ReturnType<typeof decide>;
      try {
        decided = decide(state, command);
      } catch {
        told.set(unitId, undefined);
        continue;
      }
      if (decided.length === 0) continue;
      const events: UnitEvent[] = decided.map((e, i) => ({ ...e, commandId: key, seq: version + i + 1 }));
      const next = projectUnitEvents(state, events);
      appends.push({ ref, version, events });
      if (next.state) projected.push(next.state);
      notifications.push({ unitId, drafts: next.drafts });
      told.set(unitId, events);
    }
    await appendToLockedStreams(m, appends);
    await saveUnitStates(m, projected);
    await insertNotificationsOfUnits(m, campaignId, notifications);
    return told;
  });
}

/** The unit_status read model: the decider's evolve() folded over the unit's events (stored by libs/persistence). */
import type { UnitEvent, UnitState } from '@thidua/contracts';
import { evolve } from '@thidua/domain';
import type { NotificationDraft } from '@thidua/persistence';
import { renderNotifications } from './render-notifications';

/** Folds events (in seq order, each exactly once) into the state; refuses a gap in the stream. */
export function foldUnitEvents(state: UnitState | undefined, events: readonly UnitEvent[]): UnitState | undefined {
  let s = state;
  for (const e of events) {
    const last = s?.seq ?? 0;
    if (e.seq <= last) continue;
    if (e.seq !== last + 1) throw new Error(`Gap in unit stream: expected seq ${last + 1}, got ${e.seq}`);
    s = evolve(s, e);
  }
  return s;
}

/** Freshly stored events folded into the projected state, with the notifications each causes (written in the same transaction). */
export function projectUnitEvents(
  state: UnitState | undefined,
  events: readonly UnitEvent[],
): { readonly state: UnitState | undefined; readonly drafts: NotificationDraft[] } {
  let s = state;
  const drafts: NotificationDraft[] = [];
  for (const event of events) {
    s = foldUnitEvents(s, [event]);
    if (s) drafts.push(...renderNotifications(event, s));
  }
  return { state: s, drafts };
}

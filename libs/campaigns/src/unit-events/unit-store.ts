/**
 * A unit's events stored with its read model and outbox in one transaction. Two writers use it: the unit
 * workflow's append (a local activity, at the version its workflow decided from), and the API, which decides a
 * caller's command itself against the projected state, under the stream's lock, and has the workflow adopt the
 * events afterwards (a signal owed from the same transaction).
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { CampaignStatus, NewUnitEvent, UnitEvent, UnitState } from '@thidua/contracts';
import { Ledger, nextAlarm, UNIT_MODEL, type CallerCommand, type UnitCommand } from '@thidua/domain';
import {
  appendToLockedStream,
  insertNotifications,
  lockUnitState,
  lockStreamAndReadUnit,
  oweAnnouncement,
  saveUnitState,
  streams,
  toUnitEvent,
} from '@thidua/persistence';
import { foldUnitEvents, projectUnitEvents } from './unit-projection';

/**
 * Folds freshly stored events into unit_status and writes the notifications they cause; `before` is the unit's
 * projected state when the caller already holds its row, else it is read and locked here.
 */
export async function projectUnit(
  m: EntityManager,
  campaignId: string,
  unitId: string,
  events: readonly UnitEvent[],
  before?: UnitState,
): Promise<void> {
  const { state, drafts } = projectUnitEvents(before ?? (await lockUnitState(m, campaignId, unitId)), events);
  if (state) await saveUnitState(m, state);
  await insertNotifications(m, campaignId, unitId, drafts);
}

/** What the API stored for a caller's command: the unit after it, and its events (none when it was stored before, under the same command id). */
export interface StoredUnitCommand {
  readonly state: UnitState;
  readonly stored: readonly UnitEvent[];
}

/** Seconds the worker leaves the API to announce its events itself before it does. */
export const ANNOUNCEMENT_GRACE_SECONDS = 15;

/**
 * Decides a caller's command against the unit's projected state and stores its events, projection, notifications
 * and the announcement owed to the workflow in one transaction, under the stream's lock (taken with the read: a
 * writer that committed just before it was granted, or a projection behind the log, which it never is, makes the
 * append meet the log: the stored events are folded in and the command decided again). `admit` sees the unit and
 * its campaign's status first and throws to refuse. What the plan's time has brought by the command's instant (an
 * alarm due whose timer has not fired yet) is decided first and stored with the command, as the workflow's own
 * tick would have. A command id already in the stream answers the state, deciding nothing (a retry after the
 * first answer was lost). Throws the decider's refusal, storing nothing; undefined: the unit is not projected.
 */
export async function storeUnitCommand(
  ds: DataSource,
  campaignId: string,
  unitId: string,
  cmd: CallerCommand,
  commandId?: string,
  admit: (state: UnitState, campaignStatus: CampaignStatus) => void = () => undefined,
): Promise<StoredUnitCommand | undefined> {
  const ref = streams.unit(campaignId, unitId);
  return ds.transaction(async (m) => {
    const found = await lockStreamAndReadUnit(m, ref.stream, campaignId, unitId, commandId);
    if (!found) return undefined;
    admit(found.state, found.campaignStatus);
    let state = found.state;
    if (found.commandStored) return { state, stored: [] };
    for (;;) {
      const ledger = new Ledger<UnitState, UnitCommand, NewUnitEvent>(UNIT_MODEL, state);
      // What the plan's time has brought by now comes first, as the workflow's alarm would have (a review right
      // after the interim review date finds the unit in review even when its own timer has not fired yet).
      const alarm = nextAlarm(state, cmd.at);
      if (alarm !== undefined && Date.parse(alarm) <= Date.parse(cmd.at))
        ledger.submit({ type: 'Tick', at: cmd.at, missedBeforeClose: true }, 'internal');
      ledger.submit(cmd, 'update', commandId);
      const batch = ledger.nextBatch();
      if (batch.length === 0) return { state, stored: [] };
      const outcome = await appendToLockedStream(m, ref, state.seq, batch);
      if (outcome.status === 'conflict') {
        state = foldUnitEvents(state, outcome.stored.map(toUnitEvent))!;
        // The writer that got in first may have been this command's own first try (a retry racing it).
        if (commandId && outcome.stored.some((e) => e.commandId === commandId)) return { state, stored: [] };
        continue;
      }
      await projectUnit(m, campaignId, unitId, batch, state);
      await oweAnnouncement(m, campaignId, unitId, batch[batch.length - 1].seq, ANNOUNCEMENT_GRACE_SECONDS);
      return { state: ledger.state!, stored: batch };
    }
  });
}

/**
 * Event type names for tests, from the typed unions of the contracts: a typo does not compile (a test that
 * counted `'MilestonesMoved'`, a type that does not exist, could never fail).
 */
import type { CampaignEventType, CommendationEventData, RecordEventType, UnitEventType } from '@thidua/contracts';

/** Every event type the log may hold. */
export type StoredEventType = UnitEventType | CampaignEventType | keyof CommendationEventData | RecordEventType;

/** An event type, checked: `e.type === eventType('ReminderSent')`. */
export function eventType<T extends StoredEventType>(type: T): T {
  return type;
}

/** Event types as an SQL list: `type IN (${ofType('ReminderSent', 'UnitEscalated')})`. */
export function ofType(...types: StoredEventType[]): string {
  return types.map((t) => `'${t}'`).join(', ');
}

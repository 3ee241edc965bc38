/**
 * Events of the streams outside a campaign: accounts, the unit directory, plan templates, the working calendar
 * and the catalogue of commendation forms. Past tense, plain JSON; names are stored forever. Fields added later
 * are optional: events recorded before them are read without (their projections fold them to what the row held).
 */
import type { OrgKind, OrgSettings } from '../api/organisations';
import type { Grant, Role } from '../api/responses';
import type { ClusterRecord } from './clusters';
import type { CommendationForm } from './commendation';
import type { LegalText } from './legal-texts';
import type { UnitKind } from './definition';
import type { StreamEventOf } from './unit-events';

/** An announced day off or day worked (the calendar's overrides of the holiday rules). */
export interface DayOverrideRecord {
  readonly date: string;
  readonly kind: 'day-off' | 'working-day';
  readonly name: string;
}

/** Payload of each event of an account stream (`account:<id>`). Passwords are never in the log. */
export interface AccountEventData {
  /** `displayName` absent: recorded before it was (the row's name stands). */
  /** `org` absent: recorded before organisations, in the root organisation. */
  AccountCreated: { username: string; role: Role; unitId: string | null; displayName?: string | null; org?: string };
  /** The account's whole set of roles after the change (an admin changes only those in their scope). */
  RolesChanged: { grants: Grant[] };
  /** The change as asked: a display name (trimmed when stored) and/or disabling. */
  AccountChanged: { displayName?: string; disabled?: boolean };
  PasswordReset: Record<string, never>;
}

/** Payload of each event of a directory stream (`directory:<unit>`). */
export interface DirectoryEventData {
  /** `org` absent: recorded before organisations, in the root organisation. */
  UnitRegistered: { id: string; name: string; kind: UnitKind; headEmail?: string; contactEmail?: string; org?: string };
  /** The change as asked (trimmed when stored; an e-mail absent is cleared). */
  UnitChanged: { name: string; headEmail?: string; contactEmail?: string };
}

/** A unit's directory entry after a `UnitChanged`: the live writer and the rebuild apply the change alike. */
export function changedUnit(change: DirectoryEventData['UnitChanged']): {
  name: string;
  headEmail: string | null;
  contactEmail: string | null;
} {
  return { name: change.name.trim(), headEmail: change.headEmail?.trim() ?? null, contactEmail: change.contactEmail?.trim() ?? null };
}

/** Payload of each event of a template stream (`template:<id>`); each version's content is kept in its own row, never changed. */
export interface TemplateEventData {
  /** `org` absent: recorded before organisations, in the root organisation (a built-in one is shared down the tree). */
  TemplateCreated: { version: 1; title: string; clonedFrom?: string; builtin?: true; historical?: true; org?: string; shared?: boolean };
  /** Offered to (or withdrawn from) every organisation below its owner. */
  TemplateShared: { shared: boolean };
  TemplateSaved: { version: number; title: string; builtin?: true };
}

/** Payload of each event of an organisation's stream (`organisation:<id>`). The root organisation has no `OrganisationRegistered`: the migration made it. */
export interface OrganisationEventData {
  OrganisationRegistered: { parentId: string; kind: OrgKind; name: string; shortName: string | null; code: string | null };
  /** The fields changed, as stored (settings whole). */
  OrganisationChanged: { kind?: OrgKind; name?: string; shortName?: string | null; code?: string | null; settings?: OrgSettings };
  /** Its signing certificate was set (the key material is kept sealed beside the log, never in it). */
  SigningCertificateSet: { subject: string; fingerprint: string; notBefore: string; notAfter: string; actor: string };
  SigningCertificateRemoved: { fingerprint: string; actor: string };
}

/** Payload of each event of a legal text's stream (`legal-text:<id>`): texts admins add when the law changes. */
export interface LegalTextEventData {
  LegalTextAdded: { text: LegalText; actor: string };
  LegalTextRemoved: { id: string; actor: string };
}

/** Payload of each event of a cluster's stream (`cluster:<id>`): the whole cluster as it stands after the change. */
export interface ClusterEventData {
  ClusterDefined: { cluster: ClusterRecord };
  ClusterChanged: { cluster: ClusterRecord };
}

/** Payload of each event of a calendar stream (`calendar:<year>`): the year's whole set of overrides. */
export interface CalendarEventData {
  CalendarOverridesSet: { year: number; overrides: DayOverrideRecord[]; previous: DayOverrideRecord[]; seeded?: true };
}

/** Payload of each event of a form's stream (`commendation-form:<id>`). */
export interface FormEventData {
  CommendationFormAdded: CommendationForm & { builtIn?: true };
  CommendationFormChanged: CommendationForm & { version: number };
}

/** One event of each family. */
export type AccountEvent = StreamEventOf<AccountEventData>;
export type DirectoryEvent = StreamEventOf<DirectoryEventData>;
export type TemplateEvent = StreamEventOf<TemplateEventData>;
export type CalendarEvent = StreamEventOf<CalendarEventData>;
export type FormEvent = StreamEventOf<FormEventData>;
export type OrganisationEvent = StreamEventOf<OrganisationEventData>;
export type ClusterEvent = StreamEventOf<ClusterEventData>;
export type LegalTextEvent = StreamEventOf<LegalTextEventData>;

/** Every event type of the outside streams. */
export type RecordEventType =
  | keyof AccountEventData
  | keyof DirectoryEventData
  | keyof TemplateEventData
  | keyof CalendarEventData
  | keyof FormEventData
  | keyof OrganisationEventData
  | keyof ClusterEventData
  | keyof LegalTextEventData;

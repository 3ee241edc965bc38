/**
 * Folds of the streams outside campaigns into their rows: accounts, the unit directory, plan templates, the
 * working calendar and the forms catalogue. Pure: events in, rows out; the same values the live writers store.
 */
import {
  changedUnit,
  type AccountEvent,
  type CalendarEvent,
  type CommendationForm,
  type DayOverrideRecord,
  type DirectoryEvent,
  type FormEvent,
  type Grant,
  type LegalText,
  type LegalTextEvent,
  type OrganisationEvent,
  type OrgKind,
  type OrgSettings,
  type TemplateEvent,
  type UnitKind,
} from '@thidua/contracts';
import { ROOT_ORG } from '@thidua/persistence';

/** An account's row as its stream states it; `undefined` fields: the log does not say (recorded before it did). */
export interface AccountRecord {
  readonly id: string;
  readonly username: string;
  readonly orgId: string;
  readonly grants: readonly Grant[];
  readonly displayName: string | null | undefined;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly disabledAt: string | null;
}

/** Folds one account's stream. */
export function foldAccount(id: string, events: readonly AccountEvent[]): AccountRecord | undefined {
  let a: AccountRecord | undefined;
  for (const e of events) {
    switch (e.type) {
      case 'AccountCreated':
        a = {
          id,
          username: e.data.username,
          orgId: e.data.org ?? ROOT_ORG,
          grants: [{ orgId: e.data.org ?? ROOT_ORG, role: e.data.role, unitId: e.data.unitId }],
          displayName: e.data.displayName,
          createdAt: e.at,
          createdBy: e.actor ?? null,
          disabledAt: null,
        };
        break;
      case 'AccountChanged':
        if (!a) break;
        if (e.data.displayName !== undefined) a = { ...a, displayName: e.data.displayName.trim() };
        if (e.data.disabled !== undefined) a = { ...a, disabledAt: e.data.disabled ? (a.disabledAt ?? e.at) : null };
        break;
      case 'RolesChanged':
        if (a) a = { ...a, grants: e.data.grants };
        break;
      case 'PasswordReset':
        break;
      default: {
        const never: never = e;
        throw new Error(`Unknown account event ${JSON.stringify(never)}`);
      }
    }
  }
  return a;
}

/** A directory unit's row. */
export interface DirectoryRecord {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly headEmail: string | null;
  readonly contactEmail: string | null;
  readonly createdAt: string;
  readonly createdBy: string | null;
}

/** Folds one directory stream. */
export function foldDirectoryUnit(events: readonly DirectoryEvent[]): DirectoryRecord | undefined {
  let u: DirectoryRecord | undefined;
  for (const e of events) {
    switch (e.type) {
      case 'UnitRegistered': {
        const { id, name, kind, headEmail, contactEmail, org } = e.data;
        u = {
          id,
          orgId: org ?? ROOT_ORG,
          name,
          kind,
          headEmail: headEmail ?? null,
          contactEmail: contactEmail ?? null,
          createdAt: e.at,
          createdBy: e.actor ?? null,
        };
        break;
      }
      case 'UnitChanged':
        if (u) u = { ...u, ...changedUnit(e.data) };
        break;
      default: {
        const never: never = e;
        throw new Error(`Unknown directory event ${JSON.stringify(never)}`);
      }
    }
  }
  return u;
}

/** A template's row (its versions' content is in rows of their own, written once). */
export interface TemplateRecord {
  readonly id: string;
  readonly orgId: string;
  readonly shared: boolean;
  readonly builtin: boolean;
  readonly historical: boolean;
  readonly clonedFrom: string | null;
  readonly currentVersion: number;
  readonly createdAt: string;
  readonly createdBy: string | null;
}

/** Folds one template stream. */
export function foldTemplate(id: string, events: readonly TemplateEvent[]): TemplateRecord | undefined {
  let t: TemplateRecord | undefined;
  for (const e of events) {
    switch (e.type) {
      case 'TemplateCreated':
        t = {
          id,
          orgId: e.data.org ?? ROOT_ORG,
          // A built-in template is offered to every organisation.
          shared: e.data.shared ?? e.data.builtin === true,
          builtin: e.data.builtin === true,
          historical: e.data.historical === true,
          clonedFrom: e.data.clonedFrom ?? null,
          currentVersion: e.data.version,
          createdAt: e.at,
          createdBy: e.actor ?? null,
        };
        break;
      case 'TemplateSaved':
        if (t) t = { ...t, currentVersion: e.data.version };
        break;
      case 'TemplateShared':
        if (t) t = { ...t, shared: e.data.shared };
        break;
      default: {
        const never: never = e;
        throw new Error(`Unknown template event ${JSON.stringify(never)}`);
      }
    }
  }
  return t;
}

/** A calendar override's row. */
export type OverrideRecord = DayOverrideRecord & { readonly updatedAt: string; readonly updatedBy: string | null };

/** Folds one year's calendar stream: the last set stands whole. */
export function foldCalendarYear(events: readonly CalendarEvent[]): OverrideRecord[] {
  const last = events[events.length - 1];
  return last ? last.data.overrides.map((o) => ({ ...o, updatedAt: last.at, updatedBy: last.actor ?? null })) : [];
}

/** A form's row. */
export interface FormRecord {
  readonly id: string;
  readonly position: number;
  readonly form: CommendationForm;
  readonly builtIn: boolean;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string | null;
}

/** Folds every form stream, in the order the forms were added (their positions in the catalogue). */
export function foldForms(events: ReadonlyArray<FormEvent & { readonly stream: string }>): FormRecord[] {
  const forms = new Map<string, FormRecord>();
  for (const e of events) {
    if (e.type === 'CommendationFormAdded') {
      const { builtIn, ...form } = e.data;
      if (!forms.has(form.id))
        forms.set(form.id, {
          id: form.id,
          position: forms.size + 1,
          form,
          builtIn: builtIn === true,
          version: 1,
          updatedAt: e.at,
          updatedBy: e.actor ?? null,
        });
    } else {
      const { version, ...form } = e.data;
      const current = forms.get(form.id);
      if (current) forms.set(form.id, { ...current, form, version, updatedAt: e.at, updatedBy: e.actor ?? null });
    }
  }
  return [...forms.values()];
}

/** An organisation's row as its stream states it (the root's fields the migration set stand until changed). */
export interface OrganisationRecord {
  readonly id: string;
  readonly parentId?: string;
  readonly kind?: OrgKind;
  readonly name?: string;
  readonly shortName?: string | null;
  readonly code?: string | null;
  readonly settings?: OrgSettings;
  readonly createdAt?: string;
  readonly createdBy?: string | null;
}

/** Folds one organisation's stream. */
export function foldOrganisation(id: string, events: readonly OrganisationEvent[]): OrganisationRecord {
  let o: OrganisationRecord = { id };
  for (const e of events) {
    switch (e.type) {
      case 'OrganisationRegistered':
        o = { ...o, ...e.data, createdAt: e.at, createdBy: e.actor ?? null };
        break;
      case 'OrganisationChanged':
        o = { ...o, ...e.data };
        break;
      case 'SigningCertificateSet':
      case 'SigningCertificateRemoved':
        break; // the credential is kept sealed beside the log, not folded from it
      default: {
        const never: never = e;
        throw new Error(`Unknown organisation event ${JSON.stringify(never)}`);
      }
    }
  }
  return o;
}

/** An added legal text's row as its stream states it; undefined: never added. */
export interface LegalTextRecord {
  readonly text: LegalText;
  readonly addedAt: string;
  readonly addedBy: string;
  readonly removedAt: string | null;
}

/** Folds one legal text's stream. */
export function foldLegalText(events: readonly LegalTextEvent[]): LegalTextRecord | undefined {
  let r: LegalTextRecord | undefined;
  for (const e of events) {
    switch (e.type) {
      case 'LegalTextAdded':
        r = { text: e.data.text, addedAt: e.at, addedBy: e.data.actor, removedAt: null };
        break;
      case 'LegalTextRemoved':
        if (r) r = { ...r, removedAt: e.at };
        break;
      default: {
        const never: never = e;
        throw new Error(`Unknown legal text event ${JSON.stringify(never)}`);
      }
    }
  }
  return r;
}

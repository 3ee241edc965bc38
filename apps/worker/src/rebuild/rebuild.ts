/**
 * Rebuilds every projection from the log: each family of streams folded again and its tables rewritten, in one
 * transaction per family, so a reader sees either the old rows or the new ones. The log itself (events), the
 * documents written once beside it (campaign_definitions, campaign_template_versions), credentials (password
 * hashes are never in the log), the notification outbox and operational state (fan-out progress, idempotency
 * keys, stream failures, read marks) are not projections and are left as they are.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AccountEvent,
  CampaignDefinition,
  CalendarEvent,
  CampaignEvent,
  CampaignState,
  ClusterEvent,
  CommendationEvent,
  CommendationState,
  DirectoryEvent,
  FormEvent,
  LegalTextEvent,
  OrganisationEvent,
  TemplateEvent,
} from '@thidua/contracts';
import { evolveCampaign, evolveCommendation } from '@thidua/domain';
import {
  insertCampaignUnits,
  readFamily,
  replaceGrants,
  ROOT_ORG,
  saveClusterRow,
  saveCommendation,
  streamSubject,
  toEventOf,
  type StoredEvent,
} from '@thidua/persistence';
import { rebuildUnitProjections } from '../unit-events/rebuild-projections';
import { foldAccount, foldCalendarYear, foldDirectoryUnit, foldForms, foldLegalText, foldOrganisation, foldTemplate } from './records';

/** What one family's rebuild did. */
export interface FamilyReport {
  readonly family: string;
  readonly events: number;
  readonly rows: number;
  readonly ms: number;
}

/** The events of a family grouped by stream subject, each stream in order. */
function byStream<E extends { readonly type: string }>(events: readonly StoredEvent[]): Map<string, E[]> {
  const out = new Map<string, E[]>();
  for (const e of events) {
    const id = streamSubject(e.stream);
    const stream = out.get(id) ?? [];
    stream.push(toEventOf<E>(e));
    out.set(id, stream);
  }
  return out;
}

type Family = (m: EntityManager) => Promise<{ events: number; rows: number }>;

/** The organisation tree, parents first (each registered after its parent); the root keeps what the migration made until changed. */
const organisations: Family = async (m) => {
  const events = await readFamily(m, 'organisation');
  const records = [...byStream<OrganisationEvent>(events)].map(([id, stream]) => foldOrganisation(id, stream));
  for (const o of records) {
    if (o.id === ROOT_ORG || o.parentId === undefined) {
      await m.query(
        `UPDATE organisations SET kind = coalesce($2, kind), name = coalesce($3, name),
           short_name = CASE WHEN $4::boolean THEN $5 ELSE short_name END, code = CASE WHEN $6::boolean THEN $7 ELSE code END,
           settings = coalesce($8::jsonb, settings) WHERE id = $1`,
        [
          o.id,
          o.kind ?? null,
          o.name ?? null,
          o.shortName !== undefined,
          o.shortName ?? null,
          o.code !== undefined,
          o.code ?? null,
          o.settings ? JSON.stringify(o.settings) : null,
        ],
      );
      continue;
    }
    await m.query(
      `INSERT INTO organisations (id, parent_id, kind, name, short_name, code, settings, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET parent_id = $2, kind = $3, name = $4, short_name = $5, code = $6, settings = $7, created_at = $8, created_by = $9`,
      [
        o.id,
        o.parentId,
        o.kind,
        o.name,
        o.shortName ?? null,
        o.code ?? null,
        JSON.stringify(o.settings ?? {}),
        o.createdAt,
        o.createdBy ?? null,
      ],
    );
  }
  return { events: events.length, rows: records.length };
};

/** The unit directory: upserted (accounts refer to units), units the log does not know removed. */
const directory: Family = async (m) => {
  const events = await readFamily(m, 'directory');
  const units = [...byStream<DirectoryEvent>(events).values()].map(foldDirectoryUnit).filter((u) => u !== undefined);
  for (const u of units)
    await m.query(
      `INSERT INTO units (id, name, kind, head_email, contact_email, created_at, created_by, org_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET name = $2, kind = $3, head_email = $4, contact_email = $5, created_at = $6, created_by = $7, org_id = $8`,
      [u.id, u.name, u.kind, u.headEmail, u.contactEmail, u.createdAt, u.createdBy, u.orgId],
    );
  await m.query('DELETE FROM units WHERE NOT (id = ANY($1::text[]))', [units.map((u) => u.id)]);
  return { events: events.length, rows: units.length };
};

/** Accounts and their roles: what the log states of each (never the password hash, which only the row holds). */
const accounts: Family = async (m) => {
  const events = await readFamily(m, 'account');
  let rows = 0;
  for (const [id, stream] of byStream<AccountEvent>(events)) {
    const a = foldAccount(id, stream);
    if (!a) continue;
    const updated: unknown[] = await m.query(
      `UPDATE accounts SET username = $2, org_id = $3, display_name = CASE WHEN $4::boolean THEN $5 ELSE display_name END,
         created_at = $6, created_by = $7, disabled_at = $8 WHERE id = $1 RETURNING id`,
      [a.id, a.username, a.orgId, a.displayName !== undefined, a.displayName ?? null, a.createdAt, a.createdBy, a.disabledAt],
    );
    if (updated.length) await replaceGrants(m, a.id, a.grants);
    rows += updated.length;
  }
  return { events: events.length, rows };
};

/** Emulation clusters: each stream's last event states the whole cluster. */
const clusters: Family = async (m) => {
  const events = await readFamily(m, 'cluster');
  await m.query('DELETE FROM clusters');
  let rows = 0;
  for (const stream of byStream<ClusterEvent>(events).values()) {
    const first = stream[0];
    const last = stream[stream.length - 1];
    await saveClusterRow(m, last.data.cluster, last.seq, last.at);
    await m.query('UPDATE clusters SET created_at = $2 WHERE id = $1', [last.data.cluster.id, first.at]);
    rows += 1;
  }
  return { events: events.length, rows };
};

/** The working calendar's overrides: each year's last set. */
const calendar: Family = async (m) => {
  const events = await readFamily(m, 'calendar');
  const overrides = [...byStream<CalendarEvent>(events).values()].flatMap(foldCalendarYear);
  await m.query('DELETE FROM calendar_overrides');
  for (const o of overrides)
    await m.query('INSERT INTO calendar_overrides (date, kind, name, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)', [
      o.date,
      o.kind,
      o.name,
      o.updatedAt,
      o.updatedBy,
    ]);
  return { events: events.length, rows: overrides.length };
};

/** The catalogue of commendation forms, in the order the forms were added. */
const forms: Family = async (m) => {
  const events = await readFamily(m, 'commendationForm');
  const records = foldForms(events.map((e) => ({ ...toEventOf<FormEvent>(e), stream: e.stream })));
  await m.query('DELETE FROM commendation_forms');
  for (const f of records)
    await m.query(
      'INSERT INTO commendation_forms (id, position, form, built_in, version, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [f.id, f.position, JSON.stringify(f.form), f.builtIn, f.version, f.updatedAt, f.updatedBy],
    );
  return { events: events.length, rows: records.length };
};

/** The legal texts admins added (the shipped ones live in the code). */
const legalTexts: Family = async (m) => {
  const events = await readFamily(m, 'legalText');
  await m.query('DELETE FROM legal_texts');
  let rows = 0;
  for (const stream of byStream<LegalTextEvent>(events).values()) {
    const r = foldLegalText(stream);
    if (!r) continue;
    await m.query('INSERT INTO legal_texts (id, text, added_at, added_by, removed_at) VALUES ($1, $2, $3, $4, $5)', [
      r.text.id,
      JSON.stringify(r.text),
      r.addedAt,
      r.addedBy,
      r.removedAt,
    ]);
    rows += 1;
  }
  return { events: events.length, rows };
};

/** Plan templates (their versions are documents written once, kept as they are). */
const templates: Family = async (m) => {
  const events = await readFamily(m, 'template');
  let rows = 0;
  for (const [id, stream] of byStream<TemplateEvent>(events)) {
    const t = foldTemplate(id, stream);
    if (!t) continue;
    await m.query(
      `INSERT INTO campaign_templates (id, builtin, historical, cloned_from, current_version, created_at, created_by, org_id, shared)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET builtin = $2, historical = $3, cloned_from = $4, current_version = $5, created_at = $6, created_by = $7,
         org_id = $8, shared = $9`,
      [t.id, t.builtin, t.historical, t.clonedFrom, t.currentVersion, t.createdAt, t.createdBy, t.orgId, t.shared],
    );
    rows += 1;
  }
  return { events: events.length, rows };
};

/** The organisation that launched the campaign (the root one when launched before organisations). */
function ownerOf(stream: readonly CampaignEvent[]): string {
  const launched = stream.find((e): e is Extract<CampaignEvent, { type: 'CampaignLaunched' }> => e.type === 'CampaignLaunched');
  return launched?.data.org ?? ROOT_ORG;
}

/** Campaigns and their unit lists: the definition as launched, folded with the campaign's stream. */
const campaigns: Family = async (m) => {
  const events = await readFamily(m, 'campaign');
  const docs: Array<{ campaign_id: string; hash: string; definition: CampaignDefinition }> = await m.query(
    'SELECT campaign_id, hash, definition FROM campaign_definitions',
  );
  const docOf = new Map(docs.map((d) => [d.campaign_id, d]));
  await m.query('DELETE FROM campaign_units');
  let rows = 0;
  for (const [id, stream] of byStream<CampaignEvent>(events)) {
    const doc = docOf.get(id);
    if (!doc) throw new Error(`Campaign ${id} has no definition in campaign_definitions: its log is incomplete`);
    const state = stream.reduce<CampaignState | undefined>((s, e) => evolveCampaign(s, e, id), undefined)!;
    const definition = { ...doc.definition, units: [], milestones: state.milestones, ...(state.reports ? { reports: state.reports } : {}) };
    await m.query(
      `INSERT INTO campaigns (id, definition, definition_hash, status, units_total, version, created_at, updated_at, org_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET definition = $2, definition_hash = $3, status = $4, units_total = $5, version = $6,
         created_at = $7, updated_at = $8, org_id = $9`,
      [
        id,
        JSON.stringify(definition),
        doc.hash,
        state.status,
        state.unitsTotal,
        state.seq,
        stream[0].at,
        stream[stream.length - 1].at,
        ownerOf(stream),
      ],
    );
    // Each UnitAdded made one entry of `added`, in order: the event has the unit, the fold its position.
    const added = stream
      .filter((e): e is Extract<CampaignEvent, { type: 'UnitAdded' }> => e.type === 'UnitAdded')
      .map((e, i) => ({ unit: e.data.unit, position: state.added![i].position }));
    await insertCampaignUnits(m, id, [...doc.definition.units.map((unit, i) => ({ unit, position: i + 1 })), ...added]);
    rows += 1;
  }
  return { events: events.length, rows };
};

/** Each unit's status, folded from its stream. */
async function unitStatus(ds: DataSource): Promise<{ events: number; rows: number }> {
  const counted: Array<{ n: string }> = await ds.query('SELECT count(*) AS n FROM events WHERE unit_id IS NOT NULL');
  return { events: Number(counted[0].n), rows: await rebuildUnitProjections(ds) };
}

/** Commendation stages, and the decision registers their numbered decisions took from. */
const commendations: Family = async (m) => {
  const events = await readFamily(m, 'commendation');
  await m.query('DELETE FROM commendations');
  await m.query('DELETE FROM decision_registers');
  const registers = new Map<string, { key: string; year: number; last: number }>();
  let rows = 0;
  for (const [id, stream] of byStream<CommendationEvent>(events)) {
    const state = stream.reduce<CommendationState | undefined>((s, e) => evolveCommendation(s, e, id), undefined);
    if (!state) continue;
    await saveCommendation(m, state, stream[stream.length - 1].at);
    for (const e of stream)
      if (e.type === 'DecisionIssued') {
        const key = `${e.data.registerKey}/${e.data.year}`;
        const last = Math.max(registers.get(key)?.last ?? 0, e.data.number);
        registers.set(key, { key: e.data.registerKey, year: e.data.year, last });
      }
    rows += 1;
  }
  for (const r of registers.values())
    await m.query('INSERT INTO decision_registers (issuer_key, year, last_number) VALUES ($1, $2, $3)', [r.key, r.year, r.last]);
  return { events: events.length, rows };
};

/** The families in the order their rows refer to each other (units before accounts, campaigns before their stages). */
const FAMILIES: ReadonlyArray<readonly [string, Family]> = [
  ['organisations', organisations],
  ['directory', directory],
  ['clusters', clusters],
  ['accounts', accounts],
  ['calendar', calendar],
  ['forms', forms],
  ['templates', templates],
  ['campaigns', campaigns],
  ['commendations', commendations],
  ['legal-texts', legalTexts],
];

/** Rebuilds every projection; `progress` hears each family as it is done. */
export async function rebuildProjections(ds: DataSource, progress: (r: FamilyReport) => void = () => undefined): Promise<FamilyReport[]> {
  const reports: FamilyReport[] = [];
  const done = (family: string, started: number, r: { events: number; rows: number }): void => {
    const report = { family, ...r, ms: Math.round(performance.now() - started) };
    reports.push(report);
    progress(report);
  };
  for (const [family, rebuild] of FAMILIES) {
    const started = performance.now();
    done(family, started, await ds.transaction((m) => rebuild(m)));
  }
  const started = performance.now();
  done('unit-status', started, await unitStatus(ds));
  return reports;
}

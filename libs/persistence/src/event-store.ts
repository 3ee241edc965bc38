/**
 * The event store: the only code that writes to or reads from the `events` table. Every stream is a
 * sequence numbered 1, 2, 3...; an event's id is `<stream>/<seq>`. Appends are optimistic: the writer
 * states the version it decided from, and an append at a version that is no longer current is refused
 * with the events that were stored in between, never silently dropped. Projections and the outbox are
 * written by the caller in the same transaction.
 */
import type { EntityManager } from 'typeorm';
import type { CampaignEvent, CommendationEvent, UnitEvent } from '@thidua/contracts';

/** Where a stream belongs: unit and campaign streams carry their campaign (and unit) for queries. */
export interface StreamRef {
  readonly stream: string;
  readonly campaignId?: string;
  readonly unitId?: string;
}

/** An event to append. `commandId` names the command that caused it (an update id), for retries to recognise it. */
export interface NewStoredEvent {
  readonly type: string;
  readonly at: string;
  readonly actor?: string;
  readonly commandId?: string;
  readonly data: unknown;
}

/** An event as stored. */
export interface StoredEvent extends NewStoredEvent {
  readonly id: string;
  readonly stream: string;
  readonly seq: number;
}

/**
 * A stored event as the typed event of its stream, without the store's bookkeeping (id, stream). The log's
 * JSON is trusted here: only the stores, after the deciders, write it.
 */
function toStreamEvent(e: StoredEvent): { type: string; seq: number; at: string; actor?: string; commandId?: string; data: unknown } {
  return {
    type: e.type,
    seq: e.seq,
    at: e.at,
    ...(e.actor ? { actor: e.actor } : {}),
    ...(e.commandId ? { commandId: e.commandId } : {}),
    data: e.data,
  };
}

/** A stored event as the typed event `E` of its family's stream (the caller names the family it read). */
export function toEventOf<E extends { readonly type: string }>(e: StoredEvent): E {
  const event: unknown = toStreamEvent(e);
  return event as E;
}

/** A stored event of a unit stream. */
export const toUnitEvent = (e: StoredEvent): UnitEvent => toStreamEvent(e) as UnitEvent;

/** A stored event of a campaign stream. */
export const toCampaignEvent = (e: StoredEvent): CampaignEvent => toStreamEvent(e) as CampaignEvent;

/** A stored event of a commendation stream. */
export const toCommendationEvent = (e: StoredEvent): CommendationEvent => toStreamEvent(e) as CommendationEvent;

/** What an append did: stored the events, or found the stream moved on (nothing stored). */
export type AppendOutcome =
  | { readonly status: 'appended'; readonly version: number; readonly events: readonly StoredEvent[] }
  | { readonly status: 'conflict'; readonly version: number; readonly stored: readonly StoredEvent[] };

/** Stream names, one scheme for every writer. */
export const streams = {
  unit: (campaignId: string, unitId: string): StreamRef => ({ stream: `unit:${campaignId}:${unitId}`, campaignId, unitId }),
  campaign: (campaignId: string): StreamRef => ({ stream: `campaign:${campaignId}`, campaignId }),
  account: (accountId: string): StreamRef => ({ stream: `account:${accountId}` }),
  directory: (unitId: string): StreamRef => ({ stream: `directory:${unitId}` }),
  template: (templateId: string): StreamRef => ({ stream: `template:${templateId}` }),
  calendar: (year: number): StreamRef => ({ stream: `calendar:${year}` }),
  commendation: (campaignId: string): StreamRef => ({ stream: `commendation:${campaignId}`, campaignId }),
  commendationForm: (formId: string): StreamRef => ({ stream: `commendation-form:${formId}` }),
  organisation: (orgId: string): StreamRef => ({ stream: `organisation:${orgId}` }),
  cluster: (clusterId: string): StreamRef => ({ stream: `cluster:${clusterId}` }),
  legalText: (textId: string): StreamRef => ({ stream: `legal-text:${textId}` }),
} as const;

/** The prefix of each family's stream names (the `unit` family is read by campaign: {@link readUnitStreams}). */
const STREAM_PREFIX: Record<keyof typeof streams, string> = {
  unit: 'unit',
  campaign: 'campaign',
  account: 'account',
  directory: 'directory',
  template: 'template',
  calendar: 'calendar',
  commendation: 'commendation',
  commendationForm: 'commendation-form',
  organisation: 'organisation',
  cluster: 'cluster',
  legalText: 'legal-text',
};

/** Deterministic id of an event: its stream and its position in it. */
export function eventId(stream: string, seq: number): string {
  return `${stream}/${seq}`;
}

interface EventRow {
  id: string;
  stream: string;
  seq: number;
  type: string;
  occurred_at: Date;
  actor: string | null;
  command_id: string | null;
  data: unknown;
}

const COLUMNS = 'id, stream, seq, type, occurred_at, actor, command_id, data';

function fromRow(r: EventRow): StoredEvent {
  return {
    id: r.id,
    stream: r.stream,
    seq: r.seq,
    type: r.type,
    at: r.occurred_at.toISOString(),
    ...(r.actor !== null ? { actor: r.actor } : {}),
    ...(r.command_id !== null ? { commandId: r.command_id } : {}),
    data: r.data,
  };
}

/** The stream's current version (0 when empty). */
export async function streamVersion(m: EntityManager, stream: string): Promise<number> {
  const rows: Array<{ v: number | null }> = await m.query('SELECT max(seq) AS v FROM events WHERE stream = $1', [stream]);
  return Number(rows[0]?.v ?? 0);
}

/** Events of a stream after `afterVersion`, in order. */
export async function readStream(m: EntityManager, stream: string, afterVersion = 0): Promise<StoredEvent[]> {
  const rows: EventRow[] = await m.query(`SELECT ${COLUMNS} FROM events WHERE stream = $1 AND seq > $2 ORDER BY seq`, [
    stream,
    afterVersion,
  ]);
  return rows.map(fromRow);
}

/**
 * Appends `events` at `expectedVersion + 1...` in the caller's transaction. The stream is locked for the
 * transaction, so concurrent appends are serialised and the loser sees a conflict, with what was stored.
 */
export async function appendToStream(
  m: EntityManager,
  ref: StreamRef,
  expectedVersion: number,
  events: readonly NewStoredEvent[],
): Promise<AppendOutcome> {
  await lockStream(m, ref.stream);
  return appendToLockedStream(m, ref, expectedVersion, events);
}

/** {@link appendToStream} for a caller that already holds the stream's writer lock in this transaction ({@link streamLock}). */
export async function appendToLockedStream(
  m: EntityManager,
  ref: StreamRef,
  expectedVersion: number,
  events: readonly NewStoredEvent[],
): Promise<AppendOutcome> {
  // The insert checks the version itself (a round trip less on every append): a stream that moved on takes nothing.
  if (events.length > 0) {
    const stored = await insertRows(m, numbered([{ ref, version: expectedVersion, events }]), expectedVersion);
    if (stored.length > 0) return { status: 'appended', version: expectedVersion + events.length, events: stored };
  }
  const version = await streamVersion(m, ref.stream);
  if (version === expectedVersion) return { status: 'appended', version, events: [] };
  return { status: 'conflict', version, stored: await readStream(m, ref.stream, expectedVersion) };
}

/** Serialises writers of one stream until the transaction ends. */
async function lockStream(m: EntityManager, stream: string): Promise<void> {
  await m.query(`SELECT ${streamLock('$1')}`, [stream]);
}

/** The SQL that takes the writer lock of the stream named by `name` (a parameter or a column) until the transaction ends. */
export function streamLock(name: string): string {
  return `pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
}

/**
 * Locks many streams until the transaction ends (a campaign's fan-out page), in one order, so two writers of
 * overlapping pages cannot deadlock; a single stream's writer takes one of these locks, as {@link appendToStream} does.
 */
export async function lockStreams(m: EntityManager, names: readonly string[]): Promise<void> {
  const sorted = [...new Set(names)].sort();
  await m.query(`SELECT count(${streamLock('s')}) FROM unnest($1::text[]) AS s`, [sorted]);
}

/** The version of each stream named (0 for one with no events); the caller holds their locks. */
export async function streamVersions(m: EntityManager, names: readonly string[]): Promise<Map<string, number>> {
  const rows: Array<{ stream: string; v: number }> = await m.query(
    'SELECT s AS stream, coalesce((SELECT max(seq) FROM events WHERE stream = s), 0) AS v FROM unnest($1::text[]) AS s',
    [names],
  );
  return new Map(rows.map((r) => [r.stream, Number(r.v)]));
}

/** The events stored on each named stream by command `commandId` (a fan-out page retried after it committed finds its own). */
export async function readCommandEvents(
  m: EntityManager,
  names: readonly string[],
  commandId: string,
): Promise<Map<string, StoredEvent[]>> {
  const rows: EventRow[] = await m.query(
    `SELECT ${COLUMNS} FROM events WHERE stream = ANY($1::text[]) AND command_id = $2 ORDER BY stream, seq`,
    [names, commandId],
  );
  const found = new Map<string, StoredEvent[]>();
  for (const r of rows) {
    const events = found.get(r.stream) ?? [];
    if (events.length === 0) found.set(r.stream, events);
    events.push(fromRow(r));
  }
  return found;
}

/**
 * Appends to many streams in one statement (a campaign's fan-out page), each at the version given: the caller
 * holds their locks ({@link lockStreams}) and has checked those versions ({@link streamVersions}). Returns the
 * events as stored.
 */
export function appendToLockedStreams(
  m: EntityManager,
  entries: ReadonlyArray<{ readonly ref: StreamRef; readonly version: number; readonly events: readonly NewStoredEvent[] }>,
): Promise<StoredEvent[]> {
  return insertRows(m, numbered(entries));
}

type NumberedRow = { readonly ref: StreamRef; readonly event: StoredEvent };

/** The rows of `entries`, each event numbered after its stream's version. */
function numbered(
  entries: ReadonlyArray<{ readonly ref: StreamRef; readonly version: number; readonly events: readonly NewStoredEvent[] }>,
): NumberedRow[] {
  return entries.flatMap(({ ref, version, events }) =>
    events.map((e, i) => ({ ref, event: { ...e, stream: ref.stream, seq: version + i + 1, id: eventId(ref.stream, version + i + 1) } })),
  );
}

/**
 * Inserts the rows in one statement. With `ifVersion` (rows of one stream): only while the stream is still at that
 * version, else nothing. Returns the events inserted.
 */
async function insertRows(m: EntityManager, rows: readonly NumberedRow[], ifVersion?: number): Promise<StoredEvent[]> {
  if (rows.length === 0) return [];
  // Guarded, the rows say whether they went in; a fan-out page's thousands of rows do not come back.
  const guard =
    ifVersion === undefined ? '' : 'WHERE (SELECT coalesce(max(seq), 0) FROM events WHERE stream = ($2::text[])[1]) = $11 RETURNING seq';
  const inserted: unknown[] = await m.query(
    `INSERT INTO events (id, stream, seq, campaign_id, unit_id, type, occurred_at, actor, command_id, data)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::jsonb[])
     ${guard}`,
    [
      rows.map(({ event }) => event.id),
      rows.map(({ event }) => event.stream),
      rows.map(({ event }) => event.seq),
      rows.map(({ ref }) => ref.campaignId ?? null),
      rows.map(({ ref }) => ref.unitId ?? null),
      rows.map(({ event }) => event.type),
      rows.map(({ event }) => event.at),
      rows.map(({ event }) => event.actor ?? null),
      rows.map(({ event }) => event.commandId ?? null),
      rows.map(({ event }) => JSON.stringify(event.data)),
      ...(ifVersion === undefined ? [] : [ifVersion]),
    ],
  );
  return ifVersion !== undefined && inserted.length === 0 ? [] : rows.map(({ event }) => event);
}

/**
 * Starts many new streams with their first event in one statement (a launch batch). A stream that
 * already has its first event keeps it: the stored one is returned instead, so a retried batch adopts
 * what the earlier attempt wrote.
 */
export async function startStreams(
  m: EntityManager,
  entries: ReadonlyArray<{ readonly ref: StreamRef; readonly event: NewStoredEvent }>,
): Promise<Array<{ readonly ref: StreamRef; readonly event: StoredEvent; readonly created: boolean }>> {
  if (entries.length === 0) return [];
  const ids = entries.map((e) => eventId(e.ref.stream, 1));
  const inserted: Array<{ stream: string }> = await m.query(
    `INSERT INTO events (id, stream, seq, campaign_id, unit_id, type, occurred_at, actor, command_id, data)
     SELECT e.id, e.stream, 1, e.campaign_id, e.unit_id, e.type, e.at, e.actor, e.command_id, e.data
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::jsonb[])
       AS e(id, stream, campaign_id, unit_id, type, at, actor, command_id, data)
     ON CONFLICT DO NOTHING RETURNING stream`,
    [
      ids,
      entries.map((e) => e.ref.stream),
      entries.map((e) => e.ref.campaignId ?? null),
      entries.map((e) => e.ref.unitId ?? null),
      entries.map((e) => e.event.type),
      entries.map((e) => e.event.at),
      entries.map((e) => e.event.actor ?? null),
      entries.map((e) => e.event.commandId ?? null),
      entries.map((e) => JSON.stringify(e.event.data)),
    ],
  );
  const fresh = new Set(inserted.map((r) => r.stream));
  const existing = entries.filter((e) => !fresh.has(e.ref.stream)).map((e) => e.ref.stream);
  const stored = new Map<string, StoredEvent>();
  if (existing.length) {
    const rows: EventRow[] = await m.query(`SELECT ${COLUMNS} FROM events WHERE stream = ANY($1) AND seq = 1`, [existing]);
    for (const r of rows) stored.set(r.stream, fromRow(r));
  }
  return entries.map((e, i) => {
    const created = fresh.has(e.ref.stream);
    const event = created ? { ...e.event, id: ids[i], stream: e.ref.stream, seq: 1 } : stored.get(e.ref.stream);
    if (!event) throw new Error(`Stream ${e.ref.stream} has no first event`);
    return { ref: e.ref, event, created };
  });
}

/**
 * Appends at the end of the stream whatever its version (account and directory streams, where the
 * caller's own transaction decides and no workflow replays the decision).
 */
export async function appendAtEnd(m: EntityManager, ref: StreamRef, event: NewStoredEvent): Promise<StoredEvent> {
  await lockStream(m, ref.stream);
  const [stored] = await insertRows(m, numbered([{ ref, version: await streamVersion(m, ref.stream), events: [event] }]));
  return stored;
}

/** Every unit stream of a campaign (or of all campaigns), ordered by unit then seq: for rebuilding projections. */
export async function readUnitStreams(m: EntityManager, campaignId: string): Promise<Array<StoredEvent & { readonly unitId: string }>> {
  const rows: Array<EventRow & { unit_id: string }> = await m.query(
    `SELECT ${COLUMNS}, unit_id FROM events WHERE campaign_id = $1 AND unit_id IS NOT NULL ORDER BY unit_id, seq`,
    [campaignId],
  );
  return rows.map((r) => ({ ...fromRow(r), unitId: r.unit_id }));
}

/**
 * Every event of the streams of one family (`campaign`, `account`, `commendation-form`...), in the order they
 * were recorded: for rebuilding projections. Streams of a family are named `<family>:<id>`.
 */
export async function readFamily(m: EntityManager, family: keyof typeof streams): Promise<StoredEvent[]> {
  const prefix = STREAM_PREFIX[family];
  const rows: EventRow[] = await m.query(`SELECT ${COLUMNS} FROM events WHERE stream LIKE $1 ORDER BY position`, [`${prefix}:%`]);
  return rows.map(fromRow);
}

/** The id a family's stream is about: `account:<id>` → `<id>`. */
export function streamSubject(stream: string): string {
  return stream.slice(stream.indexOf(':') + 1);
}

/** Campaigns that have unit streams. */
export async function campaignsWithUnitStreams(m: EntityManager): Promise<string[]> {
  const rows: Array<{ campaign_id: string }> = await m.query('SELECT DISTINCT campaign_id FROM events WHERE unit_id IS NOT NULL');
  return rows.map((r) => r.campaign_id);
}

/**
 * Records that an append to the stream failed (attempt and error), for operators: best effort on its own
 * connection, since the failure may be the database itself. Cleared by the next append that succeeds.
 */
export async function recordStreamFailure(
  m: EntityManager,
  ref: StreamRef,
  expectedVersion: number,
  attempt: number,
  error: string,
): Promise<void> {
  await m.query(
    `INSERT INTO stream_failures (stream, campaign_id, unit_id, expected_version, attempts, last_error) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (stream) DO UPDATE SET expected_version = EXCLUDED.expected_version, attempts = EXCLUDED.attempts,
       last_error = EXCLUDED.last_error, last_failed_at = now()`,
    [ref.stream, ref.campaignId ?? null, ref.unitId ?? null, expectedVersion, attempt, error.slice(0, 2000)],
  );
}

/** Forgets the stream's failures (in the transaction of the append that succeeded). */
export async function clearStreamFailure(m: EntityManager, stream: string): Promise<void> {
  await m.query('DELETE FROM stream_failures WHERE stream = $1', [stream]);
}

/** A stream whose appends keep failing and that has not moved since. */
export interface StreamFailure {
  readonly stream: string;
  readonly campaignId: string | null;
  readonly unitId: string | null;
  readonly attempts: number;
  readonly lastError: string;
  readonly since: string;
}

/** Streams still stuck where their appends failed (of one campaign, or all), oldest first. */
export async function failingStreams(m: EntityManager, campaignId: string | undefined, limit: number): Promise<StreamFailure[]> {
  const rows: Array<{
    stream: string;
    campaign_id: string | null;
    unit_id: string | null;
    attempts: number;
    last_error: string;
    first_failed_at: Date;
  }> = await m.query(
    `SELECT f.stream, f.campaign_id, f.unit_id, f.attempts, f.last_error, f.first_failed_at FROM stream_failures f
     WHERE ($1::text IS NULL OR f.campaign_id = $1)
       AND NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = f.stream AND e.seq > f.expected_version)
     ORDER BY f.first_failed_at LIMIT $2`,
    [campaignId ?? null, limit],
  );
  return rows.map((r) => ({
    stream: r.stream,
    campaignId: r.campaign_id,
    unitId: r.unit_id,
    attempts: r.attempts,
    lastError: r.last_error,
    since: r.first_failed_at.toISOString(),
  }));
}

/**
 * Classifies a PostgreSQL error of an append: data the store can never hold (22xxx, e.g. U+0000 in text,
 * or a check violation) will fail every retry; anything else (connection, serialisation) may pass later.
 */
export function isPermanentStoreError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code ?? (err as { driverError?: { code?: unknown } })?.driverError?.code;
  return typeof code === 'string' && (code.startsWith('22') || code === '23514');
}

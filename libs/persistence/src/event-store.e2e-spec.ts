/**
 * The optimistic append on the real PostgreSQL: an append at the stream's version is stored; one at a version the
 * stream has moved past stores nothing and answers what is there; of many concurrent appends at one version,
 * exactly one is stored and every other one is told of it.
 */
import { randomUUID } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { createIsolatedDatabase } from '@thidua/testing';
import { createDataSource } from './data-source';
import { appendToStream, readStream, streamVersion, type NewStoredEvent, type StreamRef } from './event-store';

describe('event store appends', () => {
  let ds: DataSource;
  const at = '2026-12-05T08:00:00.000Z';
  const event = (note: string): NewStoredEvent => ({ type: 'ReminderSent', at, data: { note } });
  const ref = (): StreamRef => {
    const unitId = `don-vi-${randomUUID().slice(0, 8)}`;
    return { stream: `unit:append-test:${unitId}`, campaignId: 'append-test', unitId };
  };

  beforeAll(async () => {
    ds = await createDataSource({ url: await createIsolatedDatabase('event_store'), poolSize: 25 }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('stores an append at the current version and refuses a stale one, answering what is stored', async () => {
    const r = ref();
    const first = await ds.transaction((m) => appendToStream(m, r, 0, [event('a'), event('b')]));
    expect(first).toMatchObject({ status: 'appended', version: 2, events: [{ seq: 1 }, { seq: 2 }] });

    const stale = await ds.transaction((m) => appendToStream(m, r, 1, [event('c')]));
    expect(stale).toMatchObject({ status: 'conflict', version: 2, stored: [{ seq: 2, data: { note: 'b' } }] });
    const ahead = await ds.transaction((m) => appendToStream(m, r, 5, [event('d')]));
    expect(ahead).toMatchObject({ status: 'conflict', version: 2, stored: [] });
    expect((await readStream(ds.manager, r.stream)).map((e) => e.data)).toEqual([{ note: 'a' }, { note: 'b' }]);

    // Nothing to store: appended at the version it is at, a conflict at any other.
    expect(await ds.transaction((m) => appendToStream(m, r, 2, []))).toMatchObject({ status: 'appended', version: 2, events: [] });
    expect(await ds.transaction((m) => appendToStream(m, r, 1, []))).toMatchObject({ status: 'conflict', version: 2 });
  });

  it('stores exactly one of 20 concurrent appends at one version; the others see it', async () => {
    const r = ref();
    await ds.transaction((m) => appendToStream(m, r, 0, [event('start')]));
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ds.transaction((m) => appendToStream(m, r, 1, [event(`writer-${i}`), event(`writer-${i}-2`)]))),
    );
    const winners = outcomes.filter((o) => o.status === 'appended');
    expect(winners).toHaveLength(1);
    const stored = await readStream(ds.manager, r.stream);
    expect(stored.map((e) => e.seq)).toEqual([1, 2, 3]);
    for (const o of outcomes) {
      if (o.status === 'conflict') expect(o.stored.map((e) => e.data)).toEqual(stored.slice(1).map((e) => e.data));
    }
    expect(await streamVersion(ds.manager, r.stream)).toBe(3);
  });
});

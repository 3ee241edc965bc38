/**
 * The ledger against a fake append that answers each way the store can: appended, appended with the events
 * completed by the store, conflict (another attempt stored first), refused for good. A counter stream: `Add n`
 * records `Added n`; an Add that would take the total past 10 is refused.
 */
import { Ledger, LEDGER_BATCH, REMEMBERED_COMMANDS, type LedgerModel, type NumberedEvent } from './ledger';

type Cmd = { type: 'Add'; n: number };
type Evt = { type: 'Added'; n: number; note?: string };
type State = { total: number; seq: number; notes: string[] };

class TooMuch extends Error {}

const model: LedgerModel<State, Cmd, Evt> = {
  decide: (s, c) => {
    if ((s?.total ?? 0) + c.n > 10) throw new TooMuch(`${(s?.total ?? 0) + c.n} > 10`);
    return c.n === 0 ? [] : [{ type: 'Added', n: c.n }];
  },
  evolve: (s, e) => ({ total: (s?.total ?? 0) + e.n, seq: e.seq, notes: [...(s?.notes ?? []), ...(e.note ? [e.note] : [])] }),
  version: (s) => s?.seq ?? 0,
};

const add = (n: number): Cmd => ({ type: 'Add', n });
const stored = (seq: number, n: number, commandId?: string): NumberedEvent<Evt> => ({
  type: 'Added',
  n,
  seq,
  ...(commandId ? { commandId } : {}),
});

describe('the ledger', () => {
  it('appends: events numbered from the committed version, the update done once they are stored', () => {
    const ledger = new Ledger(model, undefined);
    const ticket = ledger.submit(add(2), 'update', 'u1');
    expect(ledger.state).toEqual({ total: 2, seq: 1, notes: [] });
    expect(ledger.committed).toBeUndefined();
    expect(ticket.outcome).toBeUndefined();
    const batch = ledger.nextBatch();
    expect(batch).toEqual([{ type: 'Added', n: 2, seq: 1, commandId: 'u1' }]);
    expect(ledger.expectedVersion).toBe(0);
    ledger.appended(batch);
    expect(ticket.outcome).toEqual({});
    expect(ledger.committed).toEqual(ledger.state);
    expect(ledger.hasPending).toBe(false);
  });

  it('answers at once a command that records nothing, and refuses without changing anything', () => {
    const ledger = new Ledger(model, { total: 9, seq: 4, notes: [] });
    expect(ledger.submit(add(0), 'update').outcome).toEqual({});
    expect(() => ledger.submit(add(2), 'update')).toThrow(TooMuch);
    expect(() => ledger.validate(add(2))).toThrow('11 > 10');
    expect(ledger.state).toEqual({ total: 9, seq: 4, notes: [] });
    expect(ledger.hasPending).toBe(false);
  });

  it('takes the events as the store completed them, and applies what is still pending on top', () => {
    const ledger = new Ledger(model, undefined);
    ledger.submit(add(1), 'update');
    const first = ledger.nextBatch();
    const later = ledger.submit(add(2), 'update'); // submitted while the first batch is being appended
    ledger.appended(first, [{ ...first[0], note: 'numbered by the store' }]);
    expect(ledger.committed).toEqual({ total: 1, seq: 1, notes: ['numbered by the store'] });
    expect(ledger.state).toEqual({ total: 3, seq: 2, notes: ['numbered by the store'] });
    expect(later.outcome).toBeUndefined();
    ledger.appended(ledger.nextBatch());
    expect(later.outcome).toEqual({});
  });

  it('on conflict adopts the stored events, finishes an update stored by an earlier attempt and decides the others again', () => {
    const ledger = new Ledger(model, undefined);
    const mine = ledger.submit(add(3), 'update', 'u1');
    const other = ledger.submit(add(4), 'update', 'u2');
    const own = ledger.submit(add(1), 'internal');
    // An earlier attempt of this task stored u1 before it crashed.
    const lost = ledger.conflict([stored(1, 3, 'u1')]);
    expect(lost).toEqual([]);
    expect(mine.outcome).toEqual({});
    expect(own.outcome).toBeUndefined(); // the owner decides its own commands again
    expect(ledger.committed).toEqual({ total: 3, seq: 1, notes: [] });
    expect(ledger.nextBatch()).toEqual([{ type: 'Added', n: 4, seq: 2, commandId: 'u2' }]);
    ledger.appended(ledger.nextBatch());
    expect(other.outcome).toEqual({});
  });

  it('on conflict refuses an update the adopted events make impossible, and returns a signal’s refusal', () => {
    const ledger = new Ledger(model, undefined);
    const update = ledger.submit(add(5), 'update', 'u1');
    const signal = ledger.submit(add(4), 'signal');
    const lost = ledger.conflict([stored(1, 6, 'elsewhere')]);
    expect(update.outcome?.error).toBeInstanceOf(TooMuch);
    expect(signal.outcome).toBeUndefined(); // 6 + 4 = 10 still fits: decided again, waiting to be stored
    expect(ledger.nextBatch()).toEqual([{ type: 'Added', n: 4, seq: 2 }]);
    expect(lost).toEqual([]);

    const again = new Ledger(model, undefined);
    const late = again.submit(add(3), 'signal');
    expect(again.conflict([stored(1, 8)])).toEqual([expect.any(TooMuch)]);
    expect(late.outcome?.error).toBeInstanceOf(TooMuch);
    expect(again.hasPending).toBe(false);
  });

  it('when the store refuses for good, refuses every waiting command and drops what was pending', () => {
    const ledger = new Ledger(model, { total: 1, seq: 1, notes: [] });
    const a = ledger.submit(add(1), 'update');
    const b = ledger.submit(add(1), 'update');
    const refusal = new Error('store refused');
    ledger.refused(refusal);
    expect(a.outcome?.error).toBe(refusal);
    expect(b.outcome?.error).toBe(refusal);
    expect(ledger.hasPending).toBe(false);
    expect(ledger.state).toEqual({ total: 1, seq: 1, notes: [] });
  });

  it('retries: after a failed append (nothing answered) the same batch is handed out again at the same version', () => {
    const ledger = new Ledger(model, undefined);
    ledger.submit(add(1), 'update');
    const attempt = ledger.nextBatch();
    // The append threw (PostgreSQL away): the ledger was not told anything, so the retry is identical.
    expect(ledger.nextBatch()).toEqual(attempt);
    expect(ledger.expectedVersion).toBe(0);
  });

  it('adopts events another writer stored right after the committed state, once; defers to the log while its own are pending', () => {
    const ledger = new Ledger(model, { total: 1, seq: 3, notes: [] });
    expect(ledger.adopt([stored(4, 2, 'fan-out'), stored(5, 1, 'fan-out')])).toBe('adopted');
    expect(ledger.committed).toEqual({ total: 4, seq: 5, notes: [] });
    expect(ledger.state).toEqual(ledger.committed);
    expect(ledger.adopt([stored(4, 2, 'fan-out'), stored(5, 1, 'fan-out')])).toBe('known'); // a repeated signal
    expect(ledger.committed).toEqual({ total: 4, seq: 5, notes: [] });
    expect(ledger.adopt([stored(7, 1)])).toBe('unfit'); // the log holds seq 6 this ledger has not seen
    const ticket = ledger.submit(add(1), 'signal');
    expect(ledger.adopt([stored(6, 3)])).toBe('unfit'); // its own event 6 is pending: the append's conflict will adopt
    expect(ledger.state).toEqual({ total: 5, seq: 6, notes: [] });
    ledger.conflict([stored(6, 3)]);
    expect(ledger.state).toEqual({ total: 8, seq: 7, notes: [] });
    expect(ticket.outcome).toBeUndefined();
    expect(ledger.adopt([stored(6, 3)])).toBe('known');
  });

  it('remembers the commands whose events are stored, across runs, so an update sent again is known as done', () => {
    const ledger = new Ledger(model, undefined, ['before-continue-as-new']);
    expect(ledger.hasStored('before-continue-as-new')).toBe(true);
    ledger.submit(add(1), 'update', 'u1');
    expect(ledger.hasStored('u1')).toBe(false); // pending is not stored
    ledger.appended(ledger.nextBatch());
    expect(ledger.hasStored('u1')).toBe(true);
    ledger.conflict([stored(2, 1, 'dropped-update')]); // stored by a delivery the server then dropped
    expect(ledger.hasStored('dropped-update')).toBe(true);
    ledger.adopt([stored(3, 1, 'fan-out')]);
    expect(ledger.recentCommands).toEqual(['before-continue-as-new', 'u1', 'dropped-update', 'fan-out']);
    for (let i = 0; i < REMEMBERED_COMMANDS; i++) ledger.adopt([stored(4 + i, 0, `c${i}`)]);
    expect(ledger.recentCommands).toHaveLength(REMEMBERED_COMMANDS);
    expect(ledger.hasStored('before-continue-as-new')).toBe(false); // the oldest are forgotten
  });

  it(`hands out at most ${LEDGER_BATCH} events per append, in order`, () => {
    const ledger = new Ledger<State, Cmd, Evt>({ ...model, decide: (_s, c) => [{ type: 'Added', n: c.n }] }, undefined);
    const tickets = Array.from({ length: LEDGER_BATCH + 5 }, () => ledger.submit(add(0.01), 'update'));
    const first = ledger.nextBatch();
    expect(first.map((e) => e.seq)).toEqual(Array.from({ length: LEDGER_BATCH }, (_, i) => i + 1));
    ledger.appended(first);
    expect(tickets.filter((t) => t.outcome).length).toBe(LEDGER_BATCH);
    expect(ledger.nextBatch().map((e) => e.seq)).toEqual([101, 102, 103, 104, 105]);
  });
});

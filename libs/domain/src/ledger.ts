/**
 * The write side of a stream, pure: commands are decided against the current state, their events numbered
 * and applied at once, and handed out in order to be appended at the version they were decided from. The log
 * decides: when an append finds the stream moved on (a task retried after a crash had committed first), the
 * stored events are adopted and every command whose events were not stored is decided again from there; when
 * the store refuses for good, the commands waiting on it are refused. Workflows drive it (the append is their
 * I/O); this file has none, so every path is tested with a fake append.
 */

/** A numbered event. */
export interface Numbered {
  readonly seq: number;
  readonly commandId?: string;
}

/** An event `N` as numbered by the ledger. */
export type NumberedEvent<N> = N & Numbered;

/** How a stream's state is decided and evolved. */
export interface LedgerModel<S, C, N extends object> {
  decide(state: S | undefined, cmd: C): N[];
  evolve(state: S | undefined, event: NumberedEvent<N>): S;
  version(state: S | undefined): number;
}

/** Where a command came from: an update waits for its outcome, a signal cannot be refused, the owner's own are decided again by it. */
export type Origin = 'update' | 'signal' | 'internal';

/** A command whose events are not stored yet; `outcome` is set once they are, or once it is refused. */
export interface Ticket<C> {
  readonly cmd: C;
  readonly origin: Origin;
  readonly commandId?: string;
  lastSeq: number;
  outcome?: { readonly error?: unknown };
}

/** Events handed out per append. */
export const LEDGER_BATCH = 100;

/** Command ids of stored events a ledger remembers (the latest), so an update sent again is known as done. */
export const REMEMBERED_COMMANDS = 100;

/** One stream's ledger. */
export class Ledger<S, C, N extends object> {
  private committedState: S | undefined;
  private currentState: S | undefined;
  private pending: Array<NumberedEvent<N>> = [];
  private tickets: Array<Ticket<C>> = [];
  /** The latest command ids of stored events, oldest first. */
  private readonly storedCommands: string[];

  constructor(
    private readonly model: LedgerModel<S, C, N>,
    initial: S | undefined,
    storedCommands: readonly string[] = [],
  ) {
    this.committedState = initial;
    this.currentState = initial;
    this.storedCommands = storedCommands.slice(-REMEMBERED_COMMANDS);
  }

  /**
   * Whether events of command `commandId` are in the log this ledger holds: an update sent again (its first
   * delivery stored its events, then its workflow task failed and the server dropped it) is done, not decided again.
   */
  hasStored(commandId: string): boolean {
    return this.storedCommands.includes(commandId);
  }

  /** The command ids remembered, to hand to the next run on continue-as-new. */
  get recentCommands(): readonly string[] {
    return this.storedCommands;
  }

  /** The state the log holds. */
  get committed(): S | undefined {
    return this.committedState;
  }

  /** The committed state plus the events not yet stored. */
  get state(): S | undefined {
    return this.currentState;
  }

  /** Whether events wait to be stored. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** The version the next batch is appended at (the committed one). */
  get expectedVersion(): number {
    return this.model.version(this.committedState);
  }

  /** Decides and applies a command; throws the decider's refusal (nothing changes). */
  submit(cmd: C, origin: Origin, commandId?: string): Ticket<C> {
    const ticket: Ticket<C> = { cmd, origin, commandId, lastSeq: 0 };
    ticket.lastSeq = this.apply(this.model.decide(this.currentState, cmd), commandId);
    if (ticket.lastSeq > this.model.version(this.committedState)) this.tickets.push(ticket);
    else ticket.outcome = {};
    return ticket;
  }

  /** Throws the decider's refusal of a command against the current state; changes nothing. */
  validate(cmd: C): void {
    this.model.decide(this.currentState, cmd);
  }

  /** The next events to append, in order (empty: nothing pending). */
  nextBatch(): Array<NumberedEvent<N>> {
    return this.pending.slice(0, LEDGER_BATCH);
  }

  /**
   * The batch was appended. `stored`: the events as the store completed them (a decision's number, taken in
   * the transaction that records it); the pending events are then applied again on top of them.
   */
  appended(batch: ReadonlyArray<NumberedEvent<N>>, stored?: ReadonlyArray<NumberedEvent<N>>): void {
    for (const e of stored ?? batch) this.commit(e);
    this.pending.splice(0, batch.length);
    if (stored) this.currentState = this.pending.reduce((s, e) => this.model.evolve(s, e), this.committedState);
    this.settle();
  }

  /**
   * The stream had moved on: `stored` are the events found after the expected version. They are adopted; an
   * update whose events are among them is done; every other command is decided again (the owner's own are
   * left to it), and a refusal now is its outcome. Returns the refusals of signals (they cannot be answered).
   */
  conflict(stored: ReadonlyArray<NumberedEvent<N>>): unknown[] {
    for (const e of stored) this.commit(e);
    const storedCommands = new Set(stored.map((e) => e.commandId).filter((id) => id !== undefined));
    const redo = this.tickets;
    const lostSignals: unknown[] = [];
    this.tickets = [];
    this.pending = [];
    this.currentState = this.committedState;
    for (const t of redo) {
      if (t.origin === 'internal') continue;
      if (t.commandId && storedCommands.has(t.commandId)) {
        t.outcome = {}; // this very update was stored by the earlier attempt
        continue;
      }
      try {
        t.lastSeq = this.apply(this.model.decide(this.currentState, t.cmd), t.commandId);
        if (t.lastSeq > this.model.version(this.committedState)) this.tickets.push(t);
        else t.outcome = {};
      } catch (err) {
        t.outcome = { error: err };
        if (t.origin === 'signal') lostSignals.push(err);
      }
    }
    return lostSignals;
  }

  /**
   * Events another writer stored on this stream (a campaign's fan-out, a page of units in one transaction):
   * `adopted` when they follow the committed state and nothing is pending, `known` when the committed state
   * already holds them (adopted from the log by a conflicting append), `unfit` otherwise (something is pending
   * or the log holds more): the caller then decides the command itself, and the append's conflict adopts the log.
   */
  adopt(stored: ReadonlyArray<NumberedEvent<N>>): 'adopted' | 'known' | 'unfit' {
    const version = this.model.version(this.committedState);
    const fresh = stored.filter((e) => e.seq > version);
    if (fresh.length === 0) return 'known';
    if (this.pending.length > 0 || fresh[0].seq !== version + 1 || fresh.some((e, i) => e.seq !== version + i + 1)) return 'unfit';
    for (const e of fresh) this.commit(e);
    this.currentState = this.committedState;
    return 'adopted';
  }

  /** The store refused the events for good: every waiting command is refused with `error`, nothing pending stays. */
  refused(error: unknown): void {
    for (const t of this.tickets) t.outcome = { error };
    this.tickets = [];
    this.pending = [];
    this.currentState = this.committedState;
  }

  /** A stored event joins the committed state; its command is remembered. */
  private commit(e: NumberedEvent<N>): void {
    this.committedState = this.model.evolve(this.committedState, e);
    if (e.commandId && !this.storedCommands.includes(e.commandId)) {
      this.storedCommands.push(e.commandId);
      if (this.storedCommands.length > REMEMBERED_COMMANDS) this.storedCommands.shift();
    }
  }

  private apply(events: N[], commandId: string | undefined): number {
    for (const e of events) {
      const numbered: NumberedEvent<N> = { ...e, ...(commandId ? { commandId } : {}), seq: this.model.version(this.currentState) + 1 };
      this.currentState = this.model.evolve(this.currentState, numbered);
      this.pending.push(numbered);
    }
    return this.model.version(this.currentState);
  }

  private settle(): void {
    const through = this.model.version(this.committedState);
    for (const t of this.tickets) if (t.lastSeq <= through) t.outcome = t.outcome ?? {};
    this.tickets = this.tickets.filter((t) => t.outcome === undefined);
  }
}

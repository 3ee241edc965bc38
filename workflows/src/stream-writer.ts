/**
 * The write side every workflow shares: commands are decided against the current state, their events
 * numbered and applied at once, and a single flusher appends them in order at the version they were
 * decided from. The log decides: when an append finds the stream already moved on (a task retried after
 * a crash had committed first), the stored events are adopted and every command whose events were not
 * stored is decided again from there. Deterministic: no I/O except through `append`.
 */
import { ApplicationFailure, condition, currentUpdateInfo, log, type LocalActivityOptions } from '@temporalio/workflow';
import { STORE_REFUSED } from '@thidua/contracts';
import { toFailure } from './failure';

/**
 * How every workflow runs its store appends: a local activity (one short transaction inside the workflow
 * task); a refusal of the store is final, anything else is retried.
 */
export const LOCAL_APPEND: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [STORE_REFUSED],
  },
};

/**
 * What an append answers (absent: appended, as in histories recorded before the answer existed). An append
 * may answer the events as it `stored` them when the store completed them (a decision's number, taken in the
 * transaction that records it).
 */
export type AppendAnswer<E> =
  | { readonly status: 'appended'; readonly stored?: readonly E[] }
  | { readonly status: 'conflict'; readonly stored: readonly E[] }
  | undefined;

/** A numbered event. */
export interface Numbered {
  readonly seq: number;
  readonly commandId?: string;
}

/** An event `N` as numbered by the writer. */
export type NumberedEvent<N> = N & Numbered;

/** How a stream's state is decided, evolved and stored. */
export interface StreamModel<S, C, N extends object> {
  decide(state: S | undefined, cmd: C): N[];
  evolve(state: S | undefined, event: NumberedEvent<N>): S;
  version(state: S | undefined): number;
  append(expectedVersion: number, events: Array<NumberedEvent<N>>): Promise<AppendAnswer<NumberedEvent<N>>>;
}

/** A command whose events are not stored yet; updates wait on `outcome`. */
interface Ticket<C> {
  readonly cmd: C;
  readonly origin: 'update' | 'signal' | 'internal';
  readonly commandId?: string;
  lastSeq: number;
  outcome?: { readonly error?: ApplicationFailure };
}

const BATCH = 100;

/** One stream's writer inside a workflow. */
export class StreamWriter<S, C, N extends object> {
  /** The state the log holds. */
  committed: S | undefined;
  /** The committed state plus the events not yet stored. */
  state: S | undefined;
  private pending: Array<NumberedEvent<N>> = [];
  private tickets: Array<Ticket<C>> = [];
  /** Set whenever something was submitted; the owner clears it before waiting. */
  dirty = false;
  /** An append is in flight. */
  flushing = false;

  constructor(
    private readonly model: StreamModel<S, C, N>,
    initial: S | undefined,
  ) {
    this.committed = initial;
    this.state = initial;
  }

  /** Whether events wait to be stored. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Decides and applies a command (throws the decider's refusal). */
  submit(cmd: C, origin: Ticket<C>['origin'], commandId?: string): Ticket<C> {
    const ticket: Ticket<C> = { cmd, origin, commandId, lastSeq: 0 };
    ticket.lastSeq = this.apply(this.model.decide(this.state, cmd), commandId);
    if (ticket.lastSeq > this.model.version(this.committed)) this.tickets.push(ticket);
    else ticket.outcome = {};
    this.dirty = true;
    return ticket;
  }

  /**
   * Runs a command and resolves once its events are stored (or rejects with the refusal); true when it
   * recorded anything. Inside an update handler the update id marks the events.
   */
  async run(cmd: C): Promise<boolean> {
    let ticket: Ticket<C>;
    const before = this.model.version(this.state);
    try {
      ticket = this.submit(cmd, 'update', currentUpdateInfo()?.id);
    } catch (err) {
      throw toFailure(err);
    }
    await condition(() => ticket.outcome !== undefined);
    if (ticket.outcome?.error) throw ticket.outcome.error;
    return ticket.lastSeq > before;
  }

  /** Validates a command for an update validator: throws the refusal, changes nothing. */
  validate(cmd: C): void {
    try {
      this.model.decide(this.state, cmd);
    } catch (err) {
      throw toFailure(err);
    }
  }

  /**
   * Starts the one flusher of a workflow: handlers and the main loop only submit; events are stored in
   * order, here. `stop()` resolves once everything submitted before it is stored.
   */
  startFlusher(): { stop(): Promise<void> } {
    let stopping = false;
    const done = (async () => {
      for (;;) {
        await condition(() => this.hasPending || stopping);
        if (!this.hasPending) return;
        await this.flush();
      }
    })();
    return {
      stop: async () => {
        stopping = true;
        await done;
      },
    };
  }

  /** Stores every pending event, adopting the log where it moved on. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, BATCH);
      let answer: AppendAnswer<NumberedEvent<N>>;
      this.flushing = true;
      try {
        answer = await this.model.append(this.model.version(this.committed), batch);
      } catch (err) {
        if (!this.isRefusal(err)) throw err;
        this.refuse();
        return;
      } finally {
        this.flushing = false;
      }
      if (answer?.status === 'conflict') {
        this.adopt(answer.stored);
        continue;
      }
      const completed = answer?.status === 'appended' ? answer.stored : undefined;
      for (const e of completed ?? batch) this.committed = this.model.evolve(this.committed, e);
      this.pending.splice(0, batch.length);
      if (completed) this.state = this.pending.reduce((s, e) => this.model.evolve(s, e), this.committed);
      this.settle();
    }
  }

  private apply(events: N[], commandId: string | undefined): number {
    for (const e of events) {
      const numbered: NumberedEvent<N> = { ...e, ...(commandId ? { commandId } : {}), seq: this.model.version(this.state) + 1 };
      this.state = this.model.evolve(this.state, numbered);
      this.pending.push(numbered);
    }
    return this.model.version(this.state);
  }

  private settle(): void {
    const through = this.model.version(this.committed);
    for (const t of this.tickets) if (t.lastSeq <= through) t.outcome = t.outcome ?? {};
    this.tickets = this.tickets.filter((t) => t.outcome === undefined);
  }

  private adopt(stored: ReadonlyArray<NumberedEvent<N>>): void {
    for (const e of stored) this.committed = this.model.evolve(this.committed, e);
    const storedCommands = new Set(stored.map((e) => e.commandId).filter((id) => id !== undefined));
    const redo = this.tickets;
    this.tickets = [];
    this.pending = [];
    this.state = this.committed;
    for (const t of redo) {
      if (t.origin === 'internal') continue; // the owner decides its own commands again from the adopted state
      if (t.commandId && storedCommands.has(t.commandId)) {
        t.outcome = {}; // this very update was stored by the earlier attempt
        continue;
      }
      try {
        t.lastSeq = this.apply(this.model.decide(this.state, t.cmd), t.commandId);
        if (t.lastSeq > this.model.version(this.committed)) this.tickets.push(t);
        else t.outcome = {};
      } catch (err) {
        t.outcome = { error: toFailure(err) };
        if (t.origin === 'signal') log.warn('Signal no longer applies', { error: String(err) });
      }
    }
    this.dirty = true;
  }

  private refuse(): void {
    log.error('Store refused events; the commands that produced them are refused');
    const failure = ApplicationFailure.nonRetryable(
      'Dữ liệu không lưu được vào nhật ký sự kiện; thao tác không được ghi nhận',
      STORE_REFUSED,
    );
    for (const t of this.tickets) t.outcome = { error: failure };
    this.tickets = [];
    this.pending = [];
    this.state = this.committed;
  }

  /** Matched by failure type, not class: classes do not survive the sandbox boundary reliably. */
  private isRefusal(err: unknown): boolean {
    return (err as { cause?: { type?: string } })?.cause?.type === STORE_REFUSED;
  }
}

/**
 * The write side every workflow shares: commands are decided against the current state, their events
 * numbered and applied at once, and a single flusher appends them in order at the version they were
 * decided from. The log decides: when an append finds the stream already moved on (a task retried after
 * a crash had committed first), the stored events are adopted and every command whose events were not
 * stored is decided again from there. Deterministic: no I/O except through `append`.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  currentUpdateInfo,
  log,
  type LocalActivityOptions,
} from '@temporalio/workflow';
import { context as traceContext, type Context as TraceContext } from '@opentelemetry/api';
import { STORE_REFUSED } from '@thidua/contracts';
import { Ledger, type LedgerModel, type NumberedEvent, type Origin, type Ticket } from '@thidua/domain';
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

/** How a stream's state is decided, evolved and stored. */
export interface StreamModel<S, C, N extends object> extends LedgerModel<S, C, N> {
  append(expectedVersion: number, events: Array<NumberedEvent<N>>): Promise<AppendAnswer<NumberedEvent<N>>>;
}

/** One stream's writer inside a workflow: its {@link Ledger}, the one flusher that appends, and the waits of its shell. */
export class StreamWriter<S, C, N extends object> {
  private readonly ledger: Ledger<S, C, N>;
  /** Set whenever something was submitted; the shell clears it ({@link rest}) before waiting. */
  dirty = false;
  /** An append is in flight. */
  flushing = false;
  /**
   * The trace of the first update waiting for the next append: the append (a local activity, run from the shell's
   * loop) joins that update's trace, so one submission is one trace. Headers only: no command changes.
   */
  private traced: TraceContext | undefined;

  constructor(
    private readonly model: StreamModel<S, C, N>,
    initial: S | undefined,
    storedCommands: readonly string[] = [],
  ) {
    this.ledger = new Ledger(model, initial, storedCommands);
  }

  /** Command ids of the latest stored events: handed to the next run on continue-as-new. */
  get recentCommands(): readonly string[] {
    return this.ledger.recentCommands;
  }

  /** The state the log holds. */
  get committed(): S | undefined {
    return this.ledger.committed;
  }

  /** The committed state plus the events not yet stored. */
  get state(): S | undefined {
    return this.ledger.state;
  }

  /** Whether events wait to be stored. */
  get hasPending(): boolean {
    return this.ledger.hasPending;
  }

  /** Nothing left to do before the run may end or hand over: no handler running, nothing to store, no append in flight. */
  settled(): boolean {
    return allHandlersFinished() && !this.hasPending && !this.flushing;
  }

  /** Clears {@link dirty}: the shell has looked at the state and is about to wait for something new. */
  rest(): void {
    this.dirty = false;
  }

  /** Decides and applies a command (throws the decider's refusal). */
  submit(cmd: C, origin: Origin, commandId?: string): Ticket<C> {
    const ticket = this.ledger.submit(cmd, origin, commandId);
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
    if (this.updateStoredBefore()) return false;
    try {
      ticket = this.submit(cmd, 'update', currentUpdateInfo()?.id);
    } catch (err) {
      throw toFailure(err);
    }
    if (ticket.outcome === undefined) this.traced ??= traceContext.active();
    await condition(() => ticket.outcome !== undefined);
    if (ticket.outcome?.error !== undefined) throw toFailure(ticket.outcome.error);
    return ticket.lastSeq > before;
  }

  /** Adopts events another writer stored on this stream (see {@link Ledger.adopt}); marks the state changed when it did. */
  adopt(stored: ReadonlyArray<NumberedEvent<N>>): 'adopted' | 'known' | 'unfit' {
    const result = this.ledger.adopt(stored);
    if (result === 'adopted') this.dirty = true;
    return result;
  }

  /**
   * Reads what other writers stored beyond the committed state and adopts it: an append of nothing at the
   * committed version answers the events after it. With events pending, their own append meets them instead.
   */
  async catchUp(): Promise<void> {
    if (this.hasPending) return;
    this.flushing = true;
    let answer: AppendAnswer<NumberedEvent<N>>;
    try {
      answer = await this.model.append(this.ledger.expectedVersion, []);
    } finally {
      this.flushing = false;
    }
    if (answer?.status === 'conflict') this.meetLog(answer.stored);
  }

  /** Adopts what the log holds beyond the committed state; pending commands are decided again from there. */
  private meetLog(stored: ReadonlyArray<NumberedEvent<N>>): void {
    for (const err of this.ledger.conflict(stored)) log.warn('Signal no longer applies', { error: String(err) });
    this.dirty = true;
  }

  /** Validates a command for an update validator: throws the refusal, changes nothing. */
  validate(cmd: C): void {
    if (this.updateStoredBefore()) return; // done already: answered with the state
    try {
      this.ledger.validate(cmd);
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
    while (this.hasPending) {
      const batch = this.ledger.nextBatch();
      let answer: AppendAnswer<NumberedEvent<N>>;
      this.flushing = true;
      try {
        const append = (): Promise<AppendAnswer<NumberedEvent<N>>> => this.model.append(this.ledger.expectedVersion, batch);
        const traced = this.traced;
        this.traced = undefined;
        answer = await (traced ? traceContext.with(traced, append) : append());
      } catch (err) {
        if (!this.isRefusal(err)) throw err;
        log.error('Store refused events; the commands that produced them are refused');
        this.ledger.refused(
          ApplicationFailure.nonRetryable('Dữ liệu không lưu được vào nhật ký sự kiện; thao tác không được ghi nhận', STORE_REFUSED),
        );
        return;
      } finally {
        this.flushing = false;
      }
      if (answer?.status === 'conflict') {
        this.meetLog(answer.stored);
        continue;
      }
      this.ledger.appended(batch, answer?.status === 'appended' ? answer.stored : undefined);
    }
  }

  /**
   * Whether the current update was sent again after its first delivery stored its events and the server then
   * dropped it: it is done, and nothing is decided again.
   */
  private updateStoredBefore(): boolean {
    const updateId = currentUpdateInfo()?.id;
    return updateId !== undefined && this.ledger.hasStored(updateId);
  }

  /** Matched by failure type, not class: classes do not survive the sandbox boundary reliably. */
  private isRefusal(err: unknown): boolean {
    return (err as { cause?: { type?: string } })?.cause?.type === STORE_REFUSED;
  }
}

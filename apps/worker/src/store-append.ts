/**
 * The append every workflow's store activity performs: in one transaction, append at the version the
 * workflow decided from and fold the events into the read model; a stale append answers what is stored.
 * A failing append leaves its last error in `stream_failures` for operators (`npm run ops -- stuck`).
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '@thidua/config';
import { STORE_REFUSED } from '@thidua/contracts';
import {
  appendToStream,
  clearStreamFailure,
  isPermanentStoreError,
  recordStreamFailure,
  type NewStoredEvent,
  type StoredEvent,
  type StreamRef,
} from '@thidua/persistence';
import { crashAfterCommitIfInjected } from './fault-injection';

/** A conflict found after `complete` wrote in the transaction: rolled back so what it took is given back. */
class ConflictAfterCompletion extends Error {
  constructor(readonly stored: readonly StoredEvent[]) {
    super('stream moved on');
  }
}

/**
 * Appends and projects, or returns the stored events after `expectedVersion` (already projected by the
 * transaction that stored them). `complete`, when given, fills in what only the store can give (a decision's
 * number) in the same transaction, before the append; `project` then sees the completed events.
 */
export async function appendAndProject<E extends NewStoredEvent & { readonly seq: number }>(
  ds: DataSource,
  config: AppConfig | undefined,
  ref: StreamRef,
  expectedVersion: number,
  events: readonly E[],
  project: (m: EntityManager) => Promise<void>,
  complete?: (m: EntityManager) => Promise<readonly E[]>,
): Promise<{ readonly status: 'appended' } | { readonly status: 'conflict'; readonly stored: readonly StoredEvent[] }> {
  const misnumbered = events.findIndex((e, i) => e.seq !== expectedVersion + i + 1);
  if (misnumbered >= 0)
    throw ApplicationFailure.nonRetryable(
      `Event ${misnumbered} is numbered ${events[misnumbered].seq}, expected ${expectedVersion + misnumbered + 1}`,
      'Misnumbered',
    );
  const attempt = currentAttempt();
  let result: { readonly status: 'appended' } | { readonly status: 'conflict'; readonly stored: readonly StoredEvent[] };
  try {
    result = await ds.transaction(async (m) => {
      if (attempt > 1) await clearStreamFailure(m, ref.stream);
      const completed = complete ? await complete(m) : events;
      const outcome = await appendToStream(m, ref, expectedVersion, completed);
      if (outcome.status === 'conflict') {
        if (completed !== events) throw new ConflictAfterCompletion(outcome.stored);
        return { status: 'conflict', stored: outcome.stored } as const;
      }
      await project(m);
      return { status: 'appended' } as const;
    });
  } catch (err) {
    if (err instanceof ConflictAfterCompletion) return { status: 'conflict', stored: err.stored };
    // Data PostgreSQL can never hold would fail every retry and wedge the stream: refuse it for good.
    if (isPermanentStoreError(err))
      throw ApplicationFailure.nonRetryable(`Kho sự kiện từ chối dữ liệu: ${(err as Error).message}`, STORE_REFUSED);
    await recordStreamFailure(ds.manager, ref, expectedVersion, attempt, String((err as Error)?.message ?? err)).catch(() => undefined);
    throw err;
  }
  if (result.status === 'appended' && events.length > 0)
    crashAfterCommitIfInjected(
      config,
      events.map((e) => e.type),
    );
  return result;
}

/** The activity attempt this append runs in (1 outside an activity). */
function currentAttempt(): number {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
}

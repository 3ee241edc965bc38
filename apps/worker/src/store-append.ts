/**
 * The append every workflow's store activity performs: in one transaction, append at the version the
 * workflow decided from and fold the events into the read model; a stale append answers what is stored.
 * A failing append leaves its last error in `stream_failures` for operators (`npm run ops -- stuck`).
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../../libs/config/src';
import { STORE_REFUSED } from '../../../libs/contracts/src/campaign';
import {
  appendToStream,
  clearStreamFailure,
  isPermanentStoreError,
  recordStreamFailure,
  type NewStoredEvent,
  type StoredEvent,
  type StreamRef,
} from '../../../libs/persistence/src/event-store';
import { crashAfterCommitIfInjected } from './fault-injection';

/** Appends and projects, or returns the stored events after `expectedVersion` (already projected by the transaction that stored them). */
export async function appendAndProject<E extends NewStoredEvent & { readonly seq: number }>(
  ds: DataSource,
  config: AppConfig | undefined,
  ref: StreamRef,
  expectedVersion: number,
  events: readonly E[],
  project: (m: EntityManager) => Promise<void>,
): Promise<{ readonly status: 'appended' } | { readonly status: 'conflict'; readonly stored: readonly StoredEvent[] }> {
  const misnumbered = events.findIndex((e, i) => e.seq !== expectedVersion + i + 1);
  if (misnumbered >= 0) throw ApplicationFailure.nonRetryable(`Event ${misnumbered} is numbered ${events[misnumbered].seq}, expected ${expectedVersion + misnumbered + 1}`, 'Misnumbered');
  const attempt = currentAttempt();
  let result: { readonly status: 'appended' } | { readonly status: 'conflict'; readonly stored: readonly StoredEvent[] };
  try {
    result = await ds.transaction(async (m) => {
      if (attempt > 1) await clearStreamFailure(m, ref.stream);
      const outcome = await appendToStream(m, ref, expectedVersion, events);
      if (outcome.status === 'conflict') return { status: 'conflict', stored: outcome.stored } as const;
      await project(m);
      return { status: 'appended' } as const;
    });
  } catch (err) {
    // Data PostgreSQL can never hold would fail every retry and wedge the stream: refuse it for good.
    if (isPermanentStoreError(err)) throw ApplicationFailure.nonRetryable(`Kho sự kiện từ chối dữ liệu: ${(err as Error).message}`, STORE_REFUSED);
    await recordStreamFailure(ds.manager, ref, expectedVersion, attempt, String((err as Error)?.message ?? err)).catch(() => undefined);
    throw err;
  }
  if (result.status === 'appended') crashAfterCommitIfInjected(config, events.map((e) => e.type));
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

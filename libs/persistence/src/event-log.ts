/** Events outside unit streams (accounts, the unit directory): appended at the end of their stream. */
import type { EntityManager } from 'typeorm';

/** An event to append to a stream. */
export interface StreamEvent {
  readonly stream: string;
  readonly type: string;
  readonly actor?: string;
  readonly campaignId?: string;
  readonly data: Record<string, unknown>;
}

/**
 * Appends in the caller's transaction. The stream is locked (advisory, per transaction) so concurrent
 * writers get consecutive seqs instead of colliding on the (stream, seq) unique key.
 */
export async function appendStreamEvent(m: EntityManager, event: StreamEvent): Promise<string> {
  await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [event.stream]);
  const rows: Array<{ seq: number }> = await m.query('SELECT coalesce(max(seq), 0) + 1 AS seq FROM events WHERE stream = $1', [event.stream]);
  const seq = Number(rows[0].seq);
  const id = `${event.stream}/${seq}`;
  await m.query(
    `INSERT INTO events (id, stream, seq, campaign_id, type, occurred_at, actor, data) VALUES ($1, $2, $3, $4, $5, now(), $6, $7)`,
    [id, event.stream, seq, event.campaignId ?? null, event.type, event.actor ?? null, JSON.stringify(event.data)],
  );
  return id;
}

/**
 * The notification outbox and the inboxes read from it: the one place that writes and reads the
 * `notifications` table (mail delivery claims its rows separately, in the worker's delivery service).
 */
import type { EntityManager } from 'typeorm';
import type { Inbox, InboxItem } from '../../contracts/src/api/responses';

/** One notification to write to the outbox, in the transaction of the events that caused it. */
export interface NotificationDraft {
  readonly id: string;
  readonly eventId: string;
  readonly recipient: string;
  readonly channel: 'inbox' | 'email';
  readonly address?: string;
  readonly kind: 'reminder' | 'escalation' | 'digest';
  readonly subject: string;
  readonly body: string;
}

/** Writes drafts (once: a draft's id is deterministic, a retried transaction writes nothing new). Inbox rows are delivered at once. */
export async function insertNotifications(m: EntityManager, campaignId: string, unitId: string | null, drafts: readonly NotificationDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const values: unknown[] = [];
  const rows = drafts.map((d, i) => {
    values.push(d.id, d.eventId, campaignId, unitId, d.recipient, d.channel, d.address ?? null, d.kind, d.subject, d.body, d.channel === 'inbox' ? 'delivered' : 'pending');
    const b = i * 11;
    return `(${Array.from({ length: 11 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
  });
  await m.query(
    `INSERT INTO notifications (id, event_id, campaign_id, unit_id, recipient, channel, address, kind, subject, body, status)
     VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`,
    values,
  );
}

/** The newest inbox notifications of `recipients` (before `before`, unread only if asked), and how many are unread. */
export async function readInbox(
  m: EntityManager,
  recipients: readonly string[],
  options: { readonly unreadOnly: boolean; readonly before?: string; readonly limit: number },
): Promise<Inbox> {
  const rows: Array<{ id: string; campaign_id: string | null; unit_id: string | null; kind: string; subject: string; body: string; created_at: Date; read_at: Date | null }> = await m.query(
    `SELECT id, campaign_id, unit_id, kind, subject, body, created_at, read_at FROM notifications
     WHERE channel = 'inbox' AND recipient = ANY($1) AND ($2::boolean IS NOT TRUE OR read_at IS NULL) AND ($3::timestamptz IS NULL OR created_at < $3)
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [recipients, options.unreadOnly, options.before ?? null, options.limit],
  );
  const count: Array<{ n: string }> = await m.query("SELECT count(*) AS n FROM notifications WHERE channel = 'inbox' AND recipient = ANY($1) AND read_at IS NULL", [recipients]);
  return {
    unread: Number(count[0].n),
    items: rows.map((r): InboxItem => ({
      id: r.id,
      campaignId: r.campaign_id,
      unitId: r.unit_id,
      kind: r.kind,
      subject: r.subject,
      body: r.body,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
  };
}

/** Marks one inbox notification of `recipients` read (idempotent: the first instant stays); undefined when it is not theirs. */
export async function markInboxRead(m: EntityManager, id: string, recipients: readonly string[]): Promise<{ id: string; readAt: string } | undefined> {
  const rows: Array<{ id: string; read_at: Date }> = await m.query(
    // Through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], a SELECT with rows.
    `WITH u AS (UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND channel = 'inbox' AND recipient = ANY($2) RETURNING id, read_at)
     SELECT * FROM u`,
    [id, recipients],
  );
  return rows[0] ? { id: rows[0].id, readAt: rows[0].read_at.toISOString() } : undefined;
}

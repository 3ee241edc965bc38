/**
 * The notification outbox and the inboxes read from it: the one place that writes and reads the
 * `notifications` table, including the e-mail rows that the worker's delivery service claims and marks.
 */
import type { EntityManager } from 'typeorm';
import type { Inbox, InboxItem } from '@thidua/contracts';
import { placeholders, type Sql } from './sql';

/** One notification to write to the outbox, in the transaction of the events that caused it. */
export interface NotificationDraft {
  readonly id: string;
  readonly eventId: string;
  readonly recipient: string;
  readonly channel: 'inbox' | 'email';
  readonly address?: string;
  /** `update`: a decision about the unit or a change of its deadlines. */
  readonly kind: 'reminder' | 'escalation' | 'digest' | 'update';
  readonly subject: string;
  readonly body: string;
}

/**
 * The drafts of one notification of event `eventId` to `recipient`: its inbox row and, when the recipient has
 * an address, its e-mail. Ids are deterministic, so a retried transaction writes nothing new.
 */
export function notificationDrafts(
  eventId: string,
  recipient: string,
  email: string | undefined,
  kind: NotificationDraft['kind'],
  subject: string,
  body: string,
): NotificationDraft[] {
  const inbox: NotificationDraft = { id: `${eventId}:${recipient}:inbox`, eventId, recipient, channel: 'inbox', kind, subject, body };
  return email ? [inbox, { ...inbox, id: `${eventId}:${recipient}:email`, channel: 'email', address: email }] : [inbox];
}

/** Writes drafts (once: a draft's id is deterministic, a retried transaction writes nothing new). Inbox rows are delivered at once. */
export async function insertNotifications(
  m: EntityManager,
  campaignId: string,
  unitId: string | null,
  drafts: readonly NotificationDraft[],
): Promise<void> {
  await insertNotificationsOfUnits(m, campaignId, [{ unitId, drafts }]);
}

/** Rows per INSERT: 11 parameters each, under PostgreSQL's 65,535 parameters per statement. */
const NOTIFICATION_ROWS_PER_INSERT = 5000;

/** Writes the drafts of many units of one campaign (a fan-out page) in as few statements as the parameter limit allows. */
export async function insertNotificationsOfUnits(
  m: EntityManager,
  campaignId: string,
  byUnit: ReadonlyArray<{ readonly unitId: string | null; readonly drafts: readonly NotificationDraft[] }>,
): Promise<void> {
  const all = byUnit.flatMap(({ unitId, drafts }) => drafts.map((d) => ({ unitId, d })));
  for (let from = 0; from < all.length; from += NOTIFICATION_ROWS_PER_INSERT) {
    const values: unknown[] = [];
    const rows = all.slice(from, from + NOTIFICATION_ROWS_PER_INSERT).map(({ unitId, d }, i) => {
      values.push(
        d.id,
        d.eventId,
        campaignId,
        unitId,
        d.recipient,
        d.channel,
        d.address ?? null,
        d.kind,
        d.subject,
        d.body,
        d.channel === 'inbox' ? 'delivered' : 'pending',
      );
      return placeholders(i, 11);
    });
    await m.query(
      `INSERT INTO notifications (id, event_id, campaign_id, unit_id, recipient, channel, address, kind, subject, body, status)
       VALUES ${rows.join(', ')} ON CONFLICT (id) DO NOTHING`,
      values,
    );
  }
}

/**
 * When `account` read each notification: its own read, else the shared `read_at` of before per-account reads,
 * else — for a notice older than the account — the account's creation (a new coordinator does not inherit
 * every old overdue notice as unread).
 */
const READ_AT = `coalesce(r.read_at, n.read_at, CASE WHEN n.created_at < (SELECT created_at FROM accounts WHERE id = $2) THEN n.created_at END)`;

/**
 * Who reads an inbox: the inboxes of their role, their account (its own read marks), and the organisation they
 * act in: a role inbox (`role:…`) shows only the notices of that organisation's campaigns (and, in the root
 * organisation, notices of no campaign).
 */
export interface InboxReader {
  readonly recipients: readonly string[];
  readonly account: string;
  readonly org: string;
}

/** The condition on `n` (parameters $1 recipients, $2 account, $3 org) of the notices a reader sees. */
const SEEN = `n.channel = 'inbox' AND n.recipient = ANY($1) AND (n.recipient NOT LIKE 'role:%'
  OR EXISTS (SELECT 1 FROM campaigns c WHERE c.id = n.campaign_id AND c.org_id = $3) OR (n.campaign_id IS NULL AND $3 = 'root'))`;

/** The newest inbox notifications of `recipients` as `account` sees them (before `before`, unread only if asked), and how many it has not read. */
export async function readInbox(
  m: EntityManager,
  reader: InboxReader,
  options: { readonly unreadOnly: boolean; readonly before?: string; readonly limit: number },
): Promise<Inbox> {
  const rows: Array<{
    id: string;
    event_id: string | null;
    campaign_id: string | null;
    unit_id: string | null;
    kind: string;
    subject: string;
    body: string;
    created_at: Date;
    read_at: Date | null;
  }> = await m.query(
    `SELECT n.id, n.event_id, n.campaign_id, n.unit_id, n.kind, n.subject, n.body, n.created_at, ${READ_AT} AS read_at
     FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.account_id = $2
     WHERE ${SEEN} AND ($4::boolean IS NOT TRUE OR ${READ_AT} IS NULL) AND ($5::timestamptz IS NULL OR n.created_at < $5)
     ORDER BY n.created_at DESC, n.id DESC LIMIT $6`,
    [reader.recipients, reader.account, reader.org, options.unreadOnly, options.before ?? null, options.limit],
  );
  return {
    unread: await unreadCount(m, reader),
    items: rows.map((r): InboxItem => ({
      id: r.id,
      eventId: r.event_id,
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

/** How many inbox notifications of `recipients` `account` has not read (the badge). */
export async function unreadCount(m: Sql, reader: InboxReader): Promise<number> {
  const count: Array<{ n: string }> = await m.query(
    `SELECT count(*) AS n FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.account_id = $2
     WHERE ${SEEN} AND ${READ_AT} IS NULL`,
    [reader.recipients, reader.account, reader.org],
  );
  return Number(count[0].n);
}

/** Marks one inbox notification of `recipients` read by `account` (idempotent: the first instant stays); undefined when it is not theirs. */
export async function markInboxRead(
  m: EntityManager,
  id: string,
  reader: InboxReader,
): Promise<{ id: string; readAt: string } | undefined> {
  const rows: Array<{ id: string; read_at: Date }> = await m.query(
    `WITH n AS (SELECT n.id FROM notifications n WHERE n.id = $4 AND ${SEEN}),
     ins AS (INSERT INTO notification_reads (notification_id, account_id) SELECT id, $2 FROM n ON CONFLICT DO NOTHING RETURNING notification_id, read_at)
     SELECT n.id, coalesce((SELECT read_at FROM ins), (SELECT read_at FROM notification_reads WHERE notification_id = n.id AND account_id = $2)) AS read_at FROM n`,
    [reader.recipients, reader.account, reader.org, id],
  );
  return rows[0] ? { id: rows[0].id, readAt: rows[0].read_at.toISOString() } : undefined;
}

/** How many of these notification ids are already stored (to tell a repeated digest from a new one). */
export async function countStoredNotifications(db: Sql, ids: readonly string[]): Promise<number> {
  const rows: Array<{ n: string }> = await db.query('SELECT count(*) AS n FROM notifications WHERE id = ANY($1)', [ids]);
  return Number(rows[0]?.n ?? 0);
}

/** An e-mail row claimed for sending. */
export interface ClaimedEmail {
  readonly id: string;
  readonly address: string;
  readonly subject: string;
  readonly body: string;
  /** Attempts including this one. */
  readonly attempts: number;
  /** The sender the campaign's organisation set (its settings' `mailFrom`); null: the installation's. */
  readonly sender: string | null;
}

/**
 * Claims up to `limit` due e-mail rows for `leaseSeconds` (SKIP LOCKED: several workers share the work; a
 * row whose sender crashed is claimed again when its lease ends).
 */
export async function claimDueEmails(db: Sql, limit: number, leaseSeconds: number): Promise<ClaimedEmail[]> {
  return db.query(
    // Through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], a SELECT with rows.
    `WITH claimed AS (
       UPDATE notifications SET status = 'sending', attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
       WHERE id IN (SELECT id FROM notifications WHERE channel = 'email' AND status IN ('pending', 'sending') AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, address, subject, body, attempts, campaign_id)
     SELECT claimed.id, claimed.address, claimed.subject, claimed.body, claimed.attempts,
       (SELECT o.settings->>'mailFrom' FROM campaigns c JOIN organisations o ON o.id = c.org_id WHERE c.id = claimed.campaign_id) AS sender
     FROM claimed`,
    [limit, leaseSeconds],
  );
}

/** The SMTP server accepted the e-mail. */
export async function markEmailSent(db: Sql, id: string): Promise<void> {
  await db.query("UPDATE notifications SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1", [id]);
}

/** A send failed: retry after `retryInSeconds`, or give up (`failed`) and leave the row for a person. */
export async function markEmailFailed(db: Sql, id: string, error: string, retryInSeconds: number, giveUp: boolean): Promise<void> {
  await db.query(
    'UPDATE notifications SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1',
    [id, giveUp ? 'failed' : 'pending', error.slice(0, 1000), retryInSeconds],
  );
}

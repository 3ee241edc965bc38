/**
 * What the units' workflows are still owed to hear: the API stores a caller's command itself and then signals the
 * unit's workflow to adopt the events. The row is written in the storing transaction and removed once the signal
 * is delivered; one left behind (the API died, or Temporal was away) is delivered by the worker after `due_at`.
 */
import type { Sql } from './sql';

/** An announcement owed: the unit's workflow must learn of its stream up to `seq`. */
export interface OwedAnnouncement {
  readonly campaignId: string;
  readonly unitId: string;
  readonly seq: number;
  readonly attempts: number;
}

/** Records, in the storing transaction, that the unit's workflow must hear of its stream up to `seq` (the worker delivers it after `graceSeconds`). */
export async function oweAnnouncement(db: Sql, campaignId: string, unitId: string, seq: number, graceSeconds: number): Promise<void> {
  await db.query(
    `INSERT INTO unit_announcements (campaign_id, unit_id, seq, due_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
     ON CONFLICT (campaign_id, unit_id) DO UPDATE SET seq = GREATEST(unit_announcements.seq, EXCLUDED.seq), attempts = 0, due_at = EXCLUDED.due_at`,
    [campaignId, unitId, seq, graceSeconds],
  );
}

/** Each workflow heard of its stream up to `seq`: their rows go (one statement), unless a later change is owed since. */
export async function announcementsDelivered(db: Sql, delivered: ReadonlyArray<Omit<OwedAnnouncement, 'attempts'>>): Promise<void> {
  if (delivered.length === 0) return;
  await db.query(
    `DELETE FROM unit_announcements a USING unnest($1::text[], $2::text[], $3::int[]) AS d(campaign_id, unit_id, seq)
     WHERE a.campaign_id = d.campaign_id AND a.unit_id = d.unit_id AND a.seq <= d.seq`,
    [delivered.map((d) => d.campaignId), delivered.map((d) => d.unitId), delivered.map((d) => d.seq)],
  );
}

/** Announcements due for the worker to deliver, oldest first. */
export async function dueAnnouncements(db: Sql, limit: number): Promise<OwedAnnouncement[]> {
  const rows: Array<{ campaign_id: string; unit_id: string; seq: number; attempts: number }> = await db.query(
    'SELECT campaign_id, unit_id, seq, attempts FROM unit_announcements WHERE due_at <= now() ORDER BY due_at LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({ campaignId: r.campaign_id, unitId: r.unit_id, seq: r.seq, attempts: r.attempts }));
}

/** A delivery failed: tried again after `delaySeconds`. */
export async function postponeAnnouncement(db: Sql, owed: OwedAnnouncement, delaySeconds: number): Promise<void> {
  await db.query(
    `UPDATE unit_announcements SET attempts = attempts + 1, due_at = now() + make_interval(secs => $4)
     WHERE campaign_id = $1 AND unit_id = $2 AND seq = $3`,
    [owed.campaignId, owed.unitId, owed.seq, delaySeconds],
  );
}

/**
 * What operators watch, read from the projections in one round trip (the metrics scrape calls it): units
 * overdue per campaign and escalation level, the e-mail outbox, streams whose appends keep failing, campaigns
 * launching or carrying a change to their units.
 */
import { TERMINAL_PHASES } from '@thidua/contracts';
import type { Sql } from './sql';

export interface OperationsState {
  readonly overdue: ReadonlyArray<{ readonly campaignId: string; readonly level: number; readonly units: number }>;
  /** E-mails waiting (pending or being sent) and given up on. */
  readonly outbox: { readonly pending: number; readonly failed: number; readonly oldestPendingSeconds: number };
  readonly failingStreams: number;
  readonly launching: number;
  readonly fanningOut: number;
}

export async function readOperationsState(db: Sql): Promise<OperationsState> {
  const [row]: Array<{
    overdue: Array<{ campaignId: string; level: number; units: number }> | null;
    pending: number;
    failed: number;
    oldest: number | null;
    failing: number;
    launching: number;
    fanning: number;
  }> = await db.query(
    `SELECT
       (SELECT json_agg(json_build_object('campaignId', campaign_id, 'level', level, 'units', n))
          FROM (SELECT campaign_id, escalation_level AS level, count(*)::int AS n FROM unit_status
                WHERE overdue AND NOT (phase = ANY($1::text[])) GROUP BY campaign_id, escalation_level) o) AS overdue,
       (SELECT count(*)::int FROM notifications WHERE channel = 'email' AND status IN ('pending', 'sending')) AS pending,
       (SELECT count(*)::int FROM notifications WHERE channel = 'email' AND status = 'failed') AS failed,
       (SELECT extract(epoch FROM now() - min(created_at))::float FROM notifications WHERE channel = 'email' AND status = 'pending') AS oldest,
       (SELECT count(*)::int FROM stream_failures) AS failing,
       (SELECT count(*)::int FROM campaigns WHERE status = 'launching') AS launching,
       (SELECT count(*)::int FROM campaigns WHERE fan_out IS NOT NULL AND NOT coalesce((fan_out->>'finished')::boolean, true)) AS fanning`,
    [TERMINAL_PHASES],
  );
  return {
    overdue: row.overdue ?? [],
    outbox: { pending: row.pending, failed: row.failed, oldestPendingSeconds: Math.max(0, row.oldest ?? 0) },
    failingStreams: row.failing,
    launching: row.launching,
    fanningOut: row.fanning,
  };
}

/**
 * The changes PostgreSQL announces on commit (see the LiveChanges migration) and the reads the live stream
 * needs besides them: the log's head, what changed since a position (a resumed stream), a unit's campaigns.
 */
import type { Sql } from './sql';

/** The channel the triggers notify on. */
export const LIVE_CHANNEL = 'thidua_live';

/** One announcement: events stored, inbox notifications written, notices read, an account disabled. */
export type LiveChange =
  | {
      readonly k: 'events';
      /** The highest log position stored by the statement. */
      readonly p: number;
      /** Every campaign touched. */
      readonly c?: readonly string[];
      /** The campaigns with campaign-wide events (not about one unit). */
      readonly g?: readonly string[];
      /** [campaign, unit] pairs. */
      readonly u?: ReadonlyArray<readonly [string, string]>;
      /** Too many units to name: every unit of the campaigns `c`. */
      readonly many?: true;
      /** Too many campaigns to name: anything may have changed. */
      readonly all?: true;
    }
  | { readonly k: 'inbox'; readonly r?: readonly string[]; readonly all?: true }
  | { readonly k: 'read'; readonly a?: readonly string[]; readonly all?: true }
  /** An account was disabled. */
  | { readonly k: 'disabled'; readonly a: string }
  /** Organisations or roles changed. */
  | { readonly k: 'orgs' };

/** An announcement's payload, or undefined when it is not one of ours (never throws: a bad payload is ignored). */
export function parseLiveChange(payload: string | undefined): LiveChange | undefined {
  try {
    const v = JSON.parse(payload ?? '') as { k?: unknown };
    return v.k === 'events' || v.k === 'inbox' || v.k === 'read' || v.k === 'disabled' || v.k === 'orgs' ? (v as LiveChange) : undefined;
  } catch {
    return undefined;
  }
}

/** The log's newest position (0 when empty). */
export async function logHead(db: Sql): Promise<number> {
  const rows: Array<{ head: string }> = await db.query('SELECT coalesce(max(position), 0) AS head FROM events');
  return Number(rows[0].head);
}

/**
 * The campaigns and units whose events were stored after `position`, up to `limit` pairs (`complete`: all of
 * them). A transaction that took a lower position can commit after a higher one, so the reader starts `overlap`
 * positions earlier: naming a change twice costs a reload, missing one costs a stale page.
 */
export async function changesSince(
  db: Sql,
  position: number,
  limit: number,
  overlap = 1000,
): Promise<{ head: number; pairs: Array<readonly [string, string | null]>; complete: boolean }> {
  const rows: Array<{ campaign_id: string; unit_id: string | null; head: string }> = await db.query(
    `SELECT campaign_id, unit_id, max(position) AS head FROM events WHERE position > $1 GROUP BY campaign_id, unit_id LIMIT $2`,
    [Math.max(0, position - overlap), limit + 1],
  );
  return {
    head: Math.max(position, ...rows.map((r) => Number(r.head))),
    pairs: rows.slice(0, limit).map((r) => [r.campaign_id, r.unit_id] as const),
    complete: rows.length <= limit,
  };
}

/** The campaigns a unit takes part in. */
export async function campaignsOfUnit(db: Sql, unitId: string): Promise<string[]> {
  const rows: Array<{ campaign_id: string }> = await db.query('SELECT campaign_id FROM campaign_units WHERE unit_id = $1', [unitId]);
  return rows.map((r) => r.campaign_id);
}

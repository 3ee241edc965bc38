/**
 * The live stream's frames (Server-Sent Events of `GET /api/me/live`): what each carries, and the one reader of
 * the wire format, shared by the console (in the browser) and the tests (in Node). Pure.
 */

/** `change`: what changed that the person may read; they read it again through the API. */
export interface LiveChangeData {
  readonly campaigns: readonly string[];
  /** [campaign, unit] pairs. */
  readonly units: ReadonlyArray<readonly [string, string]>;
  /** Campaigns whose every unit may have changed (too many to name). */
  readonly whole: readonly string[];
}

/** `ready` and `inbox`: how many notices the person has not read. */
export interface LiveInboxData {
  readonly unread: number;
}

/** Why the server ended a stream (`end`). */
export type LiveEndReason = 'expired' | 'disabled' | 'shutdown';

/**
 * Calls `onFrame` for every complete frame in `text` (comment lines — the heartbeats — skipped) and returns what
 * is left: the start of a frame still arriving.
 */
export function readFrames(text: string, onFrame: (event: string, data: string, id?: string) => void): string {
  let rest = text;
  let cut: number;
  while ((cut = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, cut);
    rest = rest.slice(cut + 2);
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      const at = line.indexOf(':');
      if (at <= 0) continue; // a comment (":" first) or a line without a field
      fields[line.slice(0, at)] = line.slice(at + 1).replace(/^ /, '');
    }
    if (fields.event) onFrame(fields.event, fields.data ?? '{}', fields.id);
  }
  return rest;
}

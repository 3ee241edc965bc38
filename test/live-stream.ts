/** A client of the API's live stream (Server-Sent Events) for tests: the frames as they arrive, awaited by condition. */
import { readFrames, type LiveChangeData, type LiveEndReason, type LiveInboxData } from '@thidua/contracts';

/** What the frames carry (`ready`/`inbox`: unread; `change`: campaigns, units, whole; `end`: reason). */
export type LiveData = Partial<LiveInboxData & LiveChangeData> & { readonly reason?: LiveEndReason };

export interface LiveFrame {
  readonly event: string;
  readonly id?: string;
  readonly data: LiveData;
}

export interface LiveReader {
  readonly status: number;
  readonly contentType: string | null;
  readonly frames: LiveFrame[];
  /** Resolves once the stream has ended (by the server, or by close()). */
  readonly ended: Promise<void>;
  /** The first frame from index `from` on that matches, waiting for it up to `timeoutMs`. */
  next(match: (f: LiveFrame) => boolean, timeoutMs?: number, from?: number): Promise<LiveFrame>;
  close(): void;
}

/** Opens `GET /api/me/live` with `token` (resuming after `lastEventId` when given). */
export async function openLive(base: string, token: string | undefined, lastEventId?: string): Promise<LiveReader> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/me/live`, {
    headers: {
      accept: 'text/event-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    },
    signal: abort.signal,
  });
  const frames: LiveFrame[] = [];
  const waiters = new Set<() => void>();
  const wake = (): void => waiters.forEach((w) => w());
  let done = false;
  const ended = (async () => {
    if (!res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer = readFrames(buffer + decoder.decode(value, { stream: true }), (event, data, id) => {
          frames.push({ event, id, data: JSON.parse(data) as LiveData });
          wake();
        });
      }
    } catch {
      // aborted by close()
    } finally {
      done = true;
      wake();
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    frames,
    ended,
    next(match, timeoutMs = 15_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = frames.slice(from).find(match);
          if (found) resolve(found);
          else if (done) reject(new Error(`the stream ended without the frame; frames: ${JSON.stringify(frames)}`));
          else return false;
          return true;
        };
        if (check()) return;
        const waiter = (): void => {
          if (check()) {
            waiters.delete(waiter);
            clearTimeout(timer);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching frame within ${timeoutMs} ms; frames: ${JSON.stringify(frames)}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close() {
      abort.abort();
    },
  };
}

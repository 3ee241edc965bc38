/**
 * The live stream of changes from the API (Server-Sent Events, read over fetch so that it carries the
 * session's bearer token like every other call), and the pages listening to it. While it is up, pages
 * reload only what a change names; while it is down, they poll as before and it reconnects, resuming from
 * the last id it saw (the API replays what changed meanwhile).
 */
import { readFrames, type LiveChangeData, type LiveEndReason, type LiveInboxData } from '@thidua/contracts';
import { loadSession } from './api';

/** What a frame says. */
export type LiveEvent =
  | { readonly type: 'ready'; readonly unread: number }
  | { readonly type: 'inbox'; readonly unread: number }
  | ({ readonly type: 'change' } & LiveChangeData)
  | { readonly type: 'resync' };

/** What a page shows, to be reloaded when a change names it. */
export type LiveTopic =
  | { readonly campaign: string; readonly unit?: string }
  | { readonly inbox: true }
  /** Anything the person may read (their tasks, the work queue, the list of campaigns). */
  | 'any';

const listeners = new Set<(e: LiveEvent) => void>();
const watchers = new Set<(up: boolean) => void>();
let up = false;

function setUp(value: boolean): void {
  if (up === value) return;
  up = value;
  for (const fn of [...watchers]) fn(up);
}

/** Calls `fn` now and whenever the stream goes up or down, until the returned function is called. */
export function onConnection(fn: (up: boolean) => void): () => void {
  watchers.add(fn);
  fn(up);
  return () => watchers.delete(fn);
}

/** Whether the stream is up now (pages then do not poll). */
export function isLive(): boolean {
  return up;
}

/** Calls `fn` with every frame until the returned function is called. */
export function onLive(fn: (e: LiveEvent) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Whether a frame asks a page showing `topic` to read again. */
export function concerns(e: LiveEvent, topic: LiveTopic): boolean {
  if (e.type === 'resync') return true;
  if (topic !== 'any' && 'inbox' in topic) return e.type === 'inbox';
  if (e.type !== 'change') return false;
  if (topic === 'any') return true;
  if (topic.unit === undefined) return e.campaigns.includes(topic.campaign);
  return e.whole.includes(topic.campaign) || e.units.some(([c, u]) => c === topic.campaign && u === topic.unit);
}

function emit(e: LiveEvent): void {
  for (const fn of [...listeners]) fn(e);
}

/**
 * Keeps the stream open while the person is signed in; `onEnd` is told when the server ends it for good
 * (`expired`: the token's time is up, `disabled`: the account was locked). Returns the function that closes it
 * (on sign-out).
 */
export function startLive(onEnd: (reason: 'expired' | 'disabled') => void): () => void {
  let stopped = false;
  let lastId: string | undefined;
  let abort: AbortController | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const down = (): void => {
    if (up) {
      setUp(false);
      emit({ type: 'resync' }); // back to polling: read once now
    }
  };

  const connect = async (): Promise<void> => {
    const session = loadSession();
    if (stopped || !session) return;
    abort = new AbortController();
    let ended: 'expired' | 'disabled' | undefined;
    try {
      const res = await fetch('/api/me/live', {
        headers: {
          accept: 'text/event-stream',
          authorization: `Bearer ${session.accessToken}`,
          ...(lastId ? { 'last-event-id': lastId } : {}),
        },
        signal: abort.signal,
      });
      if (res.status === 401) ended = 'expired';
      else if (res.ok && res.body) {
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = readFrames(buffer + decoder.decode(value, { stream: true }), (event, data, id) => {
            if (id) lastId = id;
            const body = JSON.parse(data) as Partial<LiveInboxData & LiveChangeData> & { reason?: LiveEndReason };
            if (event === 'ready') {
              setUp(true);
              failures = 0;
              emit({ type: 'ready', unread: body.unread ?? 0 });
            } else if (event === 'inbox') emit({ type: 'inbox', unread: body.unread ?? 0 });
            else if (event === 'change')
              emit({ type: 'change', campaigns: body.campaigns ?? [], units: body.units ?? [], whole: body.whole ?? [] });
            else if (event === 'resync') emit({ type: 'resync' });
            else if (event === 'end' && (body.reason === 'expired' || body.reason === 'disabled')) ended = body.reason;
          });
        }
      }
    } catch {
      // the network, or stop(): reconnect below unless stopped
    }
    down();
    if (stopped) return;
    if (ended) {
      stopped = true;
      onEnd(ended);
      return;
    }
    failures += 1;
    retry = setTimeout(() => void connect(), Math.min(15_000, 500 * 2 ** Math.min(failures, 5)));
  };

  void connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    abort?.abort();
    setUp(false);
  };
}

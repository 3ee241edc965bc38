/**
 * One person's live stream (Server-Sent Events): what changed that they may read, coalesced, with the unread
 * count of their inbox. The messages only name what changed (campaigns, units, the inbox): the console then
 * reads it through the ordinary, authorised API. Pure of Nest: the feed gives it changes and a writable.
 */
import type { LiveChangeData, LiveEndReason } from '@thidua/contracts';
import type { LiveChange } from '@thidua/persistence';
import type { Principal } from '../auth/principal';

/** Where the frames go (an HTTP response). */
export interface FrameSink {
  write(chunk: string): boolean;
  end(): void;
  readonly writableLength: number;
}

/** More than this many bytes waiting for a slow client: the stream ends and the client resumes from its last id. */
const MAX_BUFFERED = 1 << 20;

/** One SSE frame; `data` is JSON on one line (JSON.stringify escapes newlines inside strings). */
export function frame(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class LiveStream {
  private readonly campaigns = new Set<string>();
  private readonly units = new Map<string, readonly [string, string]>();
  private readonly whole = new Set<string>();
  private head = 0;
  private inbox = false;
  private resync = false;
  private timer?: NodeJS.Timeout;
  private lastFlush = 0;
  private closed = false;

  /**
   * @param ownCampaigns a unit person's campaigns (grows as the unit is enrolled); unused for staff, who read every campaign
   * @param countUnread the person's unread notices now
   * @param onClose called once when the stream ends, whoever ends it
   */
  constructor(
    private readonly sink: FrameSink,
    readonly principal: Principal,
    private readonly inboxes: readonly string[],
    private readonly ownCampaigns: Set<string>,
    /** Staff: whether the campaign is in the caller's scope (owned by their organisation or one below). */
    private readonly inScope: (campaignId: string) => boolean,
    private readonly countUnread: () => Promise<number>,
    private readonly coalesceMs: number,
    private readonly onClose: () => void,
  ) {}

  get open(): boolean {
    return !this.closed;
  }

  private get staff(): boolean {
    return this.principal.role !== 'unit';
  }

  /** Takes an announcement: keeps what this person may read of it, sent at the next flush. */
  accept(change: LiveChange): void {
    if (this.closed) return;
    if (change.k === 'inbox') {
      if (change.all || change.r?.some((r) => this.inboxes.includes(r))) this.mark({ inbox: true });
    } else if (change.k === 'read') {
      if (change.all || change.a?.includes(this.principal.accountId)) this.mark({ inbox: true });
    } else if (change.k === 'disabled') {
      if (change.a === this.principal.accountId) this.end('disabled');
    } else if (change.k === 'orgs') {
      return; // the feed reads the tree again; pages see it on their next read
    } else if (change.all) {
      this.mark({ resync: true, head: change.p });
    } else {
      this.acceptEvents(change);
    }
  }

  private acceptEvents(change: Extract<LiveChange, { k: 'events' }>): void {
    const own = this.principal.unitId;
    let any = false;
    for (const [campaign, unit] of change.u ?? []) {
      if (this.staff ? !this.inScope(campaign) : unit !== own) continue;
      // A unit's first event in a campaign is its enrolment: from then on the campaign is one of its own.
      if (!this.staff) this.ownCampaigns.add(campaign);
      this.units.set(`${campaign}\u0000${unit}`, [campaign, unit]);
      this.campaigns.add(campaign);
      any = true;
    }
    for (const campaign of change.c ?? []) {
      if (this.staff ? !this.inScope(campaign) : !this.ownCampaigns.has(campaign)) continue;
      // Staff hear of every campaign touched; a unit only of its own campaigns' campaign-wide events (or, units unnamed, any).
      if (this.staff || change.many || change.g?.includes(campaign)) {
        this.campaigns.add(campaign);
        if (change.many) this.whole.add(campaign);
        any = true;
      }
    }
    if (any) this.mark({ head: change.p });
  }

  /** Everything may have changed (the feed lost its connection to PostgreSQL for a while). */
  resyncAll(): void {
    this.mark({ resync: true });
  }

  /** Pairs of [campaign, unit | null] stored after the client's last id (a resumed stream): as one change. */
  replay(pairs: ReadonlyArray<readonly [string, string | null]>, head: number, complete: boolean): void {
    if (!complete) return this.mark({ resync: true, head });
    const u = pairs.filter((p): p is readonly [string, string] => p[1] !== null);
    const g = [...new Set(pairs.filter((p) => p[1] === null).map(([c]) => c))];
    this.acceptEvents({ k: 'events', p: head, c: [...new Set(pairs.map(([c]) => c))], u, g });
    this.mark({ head });
  }

  private mark(what: { inbox?: boolean; resync?: boolean; head?: number }): void {
    if (what.inbox) this.inbox = true;
    if (what.resync) this.resync = true;
    if (what.head !== undefined) this.head = Math.max(this.head, what.head);
    // At most one frame per `coalesceMs`: the first change after a quiet spell goes out at once (this turn's
    // other changes with it), the changes of a busy spell gather until the window ends.
    this.timer ??= setTimeout(() => void this.flush(), Math.max(0, this.lastFlush + this.coalesceMs - Date.now()));
  }

  /** Sends what gathered since the last flush: a resync, or the change (with the log's position as its id), then the unread count. */
  async flush(): Promise<void> {
    this.timer = undefined;
    this.lastFlush = Date.now();
    if (this.closed) return;
    if (this.resync) {
      this.send(frame('resync', {}, this.head || undefined));
      this.inbox = true;
    } else if (this.campaigns.size || this.units.size) {
      const message: LiveChangeData = { campaigns: [...this.campaigns], units: [...this.units.values()], whole: [...this.whole] };
      this.send(frame('change', message, this.head || undefined));
    }
    this.campaigns.clear();
    this.units.clear();
    this.whole.clear();
    this.resync = false;
    if (this.inbox) {
      this.inbox = false;
      try {
        const unread = await this.countUnread();
        this.send(frame('inbox', { unread }));
      } catch {
        this.mark({ inbox: true }); // PostgreSQL busy or away: try again at the next turn
      }
    }
  }

  /** The first frame: the log's head as the id to resume from, and the unread count. */
  async ready(head: number): Promise<void> {
    this.head = Math.max(this.head, head);
    this.send(`retry: 2000\n${frame('ready', { unread: await this.countUnread() }, this.head)}`);
  }

  /** A comment line that keeps proxies and the browser from timing the connection out. */
  heartbeat(): void {
    this.send(': ping\n\n');
  }

  /** Tells why the stream ends (`expired`: the token's time is up; `disabled`: the account was locked), then ends it. */
  end(reason?: LiveEndReason): void {
    if (this.closed) return;
    if (reason) this.sink.write(frame('end', { reason }));
    this.close();
  }

  /** The client went away, or the stream is ending: stop everything once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.sink.end();
    this.onClose();
  }

  private send(chunk: string): void {
    if (this.closed) return;
    this.sink.write(chunk);
    if (this.sink.writableLength > MAX_BUFFERED) this.close();
  }
}

/**
 * This API instance's one LISTEN connection to PostgreSQL and the live streams it feeds. Every writer (the API,
 * any worker) announces its changes on commit (the LiveChanges migration), so a change made anywhere reaches
 * every device of every person within the streams' coalescing delay. When the connection is lost, it is opened
 * again and every stream is told to read everything again (announcements in between are gone).
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { campaignsOfUnit, changesSince, LIVE_CHANNEL, logHead, parseLiveChange, unreadCount, type LiveChange } from '@thidua/persistence';
import { DisabledAccounts } from '../accounts/disabled-accounts';
import { readerOf, type Principal } from '../auth/principal';
import { CampaignOwners } from '../organisations/campaign-owners';
import { OrgDirectory } from '../organisations/org-directory';
import { LiveStream, type FrameSink } from './live-stream';

/** At most one frame per stream this often: a busy spell's changes gather (a launch stores thousands of events a second). */
const COALESCE_MS = 150;
/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** A resumed stream replays at most this many changed streams; past that, the client reads everything again. */
const REPLAY_LIMIT = 2000;

@Injectable()
export class LiveFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('live');
  private readonly streams = new Set<LiveStream>();
  private client?: PgClient;
  private heartbeat?: NodeJS.Timeout;
  private stopping = false;
  private lost = false;
  private retryMs = 250;
  private dispatching: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly disabled: DisabledAccounts,
    private readonly orgs: OrgDirectory,
    private readonly owners: CampaignOwners,
  ) {}

  async onModuleInit(): Promise<void> {
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    await this.listen();
  }

  /** Ends every stream (their clients resume on another instance or after the restart) and the LISTEN connection. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeat);
    for (const s of [...this.streams]) s.end('shutdown');
    await this.client?.end().catch(() => undefined);
  }

  /** How many streams are open on this instance. */
  get size(): number {
    return this.streams.size;
  }

  private async listen(): Promise<void> {
    if (this.stopping) return;
    const client = new PgClient({ connectionString: this.config.databaseUrl, application_name: `${this.config.processName}-live` });
    client.on('notification', (n) => {
      const change = parseLiveChange(n.payload);
      if (change)
        this.dispatching = this.dispatching.then(() => this.dispatch(change)).catch((err: unknown) => this.logger.warn(String(err)));
    });
    const reopen = (): void => {
      if (this.client !== client || this.stopping) return;
      this.client = undefined;
      this.lost = true;
      this.logger.warn('the LISTEN connection to PostgreSQL was lost; opening it again');
      void client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), this.retryMs).unref();
    };
    client.on('error', reopen);
    client.on('end', reopen);
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      this.retryMs = 250;
      if (this.lost) {
        // Whatever was announced while nobody listened is gone: every page reads again.
        this.lost = false;
        for (const s of this.streams) s.resyncAll();
      }
    } catch (err) {
      this.logger.warn(`cannot LISTEN on PostgreSQL (${(err as Error).message}); retrying`);
      this.retryMs = Math.min(10_000, this.retryMs * 2);
      reopen();
    }
  }

  /** Hands a change to every stream, in the order announced, once the owners of the campaigns it names are known. */
  private async dispatch(change: LiveChange): Promise<void> {
    if (change.k === 'orgs') return this.orgs.refresh();
    if (change.k === 'events' && change.c) await this.owners.learn(change.c);
    for (const s of this.streams) s.accept(change);
  }

  private beat(): void {
    for (const s of this.streams) {
      if (this.disabled.has(s.principal.accountId)) s.end('disabled');
      else s.heartbeat();
    }
  }

  /**
   * Opens a stream for `principal` on `sink`: its first frame carries the log's head and the unread count; a
   * client resuming after `lastEventId` first gets what changed since. Ends when the token expires.
   */
  async open(sink: FrameSink, principal: Principal, lastEventId: number | undefined): Promise<LiveStream> {
    const reader = readerOf(principal);
    const own = new Set(principal.role === 'unit' && principal.unitId ? await campaignsOfUnit(this.ds, principal.unitId) : []);
    let expiry: NodeJS.Timeout | undefined;
    const stream = new LiveStream(
      sink,
      principal,
      reader.recipients,
      own,
      (campaign) => {
        const owner = this.owners.known(campaign);
        return owner !== undefined && principal.scope.includes(owner);
      },
      () => unreadCount(this.ds, reader),
      COALESCE_MS,
      () => {
        clearTimeout(expiry);
        this.streams.delete(stream);
      },
    );
    // Registered before the head is read: a change committed meanwhile is heard, at worst twice.
    this.streams.add(stream);
    try {
      const head = await logHead(this.ds);
      await stream.ready(head);
      if (lastEventId !== undefined) {
        if (lastEventId > head)
          stream.resyncAll(); // an id from another database (restored, or a test's)
        else if (lastEventId < head) {
          const since = await changesSince(this.ds, lastEventId, REPLAY_LIMIT);
          await this.owners.learn([...new Set(since.pairs.map(([c]) => c))]);
          stream.replay(since.pairs, since.head, since.complete);
        }
      }
    } catch (err) {
      stream.close();
      throw err;
    }
    if (principal.expiresAt !== undefined) {
      expiry = setTimeout(() => stream.end('expired'), Math.max(0, principal.expiresAt - Date.now()));
      expiry.unref();
    }
    return stream;
  }
}

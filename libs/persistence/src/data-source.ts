/**
 * The TypeORM data source. TypeORM is used for two things only: the connection pool with its transactions
 * (`DataSource.transaction`, `query`), and the ordered, recorded migrations. There are no entities: the event
 * log and its projections are plain SQL in the repositories of this library.
 */
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { RoundTrips1764300000000 } from './migrations/1764300000000-first-skeleton';
import { EventStore1764310000000 } from './migrations/1764310000000-event-store';
import { Accounts1764320000000 } from './migrations/1764320000000-accounts';
import { SingleEventStore1764330000000 } from './migrations/1764330000000-single-event-store';
import { StreamFailures1764340000000 } from './migrations/1764340000000-stream-failures';
import { DropDiagnostics1764350000000 } from './migrations/1764350000000-drop-diagnostics';
import { UnitKinds1764360000000 } from './migrations/1764360000000-unit-kinds';
import { CampaignTemplates1764370000000 } from './migrations/1764370000000-campaign-templates';
import { CalendarOverrides1764380000000 } from './migrations/1764380000000-calendar-overrides';
import { CalendarFeeds1764390000000 } from './migrations/1764390000000-calendar-feeds';
import { DecisionRegisters1764400000000 } from './migrations/1764400000000-decision-registers';
import { Commendations1764410000000 } from './migrations/1764410000000-commendations';
import { UnitStatusSorting1764420000000 } from './migrations/1764420000000-unit-status-sorting';
import { AccountDisabling1764430000000 } from './migrations/1764430000000-account-disabling';
import { NotificationReads1764440000000 } from './migrations/1764440000000-notification-reads';
import { CampaignDefinitions1764450000000 } from './migrations/1764450000000-campaign-definitions';
import { LiveChanges1764460000000 } from './migrations/1764460000000-live-changes';
import { Organisations1764470000000 } from './migrations/1764470000000-organisations';
import { CascadeAndClusters1764480000000 } from './migrations/1764480000000-cascade-and-clusters';
import { Files1764490000000 } from './migrations/1764490000000-files';
import { LegalForce1764500000000 } from './migrations/1764500000000-legal-force';
import { OperationsMetrics1764510000000 } from './migrations/1764510000000-operations-metrics';
import { UnitAnnouncements1764520000000 } from './migrations/1764520000000-unit-announcements';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  RoundTrips1764300000000,
  EventStore1764310000000,
  Accounts1764320000000,
  SingleEventStore1764330000000,
  StreamFailures1764340000000,
  DropDiagnostics1764350000000,
  UnitKinds1764360000000,
  CampaignTemplates1764370000000,
  CalendarOverrides1764380000000,
  CalendarFeeds1764390000000,
  DecisionRegisters1764400000000,
  Commendations1764410000000,
  UnitStatusSorting1764420000000,
  AccountDisabling1764430000000,
  NotificationReads1764440000000,
  CampaignDefinitions1764450000000,
  LiveChanges1764460000000,
  Organisations1764470000000,
  CascadeAndClusters1764480000000,
  Files1764490000000,
  LegalForce1764500000000,
  OperationsMetrics1764510000000,
  UnitAnnouncements1764520000000,
];

/** Options for {@link createDataSource}. */
export interface DataSourceOptions {
  readonly url: string;
  readonly poolSize?: number;
  /**
   * Connections opened at start and never closed for idleness (default: none): a burst of requests after a
   * quiet spell then does not wait for PostgreSQL to start new backends (the first second of a jump from 50 to
   * 500 reads/s paid several milliseconds of connection set-up per request without it).
   */
  readonly warmConnections?: number;
  readonly applicationName?: string;
  /** Waiting for a connection from the pool or the server (default: forever, as one-shot commands want). */
  readonly connectTimeoutMs?: number;
  /** A statement running longer is cancelled by the server (57014); default: none. */
  readonly statementTimeoutMs?: number;
}

/** Builds (does not connect) the data source; schema changes only through migrations. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: [],
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: options.poolSize ?? 10,
      min: options.warmConnections ?? 0,
      application_name: options.applicationName ?? 'thi-dua',
      keepAlive: true,
      ...(options.connectTimeoutMs ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}),
      ...(options.statementTimeoutMs
        ? { statement_timeout: options.statementTimeoutMs, query_timeout: options.statementTimeoutMs + 1000 }
        : {}),
    },
  });
}

/** Initialises the data source and opens its warm connections (`warmConnections`) before the first request needs them. */
export async function initializeWarm(ds: DataSource): Promise<DataSource> {
  await ds.initialize();
  const pool = (ds.driver as PostgresDriver).master as Pool;
  // The pool's floor as createDataSource set it: what it keeps open is what is opened now.
  const warm = Number((ds.options.extra as { min?: number } | undefined)?.min ?? 0);
  const clients = await Promise.all(Array.from({ length: warm }, () => pool.connect()));
  for (const client of clients) client.release();
  return ds;
}

/** Connects, applies pending migrations (each in its own transaction) and disconnects. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource({ url, poolSize: 1, applicationName: 'thi-dua-migrate' });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

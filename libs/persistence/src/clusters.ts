/** The `clusters` table: emulation clusters and blocks of an organisation, per year; each row the fold of its stream. */
import type { EntityManager } from 'typeorm';
import type { ClusterRecord } from '@thidua/contracts';
import { appendAtEnd, streams } from './event-store';
import type { Sql } from './sql';

/** A cluster as stored. */
export interface ClusterRow {
  readonly id: string;
  readonly org_id: string;
  readonly year: number;
  readonly cluster: ClusterRecord;
  readonly version: number;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** The clusters of these organisations (of one year when given), by year then name. */
export function listClusters(db: Sql, orgs: readonly string[], year?: number): Promise<ClusterRow[]> {
  return db.query(
    `SELECT * FROM clusters WHERE org_id = ANY($1) AND ($2::int IS NULL OR year = $2) ORDER BY year DESC, cluster ->> 'name'`,
    [orgs, year ?? null],
  );
}

/** The clusters with these ids that exist. */
export function findClusters(db: Sql, ids: readonly string[]): Promise<ClusterRow[]> {
  return db.query('SELECT * FROM clusters WHERE id = ANY($1)', [ids]);
}

/** Writes the cluster's row as its stream states it after event `version`. */
export async function saveClusterRow(db: Sql, cluster: ClusterRecord, version: number, at: string): Promise<void> {
  await db.query(
    `INSERT INTO clusters (id, org_id, year, cluster, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (id) DO UPDATE SET org_id = $2, year = $3, cluster = $4, version = $5, updated_at = $6`,
    [cluster.id, cluster.orgId, cluster.year, JSON.stringify(cluster), version, at],
  );
}

/**
 * Records a cluster defined (`created`) or changed, and projects it, in the caller's transaction. False when a
 * cluster defined anew finds its id taken (nothing written).
 */
export async function recordCluster(
  m: EntityManager,
  cluster: ClusterRecord,
  created: boolean,
  actor: string,
  at: string,
): Promise<boolean> {
  if (created) {
    // The row claims the id first: of two definitions racing for it, the second finds it taken.
    const claimed: unknown[] = await m.query(
      `INSERT INTO clusters (id, org_id, year, cluster, version, created_at, updated_at) VALUES ($1, $2, $3, $4, 0, $5, $5)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [cluster.id, cluster.orgId, cluster.year, JSON.stringify(cluster), at],
    );
    if (claimed.length === 0) return false;
  }
  const stored = await appendAtEnd(m, streams.cluster(cluster.id), {
    type: created ? 'ClusterDefined' : 'ClusterChanged',
    at,
    actor,
    data: { cluster },
  });
  await saveClusterRow(m, cluster, stored.seq, at);
  return true;
}

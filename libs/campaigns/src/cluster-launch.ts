/**
 * A campaign launched to emulation clusters: its units are the clusters' members (each marked with its
 * cluster), it carries a copy of each cluster as it stands at the launch, and each covenant's criteria are
 * added for that cluster's members only. Pure.
 */
import type { ClusterRecord, ClusterRef, Criterion, UnitRef } from '@thidua/contracts';

/** The copy of a cluster a campaign carries. */
export function clusterRef(c: ClusterRecord): ClusterRef {
  const { id, name, kind, year, members, head, deputy, quota, voters, vote, formId } = c;
  return { id, name, kind, year, members, head, ...(deputy ? { deputy } : {}), quota, voters, vote, formId };
}

/** The clusters' part of a definition: their copies, the covenant criteria, and each unit's cluster. */
export function clusterLaunch(
  clusters: readonly ClusterRecord[],
  criteria: readonly Criterion[] | undefined,
): { clusters: ClusterRef[]; criteria?: Criterion[]; members: string[]; mark: (u: UnitRef) => UnitRef } {
  const memberOf = new Map(clusters.flatMap((c) => c.members.map((m) => [m, c.id] as const)));
  const covenant = clusters.flatMap((c) => (c.criteria ?? []).map((k) => ({ ...k, clusters: [c.id] })));
  const all = [...(criteria ?? []), ...covenant];
  return {
    clusters: clusters.map(clusterRef),
    ...(criteria || covenant.length ? { criteria: all } : {}),
    members: [...memberOf.keys()],
    mark: (u) => (memberOf.has(u.id) ? { ...u, cluster: memberOf.get(u.id)! } : u),
  };
}

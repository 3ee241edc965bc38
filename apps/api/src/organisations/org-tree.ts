/** The organisation tree in memory: who is below whom. Pure; built from the stored rows. */
import type { Grant, OrganisationView } from '@thidua/contracts';

/** One organisation of the tree: what the API shows of it, without what depends on the reader or on the rows below. */
export type OrgNode = Omit<OrganisationView, 'depth' | 'counts'>;

export class OrgTree {
  private readonly byId = new Map<string, OrgNode>();
  private readonly children = new Map<string, string[]>();
  private readonly subtrees = new Map<string, readonly string[]>();

  constructor(nodes: readonly OrgNode[]) {
    for (const n of nodes) {
      this.byId.set(n.id, n);
      if (n.parentId !== null) this.children.set(n.parentId, [...(this.children.get(n.parentId) ?? []), n.id]);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): OrgNode | undefined {
    return this.byId.get(id);
  }

  /** The organisation and every one below it, parents before children (cached: the guard asks on every request). */
  subtree(id: string): readonly string[] {
    const cached = this.subtrees.get(id);
    if (cached) return cached;
    const out: string[] = [];
    if (this.byId.has(id)) {
      const queue = [id];
      for (let i = 0; i < queue.length; i++) {
        out.push(queue[i]);
        queue.push(...(this.children.get(queue[i]) ?? []));
      }
    }
    this.subtrees.set(id, out);
    return out;
  }

  /** The organisations above `id`, nearest first (empty for the root or an unknown id). */
  ancestors(id: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>([id]);
    for (let p = this.byId.get(id)?.parentId ?? null; p !== null && !seen.has(p); p = this.byId.get(p)?.parentId ?? null) {
      out.push(p);
      seen.add(p);
    }
    return out;
  }

  /** Whether `id` is `top` or below it. */
  within(id: string, top: string): boolean {
    return id === top || this.ancestors(id).includes(top);
  }

  /** How many levels `id` is below `top` (0 for itself). */
  depth(id: string, top: string): number {
    return id === top ? 0 : this.ancestors(id).indexOf(top) + 1;
  }

  /** The organisations directly below `id`. */
  childrenOf(id: string): readonly string[] {
    return this.children.get(id) ?? [];
  }

  /** Its name as a person reads it. */
  nameOf(id: string): string {
    return this.byId.get(id)?.name ?? id;
  }
}

/** Whether `grants` hold exactly this one (organisation, role, unit). */
export function holds(grants: readonly Grant[], g: Grant): boolean {
  return grants.some((x) => x.orgId === g.orgId && x.role === g.role && (x.unitId ?? null) === (g.unitId ?? null));
}

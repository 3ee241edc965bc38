/**
 * Who may do what, once, with CASL: a caller reads what belongs to their organisation and those below it, and
 * changes only what belongs to their own (an admin also manages the accounts and organisations below). The
 * same rules answer "may this caller touch this object?" ({@link Policy.can}) and "which rows may this caller
 * list?" ({@link Policy.where}: a SQL condition for the list's own query, never a filter after it).
 */
import { AbilityBuilder, createMongoAbility, subject, type MongoAbility } from '@casl/ability';
import type { Principal } from './principal';

/** What is done: read, or change. */
export type Action = 'read' | 'write';
/** What it is done to; each has the organisation that owns it. */
export type Subject = 'Campaign' | 'Template' | 'Unit' | 'Account' | 'Organisation' | 'Calendar' | 'Form' | 'Cluster';
/** The fields the rules look at. */
export interface Owned {
  readonly orgId: string;
  readonly shared?: boolean;
}

type AppAbility = MongoAbility<[Action, Subject | (Owned & { readonly __caslSubjectType__?: Subject })]>;

/** The rules of one caller. */
function rulesFor(p: Principal): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const below = [...p.scope];
  const here = p.orgId;
  // Every staff role reads its organisation's and those below it; a clerk reads nothing outside its unit's work.
  if (p.role !== 'unit') {
    can('read', ['Campaign', 'Template', 'Unit', 'Organisation', 'Account', 'Cluster'], { orgId: { $in: below } });
    // Templates shared by an organisation above (the province's plan for every ward).
    can('read', 'Template', { orgId: { $in: [...p.above] }, shared: true });
  }
  can('read', ['Calendar', 'Form'], { orgId: { $in: [here, ...p.above] } });
  if (p.role === 'admin' || p.role === 'coordinator') can('write', ['Campaign', 'Template'], { orgId: here });
  if (p.role === 'admin') {
    can('write', ['Unit', 'Cluster'], { orgId: here });
    // An admin creates the accounts and organisations of the bodies below (a ward's first admin).
    can('write', ['Account', 'Organisation'], { orgId: { $in: below } });
    // The working calendar and the commendation forms are the province's: its root admin keeps them.
    if (p.above.length === 0) can('write', ['Calendar', 'Form'], { orgId: here });
  }
  return build();
}

/** One caller's policy. */
export class Policy {
  private readonly ability: AppAbility;

  constructor(readonly principal: Principal) {
    this.ability = rulesFor(principal);
  }

  /** Whether the caller may do `action` to this object of `type`. */
  can(action: Action, type: Subject, object: Owned): boolean {
    return this.ability.can(action, subject(type, { ...object }));
  }

  /**
   * The SQL condition selecting the rows of `type` the caller may `action`, with its parameters numbered from
   * `firstParam`; `columns` names the table's columns for the rule fields (`orgId` → `org_id`). FALSE when no
   * rule allows anything.
   */
  where(
    action: Action,
    type: Subject,
    columns: { readonly orgId: string; readonly shared?: string },
    firstParam: number,
  ): { readonly sql: string; readonly params: unknown[] } {
    const params: unknown[] = [];
    const branches = this.ability.rulesFor(action, type).map((rule) => {
      if (rule.inverted) throw new Error('The policy has no inverted rules');
      const parts: string[] = [];
      for (const [field, cond] of Object.entries((rule.conditions ?? {}) as Record<string, unknown>)) {
        const column = (columns as Record<string, string | undefined>)[field];
        if (!column) throw new Error(`No column for the rule field ${field} of ${type}`);
        if (cond !== null && typeof cond === 'object' && '$in' in cond) {
          params.push((cond as { $in: unknown[] }).$in);
          parts.push(`${column} = ANY($${firstParam + params.length - 1})`);
        } else {
          params.push(cond);
          parts.push(`${column} = $${firstParam + params.length - 1}`);
        }
      }
      return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
    });
    return { sql: branches.length ? `(${branches.join(' OR ')})` : 'FALSE', params };
  }

  /** The organisations whose `type` rows the caller may `action` (the simple lists: owned by one of these). */
  orgs(action: Action, type: Subject): string[] {
    const out = new Set<string>();
    for (const rule of this.ability.rulesFor(action, type)) {
      const cond = (rule.conditions as { orgId?: string | { $in: string[] }; shared?: boolean } | undefined)?.orgId;
      if ((rule.conditions as { shared?: boolean } | undefined)?.shared !== undefined) continue;
      if (typeof cond === 'string') out.add(cond);
      else if (cond) for (const o of cond.$in) out.add(o);
    }
    return [...out];
  }
}

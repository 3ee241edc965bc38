/**
 * The organisation tree and everyone's roles, held in memory by every API process: the guard checks the
 * caller's role and computes their scope on every request without a query. Read again when PostgreSQL
 * announces a change (any process, any writer: the Organisations migration's trigger), at once after a change
 * made here, and every 30 s in case an announcement was lost.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Grant, Role } from '@thidua/contracts';
import { listOrganisations } from '@thidua/persistence';
import { OrgTree } from './org-tree';

const REFRESH_MS = 30_000;

@Injectable()
export class OrgDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private current = new OrgTree([]);
  private grants = new Map<string, Grant[]>();
  private timer?: NodeJS.Timeout;
  private pending?: Promise<void>;

  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  get tree(): OrgTree {
    return this.current;
  }

  /** The roles the account holds (as last read). */
  grantsOf(accountId: string): readonly Grant[] {
    return this.grants.get(accountId) ?? [];
  }

  /** Reads the tree and the grants again; concurrent calls share one read. */
  refresh(): Promise<void> {
    this.pending ??= this.read().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async read(): Promise<void> {
    const grantRows: Promise<Array<{ account_id: string; org_id: string; role: Role; unit_id: string | null }>> = this.ds.query(
      'SELECT account_id, org_id, role, unit_id FROM role_grants',
    );
    const [rows, grants] = await Promise.all([listOrganisations(this.ds), grantRows]);
    this.current = new OrgTree(
      rows.map((r) => ({
        id: r.id,
        parentId: r.parent_id,
        kind: r.kind,
        name: r.name,
        shortName: r.short_name,
        code: r.code,
        settings: r.settings,
      })),
    );
    const byAccount = new Map<string, Grant[]>();
    for (const g of grants)
      byAccount.set(g.account_id, [...(byAccount.get(g.account_id) ?? []), { orgId: g.org_id, role: g.role, unitId: g.unit_id }]);
    this.grants = byAccount;
  }
}

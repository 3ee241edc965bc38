/** Accounts and the roles they hold: creation, listing, the first admin, roles given and taken, checking a password. */
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import {
  adminExists,
  appendAtEnd,
  findAccountById,
  findAccountByUsername,
  findUnits,
  grantsOf,
  grantsOfAccounts,
  insertAccount,
  replaceGrants,
  ROOT_ORG,
  setPasswordHash,
  streams,
  updateAccount,
  type AccountRow,
} from '@thidua/persistence';
import type { AccountView, CouncilCandidate, Grant, GrantView, Role } from '@thidua/contracts';
import { ApiException, forbidden, notFound, refusal } from '../common/http-errors';
import { DisabledAccounts } from './disabled-accounts';
import { InvalidInputException } from '../common/validation';
import { hashPassword, verifyPassword } from '../auth/password';
import { policyOf } from '../auth/policy-of';
import type { Principal } from '../auth/principal';
import { OrgDirectory } from '../organisations/org-directory';

// Checked against when the username is unknown, so both cases cost one scrypt.
const DUMMY_HASH = hashPassword('not-a-real-password');

/** A role as asked for. */
export interface GrantInput {
  readonly orgId: string;
  readonly role: Role;
  readonly unitId?: string | null;
}

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('accounts');

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    private readonly disabled: DisabledAccounts,
    private readonly orgs: OrgDirectory,
  ) {}

  /** Creates the first admin (of the root organisation) from ADMIN_USERNAME / ADMIN_PASSWORD when no admin exists. */
  async onApplicationBootstrap(): Promise<void> {
    const { adminUsername, adminPassword } = this.config;
    if (!adminUsername || !adminPassword) return;
    if (await adminExists(this.ds)) return;
    try {
      await this.insert({ username: adminUsername, password: adminPassword, role: 'admin', orgId: ROOT_ORG }, 'system');
      this.logger.log(`Created the first admin account "${adminUsername}"`);
    } catch (err) {
      // Another API instance created it first.
      if (!(err instanceof ApiException && err.getStatus() === 409)) throw err;
    }
  }

  /** The names of the units the clerks among `grants` act for, in one query. */
  private async unitNames(m: Pick<EntityManager, 'query'>, grants: readonly Grant[]): Promise<ReadonlyMap<string, string>> {
    const unitIds = [...new Set(grants.flatMap((g) => (g.unitId ? [g.unitId] : [])))];
    return new Map((unitIds.length ? await findUnits(m, unitIds) : []).map((u) => [u.id, u.name]));
  }

  /** The names a person reads for each grant. */
  private viewsOf(grants: readonly Grant[], units: ReadonlyMap<string, string>): GrantView[] {
    return grants.map((g) => ({
      ...g,
      unitId: g.unitId ?? null,
      orgName: this.orgs.tree.nameOf(g.orgId),
      unitName: g.unitId ? (units.get(g.unitId) ?? g.unitId) : null,
    }));
  }

  /** The account as the API shows it, with its roles in `visible` (all when absent); `units`: names already read (a list). */
  private async toView(
    m: Pick<EntityManager, 'query'>,
    r: AccountRow,
    grants: readonly Grant[],
    visible?: readonly string[],
    units?: ReadonlyMap<string, string>,
  ): Promise<AccountView> {
    const shown = visible ? grants.filter((g) => visible.includes(g.orgId)) : grants;
    const first = shown[0] ?? grants[0];
    return {
      id: r.id,
      username: r.username,
      role: first?.role ?? 'unit',
      unitId: first?.unitId ?? null,
      grants: this.viewsOf(shown, units ?? (await this.unitNames(m, shown))),
      displayName: r.display_name,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by,
      disabled: r.disabled_at !== null,
    };
  }

  /** Checks a grant an admin asks for: the organisation is theirs to manage, a clerk's unit is in its directory. */
  private async checkGrant(m: Pick<EntityManager, 'query'>, g: GrantInput, caller: Principal | undefined, field: string): Promise<Grant> {
    if ((g.role === 'unit') !== (g.unitId !== undefined && g.unitId !== null))
      throw new InvalidInputException([
        {
          field: `${field}unitId`,
          rule: 'unitRole',
          message: `${field}unitId: bắt buộc với tài khoản đơn vị (role "unit") và không dùng cho vai trò khác`,
        },
      ]);
    if (!this.orgs.tree.get(g.orgId) || (caller && !policyOf(caller).can('read', 'Organisation', { orgId: g.orgId })))
      throw new ApiException(422, `Không có tổ chức "${g.orgId}"`, [
        { field: `${field}orgId`, rule: 'exists', message: `${field}orgId: không có tổ chức này` },
      ]);
    if (caller && !policyOf(caller).can('write', 'Account', { orgId: g.orgId }))
      throw forbidden(`Chỉ quản trị của ${this.orgs.tree.nameOf(g.orgId)} hoặc cấp trên mới giao được vai trò ở đó`);
    if (g.unitId) {
      const rows: Array<{ org_id: string }> = await m.query('SELECT org_id FROM units WHERE id = $1', [g.unitId]);
      if (rows[0]?.org_id !== g.orgId)
        throw new ApiException(422, `Đơn vị "${g.unitId}" chưa có trong danh mục đơn vị của ${this.orgs.tree.nameOf(g.orgId)}`, [
          { field: `${field}unitId`, rule: 'exists', message: `${field}unitId: không có trong danh mục` },
        ]);
    }
    return { orgId: g.orgId, role: g.role, unitId: g.unitId ?? null };
  }

  /** Creates an account with one role, in the caller's organisation unless it names one they manage; 409 when the username is taken. */
  async create(
    input: { username: string; password: string; role: Role; unitId?: string; displayName?: string; orgId?: string },
    caller: Principal,
    actor: string,
  ): Promise<AccountView> {
    return this.insert({ ...input, orgId: input.orgId ?? caller.orgId }, actor, caller);
  }

  private async insert(
    input: { username: string; password: string; role: Role; unitId?: string; displayName?: string; orgId: string },
    actor: string,
    caller?: Principal,
  ): Promise<AccountView> {
    const hash = await hashPassword(input.password);
    const view = await this.ds.transaction(async (m) => {
      const grant = await this.checkGrant(m, { orgId: input.orgId, role: input.role, unitId: input.unitId }, caller, '');
      const at = new Date().toISOString();
      const row = await insertAccount(m, {
        id: randomUUID(),
        createdAt: at,
        username: input.username,
        passwordHash: hash,
        orgId: input.orgId,
        displayName: input.displayName ?? null,
        createdBy: actor,
      });
      if (!row) throw new ApiException(409, `Tên đăng nhập "${input.username}" đã được dùng`);
      await replaceGrants(m, row.id, [grant]);
      await appendAtEnd(m, streams.account(row.id), {
        type: 'AccountCreated',
        at,
        actor,
        data: {
          username: input.username,
          role: input.role,
          unitId: input.unitId ?? null,
          displayName: input.displayName ?? null,
          org: input.orgId,
        },
      });
      return this.toView(m, row, [grant]);
    });
    await this.orgs.refresh();
    return view;
  }

  /** The accounts of the caller's organisation and those below (made there or holding a role there), each with the roles the caller may see. */
  async list(caller: Principal): Promise<AccountView[]> {
    const scope = policyOf(caller).orgs('read', 'Account');
    const rows: AccountRow[] = await this.ds.query(
      `SELECT a.* FROM accounts a WHERE a.org_id = ANY($1)
         OR EXISTS (SELECT 1 FROM role_grants g WHERE g.account_id = a.id AND g.org_id = ANY($1))
       ORDER BY lower(a.username)`,
      [scope],
    );
    const grants = await grantsOfAccounts(
      this.ds,
      rows.map((r) => r.id),
    );
    // Every clerk's unit named in one query, not one per account.
    const units = await this.unitNames(this.ds, [...grants.values()].flat());
    return Promise.all(rows.map((r) => this.toView(this.ds, r, grants.get(r.id) ?? [], scope, units)));
  }

  /** Active staff of the caller's organisation (no clerk), by name: who can sit on its council. */
  async councilCandidates(caller: Principal): Promise<CouncilCandidate[]> {
    const rows: Array<{ username: string; display_name: string | null }> = await this.ds.query(
      `SELECT DISTINCT a.username, a.display_name FROM accounts a JOIN role_grants g ON g.account_id = a.id
       WHERE g.org_id = $1 AND g.role <> 'unit' AND a.disabled_at IS NULL`,
      [caller.orgId],
    );
    return rows
      .map((r) => ({ username: r.username, name: r.display_name ?? r.username }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /**
   * The account and its roles when the password matches and it is not disabled, else undefined (same cost either
   * way); the roles held in the account's own organisation first (where a sign-in lands by default).
   */
  async verify(username: string, password: string): Promise<{ id: string; username: string; grants: Grant[] } | undefined> {
    const row = await findAccountByUsername(this.ds, username);
    const ok = await verifyPassword(password, row?.password_hash ?? (await DUMMY_HASH));
    if (!row || !ok || row.disabled_at !== null) return undefined;
    const grants = await grantsOf(this.ds, row.id);
    return {
      id: row.id,
      username: row.username,
      grants: [...grants.filter((g) => g.orgId === row.org_id), ...grants.filter((g) => g.orgId !== row.org_id)],
    };
  }

  /** Who is signed in, with every role they hold (names as a person reads them). */
  async grantViews(grants: readonly Grant[]): Promise<GrantView[]> {
    return this.viewsOf(grants, await this.unitNames(this.ds, grants));
  }

  /** Changes the display name or disables/enables the account (an admin cannot disable their own); each change an event. */
  async update(id: string, change: { displayName?: string; disabled?: boolean }, caller: Principal, actor: string): Promise<AccountView> {
    if (change.disabled === true && id === caller.accountId) throw refusal('self', 'Không thể tự khóa tài khoản đang đăng nhập');
    return this.ds.transaction(async (m) => {
      const at = new Date().toISOString();
      const row = await updateAccount(
        m,
        id,
        {
          ...(change.displayName !== undefined ? { displayName: change.displayName.trim() } : {}),
          ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
        },
        at,
      );
      if (!row) throw notFound(`Không có tài khoản "${id}"`);
      await appendAtEnd(m, streams.account(id), { type: 'AccountChanged', at, actor, data: change });
      if (change.disabled !== undefined) this.disabled.mark(id, change.disabled);
      return this.toView(m, row, await grantsOf(m, id), caller.scope);
    });
  }

  /**
   * Sets the account's roles in the organisations the caller manages: those asked for replace the ones held
   * there; roles elsewhere are kept. An admin cannot take away their own admin role where they act.
   */
  async setRoles(id: string, asked: readonly GrantInput[], caller: Principal, actor: string): Promise<AccountView> {
    const policy = policyOf(caller);
    const view = await this.ds.transaction(async (m) => {
      const row = await findAccountById(m, id);
      if (!row) throw notFound(`Không có tài khoản "${id}"`);
      const wanted: Grant[] = [];
      for (const [i, g] of asked.entries()) wanted.push(await this.checkGrant(m, g, caller, `grants.${i}.`));
      const held = await grantsOf(m, id);
      const kept = held.filter((g) => !policy.can('write', 'Account', { orgId: g.orgId }));
      const next = [...kept, ...wanted.filter((g, i) => wanted.findIndex((x) => x.orgId === g.orgId && x.role === g.role) === i)];
      if (id === caller.accountId && !next.some((g) => g.orgId === caller.orgId && g.role === caller.role))
        throw refusal('self', 'Không thể tự bỏ vai trò đang dùng để đăng nhập');
      await replaceGrants(m, id, next);
      await appendAtEnd(m, streams.account(id), { type: 'RolesChanged', at: new Date().toISOString(), actor, data: { grants: next } });
      return this.toView(m, row, next, caller.scope);
    });
    await this.orgs.refresh();
    return view;
  }

  /** Sets a new password (the person's own is forgotten); the event records that it happened, never the password. */
  async resetPassword(id: string, password: string, caller: Principal, actor: string): Promise<AccountView> {
    const hash = await hashPassword(password);
    return this.ds.transaction(async (m) => {
      if (!(await setPasswordHash(m, id, hash))) throw notFound(`Không có tài khoản "${id}"`);
      await appendAtEnd(m, streams.account(id), { type: 'PasswordReset', at: new Date().toISOString(), actor, data: {} });
      return this.toView(m, (await findAccountById(m, id))!, await grantsOf(m, id), caller.scope);
    });
  }
}

/** Accounts: creation, listing, the first admin, and checking a password. */
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import {
  adminExists,
  appendAtEnd,
  findAccountById,
  findAccountByUsername,
  insertAccount,
  listAccounts,
  setPasswordHash,
  streams,
  unitExists,
  updateAccount,
  type AccountRow,
} from '@thidua/persistence';
import { ApiException, notFound, refusal } from '../common/http-errors';
import { DisabledAccounts } from './disabled-accounts';
import { InvalidInputException } from '../common/validation';
import { hashPassword, verifyPassword } from '../auth/password';
import type { AccountView, CouncilCandidate, Role } from '@thidua/contracts';

const toView = (r: AccountRow): AccountView => ({
  id: r.id,
  username: r.username,
  role: r.role,
  unitId: r.unit_id,
  displayName: r.display_name,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  disabled: r.disabled_at !== null,
});

// Checked against when the username is unknown, so both cases cost one scrypt.
const DUMMY_HASH = hashPassword('not-a-real-password');

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('accounts');

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
    private readonly disabled: DisabledAccounts,
  ) {}

  /** Creates the first admin from ADMIN_USERNAME / ADMIN_PASSWORD when no admin exists. */
  async onApplicationBootstrap(): Promise<void> {
    const { adminUsername, adminPassword } = this.config;
    if (!adminUsername || !adminPassword) return;
    if (await adminExists(this.ds)) return;
    try {
      await this.create({ username: adminUsername, password: adminPassword, role: 'admin' }, 'system');
      this.logger.log(`Created the first admin account "${adminUsername}"`);
    } catch (err) {
      // Another API instance created it first.
      if (!(err instanceof ApiException && err.getStatus() === 409)) throw err;
    }
  }

  /** Creates an account; 409 when the username is taken, 422 when a unit account names an unknown unit. */
  async create(
    input: { username: string; password: string; role: Role; unitId?: string; displayName?: string },
    actor: string,
  ): Promise<AccountView> {
    if ((input.role === 'unit') !== (input.unitId !== undefined)) {
      throw new InvalidInputException([
        {
          field: 'unitId',
          rule: 'unitRole',
          message: 'unitId: bắt buộc với tài khoản đơn vị (role "unit") và không dùng cho vai trò khác',
        },
      ]);
    }
    const hash = await hashPassword(input.password);
    return this.ds.transaction(async (m) => {
      if (input.unitId && !(await unitExists(m, input.unitId))) {
        throw new ApiException(422, `Đơn vị "${input.unitId}" chưa có trong danh mục đơn vị`, [
          { field: 'unitId', rule: 'exists', message: 'unitId: không có trong danh mục' },
        ]);
      }
      const at = new Date().toISOString();
      const row = await insertAccount(m, {
        id: randomUUID(),
        createdAt: at,
        username: input.username,
        passwordHash: hash,
        role: input.role,
        unitId: input.unitId ?? null,
        displayName: input.displayName ?? null,
        createdBy: actor,
      });
      if (!row) throw new ApiException(409, `Tên đăng nhập "${input.username}" đã được dùng`);
      await appendAtEnd(m, streams.account(row.id), {
        type: 'AccountCreated',
        at,
        actor,
        data: { username: input.username, role: input.role, unitId: input.unitId ?? null, displayName: input.displayName ?? null },
      });
      return toView(row);
    });
  }

  /** Every account, by username. */
  async list(): Promise<AccountView[]> {
    return (await listAccounts(this.ds)).map(toView);
  }

  /** Active staff accounts (not units), by name: who can sit on a council. */
  async councilCandidates(): Promise<CouncilCandidate[]> {
    return (await listAccounts(this.ds))
      .filter((r) => r.role !== 'unit' && r.disabled_at === null)
      .map((r) => ({ username: r.username, name: r.display_name ?? r.username }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** The account when the password matches and it is not disabled, else undefined (same cost either way). */
  async verify(username: string, password: string): Promise<AccountView | undefined> {
    const row = await findAccountByUsername(this.ds, username);
    const ok = await verifyPassword(password, row?.password_hash ?? (await DUMMY_HASH));
    return row && ok && row.disabled_at === null ? toView(row) : undefined;
  }

  /** Changes the display name or disables/enables the account (an admin cannot disable their own); each change an event. */
  async update(id: string, change: { displayName?: string; disabled?: boolean }, actor: string, self: string): Promise<AccountView> {
    if (change.disabled === true && id === self) throw refusal('self', 'Không thể tự khóa tài khoản đang đăng nhập');
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
      return toView(row);
    });
  }

  /** Sets a new password (the person's own is forgotten); the event records that it happened, never the password. */
  async resetPassword(id: string, password: string, actor: string): Promise<AccountView> {
    const hash = await hashPassword(password);
    return this.ds.transaction(async (m) => {
      if (!(await setPasswordHash(m, id, hash))) throw notFound(`Không có tài khoản "${id}"`);
      await appendAtEnd(m, streams.account(id), { type: 'PasswordReset', at: new Date().toISOString(), actor, data: {} });
      return toView((await findAccountById(m, id))!);
    });
  }
}

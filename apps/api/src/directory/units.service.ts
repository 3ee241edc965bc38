/** The unit directory: units that campaigns can enrol. */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { changedUnit, type DirectoryUnit, type UnitRef } from '@thidua/contracts';
import { appendAtEnd, findUnits, insertUnit, listUnits, streams, updateUnit, type UnitRow } from '@thidua/persistence';
import { ApiException, notFound } from '../common/http-errors';
import { policyOf } from '../auth/policy-of';
import type { Principal } from '../auth/principal';

const toUnit = (r: UnitRow): DirectoryUnit => ({
  orgId: r.org_id,
  id: r.id,
  name: r.name,
  kind: r.kind,
  ...(r.head_email ? { headEmail: r.head_email } : {}),
  ...(r.contact_email ? { contactEmail: r.contact_email } : {}),
  createdAt: r.created_at.toISOString(),
});

@Injectable()
export class UnitsDirectoryService {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Adds a unit to the directory of the caller's organisation; 409 when the id is taken. */
  async create(unit: UnitRef, caller: Principal, actor: string): Promise<DirectoryUnit> {
    return this.ds.transaction(async (m) => {
      const row = await this.insert(m, unit, caller.orgId, actor);
      if (!row) throw new ApiException(409, `Mã đơn vị "${unit.id}" đã có trong danh mục`);
      return row;
    });
  }

  /** Adds the units that are missing (one transaction); existing ids are left as they are. */
  async importUnits(units: readonly UnitRef[], caller: Principal, actor: string): Promise<{ created: number; existing: number }> {
    return this.ds.transaction(async (m) => {
      // A unit id is the installation's: one another organisation holds cannot be this one's too.
      const elsewhere = (
        await findUnits(
          m,
          units.map((u) => u.id),
        )
      ).filter((r) => r.org_id !== caller.orgId);
      if (elsewhere.length)
        throw new ApiException(
          409,
          `Mã đơn vị đã được dùng: ${elsewhere.map((r) => r.id).join(', ')}; hãy đặt mã khác (ví dụ thêm tiền tố của tổ chức)`,
          elsewhere.map((r) => ({ field: 'id', rule: 'taken', message: `"${r.id}" đã được dùng` })),
        );
      let created = 0;
      for (const u of units) if (await this.insert(m, u, caller.orgId, actor)) created += 1;
      return { created, existing: units.length - created };
    });
  }

  /**
   * The directory of the caller's organisation (`below`: and of those below it, which they may only read), by
   * kind then name; `notInCampaign`: only the units that campaign does not have (to add one).
   */
  async list(caller: Principal, options: { notInCampaign?: string; below?: boolean } = {}): Promise<DirectoryUnit[]> {
    const { notInCampaign } = options;
    if (notInCampaign !== undefined) {
      const rows: Array<{ org_id: string }> = await this.ds.query('SELECT org_id FROM campaigns WHERE id = $1', [notInCampaign]);
      if (!rows[0] || !policyOf(caller).can('read', 'Campaign', { orgId: rows[0].org_id }))
        throw notFound(`Không có đợt thi đua "${notInCampaign}"`);
    }
    const orgs = options.below ? policyOf(caller).orgs('read', 'Unit') : [caller.orgId];
    return (await listUnits(this.ds, orgs, notInCampaign)).map(toUnit);
  }

  /** Changes a unit's name and e-mails (an event of its stream); 404 for an unknown unit. */
  async update(id: string, change: { name: string; headEmail?: string; contactEmail?: string }, actor: string): Promise<DirectoryUnit> {
    return this.ds.transaction(async (m) => {
      const row = await updateUnit(m, id, changedUnit(change));
      if (!row) throw notFound(`Không có đơn vị "${id}" trong danh mục`);
      await appendAtEnd(m, streams.directory(id), { type: 'UnitChanged', at: new Date().toISOString(), actor, data: change });
      return toUnit(row);
    });
  }

  /** The units with these ids in the directory of `orgId`, in the order asked; throws 422 naming the missing ones. */
  async resolve(ids: readonly string[], orgId: string): Promise<UnitRef[]> {
    const rows = (await findUnits(this.ds, ids)).filter((r) => r.org_id === orgId);
    const byId = new Map(rows.map((r) => [r.id, toUnit(r)]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new ApiException(
        422,
        `Đơn vị chưa có trong danh mục: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` và ${missing.length - 10} đơn vị khác` : ''}`,
        missing.map((id) => ({ field: 'units', rule: 'exists', message: `units: "${id}" chưa có trong danh mục đơn vị` })),
      );
    }
    return ids.map((id) => {
      const { name, kind, headEmail, contactEmail } = byId.get(id)!;
      return { id, name, kind, ...(headEmail ? { headEmail } : {}), ...(contactEmail ? { contactEmail } : {}) };
    });
  }

  private async insert(m: EntityManager, unit: UnitRef, orgId: string, actor: string): Promise<DirectoryUnit | undefined> {
    const at = new Date().toISOString();
    const row = await insertUnit(m, unit, orgId, actor, at);
    if (!row) return undefined;
    const { id, name, kind, headEmail, contactEmail } = unit;
    await appendAtEnd(m, streams.directory(unit.id), {
      type: 'UnitRegistered',
      at,
      actor,
      data: { id, name, kind, headEmail, contactEmail, org: orgId },
    });
    return toUnit(row);
  }
}

/**
 * Every path that names an object (`:id`) is checked against the caller's policy before the handler runs: an
 * object outside the caller's scope answers 404, exactly as one that does not exist (its existence does not
 * leak); one the caller may read but not change answers 403 to a change. Which kind of object a controller's
 * `:id` names is declared once on the controller with {@link Owned}.
 */
import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '../common/http-errors';
import { CampaignOwners } from '../organisations/campaign-owners';
import { OrgDirectory } from '../organisations/org-directory';
import { policyOf } from './policy-of';
import type { Action, Owned as OwnedFields, Subject } from './policy';
import type { Principal } from './principal';

export const OWNED_KEY = 'auth:owned';

/**
 * The `:id` (or `param`) of this controller's paths names an object of this kind. A change (any method but GET)
 * needs the right to change it, unless `action` says the path only reads it (a clone of a shared template).
 */
export const Owned = (type: Subject, param = 'id', action?: Action): ClassDecorator & MethodDecorator =>
  SetMetadata(OWNED_KEY, { type, param, action });

const NOT_FOUND: Readonly<Record<Subject, string>> = {
  Campaign: 'Không tìm thấy đợt thi đua',
  Template: 'Không tìm thấy mẫu kế hoạch',
  Unit: 'Không tìm thấy đơn vị trong danh mục',
  Account: 'Không tìm thấy tài khoản',
  Organisation: 'Không tìm thấy tổ chức',
  Calendar: 'Không tìm thấy',
  Form: 'Không tìm thấy hình thức khen thưởng',
  Cluster: 'Không tìm thấy cụm, khối thi đua',
};

@Injectable()
export class ScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly campaignOwners: CampaignOwners,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const owned = this.reflector.getAllAndOverride<{ type: Subject; param: string; action?: Action } | undefined>(OWNED_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal; params: Record<string, string | undefined> }>();
    const caller = req.principal;
    if (!owned || !caller) return true;
    const { type } = owned;
    const id = req.params[owned.param];
    // Text no id can be (a control character, half a surrogate pair, a page of text): the pipes answer 400.
    if (id === undefined || id.length > 200 || /[\u0000-\u001f\ud800-\udfff]/.test(id)) return true;
    // A unit's clerk reaches a campaign that enrols its unit, whoever runs it, and only through its unit's paths.
    if (type === 'Campaign' && caller.role === 'unit') {
      if (!caller.unitId || !(await this.campaignOwners.enrols(id, caller.unitId))) throw notFound(`${NOT_FOUND[type]} "${id}"`);
      return true;
    }
    const owner = await this.ownerOf(type, id);
    if (owner === undefined) return true; // the handler answers its own 404
    const policy = policyOf(caller);
    if (!owner.some((o) => policy.can('read', type, o))) throw notFound(`${NOT_FOUND[type]} "${id}"`);
    const change = (owned.action ?? (req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'write')) === 'write';
    if (change && !owner.some((o) => policy.can('write', type, o)))
      throw forbidden(`Chỉ được xem: thuộc ${this.orgs.tree.nameOf(owner[0].orgId)}, không thuộc nơi bạn đang làm việc`);
    return true;
  }

  /** Who owns the object (an account: every organisation it holds a role in, and its own); undefined when there is none. */
  private async ownerOf(type: Subject, id: string): Promise<OwnedFields[] | undefined> {
    switch (type) {
      case 'Campaign': {
        const owner = await this.campaignOwners.of(id);
        return owner === undefined ? undefined : [{ orgId: owner }];
      }
      case 'Template': {
        const rows: Array<{ org_id: string; shared: boolean }> = await this.ds.query(
          'SELECT org_id, shared FROM campaign_templates WHERE id = $1',
          [id],
        );
        return rows[0] && [{ orgId: rows[0].org_id, shared: rows[0].shared }];
      }
      case 'Unit': {
        const rows: Array<{ org_id: string }> = await this.ds.query('SELECT org_id FROM units WHERE id = $1', [id]);
        return rows[0] && [{ orgId: rows[0].org_id }];
      }
      case 'Account': {
        if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
        const rows: Array<{ org_id: string }> = await this.ds.query('SELECT org_id FROM accounts WHERE id = $1', [id]);
        return rows[0] && [{ orgId: rows[0].org_id }, ...this.orgs.grantsOf(id).map((g) => ({ orgId: g.orgId }))];
      }
      case 'Organisation':
        return this.orgs.tree.get(id) && [{ orgId: id }];
      case 'Cluster': {
        const rows: Array<{ org_id: string }> = await this.ds.query('SELECT org_id FROM clusters WHERE id = $1', [id]);
        return rows[0] && [{ orgId: rows[0].org_id }];
      }
      default:
        return undefined;
    }
  }
}

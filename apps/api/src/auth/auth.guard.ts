/**
 * Every endpoint needs a valid bearer token unless marked @Public(); @Roles() narrows who may call it;
 * a unit account may only use paths of its own unit (`:unitId`).
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { ApiException, forbidden, notFound } from '../common/http-errors';
import { PUBLIC_KEY, ROLES, ROLES_KEY, type Principal, type Role } from './principal';
import { DisabledAccounts } from '../accounts/disabled-accounts';
import { OrgDirectory } from '../organisations/org-directory';
import { holds } from '../organisations/org-tree';
import { ROOT_ORG } from '@thidua/persistence';

/** What a token says: who, and the one role (in one organisation) it acts in. */
export interface TokenClaims {
  sub: string;
  username: string;
  role: Role;
  /** Absent in tokens issued before organisations: the root organisation. */
  org?: string;
  unitId?: string;
  exp?: number;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly disabled: DisabledAccounts,
    private readonly orgs: OrgDirectory,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal; params: Record<string, string | undefined> }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header);
    if (!match)
      throw new ApiException(401, 'Chưa đăng nhập: thiếu mã truy cập (Authorization: Bearer ...)', [], { 'WWW-Authenticate': 'Bearer' });
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(match[1], { algorithms: ['HS256'] });
    } catch (err) {
      const expired = (err as { name?: string }).name === 'TokenExpiredError';
      throw new ApiException(401, expired ? 'Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại' : 'Mã truy cập không hợp lệ', [], {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    if (!ROLES.includes(claims.role) || typeof claims.sub !== 'string') throw new ApiException(401, 'Mã truy cập không hợp lệ');
    if (this.disabled.has(claims.sub))
      throw new ApiException(401, 'Tài khoản đã bị khóa; liên hệ quản trị hệ thống', [], {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    const orgId = typeof claims.org === 'string' ? claims.org : ROOT_ORG;
    // The role must still be held: a role taken away stops working at once, whatever the token says.
    const grant = { orgId, role: claims.role, unitId: claims.unitId ?? null };
    // Not held as last read: read again once (a role given a moment ago in another process).
    if (!holds(this.orgs.grantsOf(claims.sub), grant)) await this.orgs.refresh();
    if (!holds(this.orgs.grantsOf(claims.sub), grant))
      throw new ApiException(401, 'Vai trò của phiên đăng nhập này không còn hiệu lực; vui lòng đăng nhập lại', [], {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    req.principal = {
      accountId: claims.sub,
      username: claims.username,
      role: claims.role,
      orgId,
      scope: this.orgs.tree.subtree(orgId),
      above: this.orgs.tree.ancestors(orgId),
      unitId: claims.unitId,
      ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {}),
    };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(claims.role)) throw forbidden();
    // A unit's clerk reaches only its own unit, checked before any body is even validated: another unit is not
    // there for it (404, as an id that does not exist: whether it exists, and where, does not leak).
    const unitId = req.params.unitId;
    if (claims.role === 'unit' && unitId !== undefined && unitId !== claims.unitId) {
      throw notFound('Không tìm thấy hồ sơ: tài khoản đơn vị chỉ xem và thao tác trên hồ sơ của chính đơn vị mình');
    }
    return true;
  }
}

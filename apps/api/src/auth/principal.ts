/** The authenticated caller, from the verified access token. */
import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { inboxesOf, type Role } from '@thidua/contracts';
import type { InboxReader } from '@thidua/persistence';

export type { Role };
export const ROLES: readonly Role[] = ['admin', 'coordinator', 'leader', 'council', 'unit'];
/** The roles that read a campaign's dashboards and papers: everyone but a unit's clerk. */
export const STAFF: readonly Role[] = ['admin', 'coordinator', 'leader', 'council'];

/** Who is calling. */
export interface Principal {
  readonly accountId: string;
  readonly username: string;
  /** The role the caller acts in, and where. */
  readonly role: Role;
  readonly orgId: string;
  /** The acting organisation and every one below it (what the caller may read). */
  readonly scope: readonly string[];
  /** The organisations above the acting one, nearest first (whose shared templates the caller may use). */
  readonly above: readonly string[];
  /** Set for a unit's clerk only. */
  readonly unitId?: string;
  /** When the token stops working (epoch ms): a live stream ends then. */
  readonly expiresAt?: number;
}

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** The endpoint needs no token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
/** Only these roles may call the endpoint (every authenticated role when absent). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** Injects the caller. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
  if (!req.principal) throw new Error('Caller used on a public endpoint');
  return req.principal;
});

/** The name recorded as the actor of events. */
export function actorOf(p: Principal): string {
  return `${p.role}:${p.username}`;
}

/** Whose inbox the caller reads, as the notification queries ask. */
export function readerOf(p: Principal): InboxReader {
  return { recipients: inboxesOf(p), account: p.accountId, org: p.orgId };
}

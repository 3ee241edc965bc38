/** The authenticated caller, from the verified access token. */
import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import type { Role } from '@thidua/contracts';

export type { Role };
export const ROLES: readonly Role[] = ['admin', 'coordinator', 'unit'];

/** Who is calling. */
export interface Principal {
  readonly accountId: string;
  readonly username: string;
  readonly role: Role;
  /** Set for unit accounts only. */
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

import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { unauthenticated } from '@lianxin/graphql';
import type { AuthUser } from './auth-user.js';
import type { Role } from './roles.js';

export const PUBLIC_KEY = 'lianxin:public';
export const ROLES_KEY = 'lianxin:roles';

/** No token needed (health-like queries only). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Any one of these roles may call it. Every query and mutation states its roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface RequestWithUser {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

export function requestOf(context: ExecutionContext): RequestWithUser {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

/** The verified caller (set by the AuthGuard). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = requestOf(context).user;
  if (!user) throw new Error('CurrentUser used on a route without the AuthGuard');
  return user;
});

/** The caller in resolvers Nest guards do not run for (`__resolveReference`); UNAUTHENTICATED without one. */
export function authenticatedUser(context: { req: RequestWithUser }): AuthUser {
  if (!context.req?.user) throw unauthenticated('a valid access token is required');
  return context.req.user;
}

import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthenticated } from '@lianxin/graphql';
import { hasAnyRole } from './auth-user.js';
import { PUBLIC_KEY, requestOf, ROLES_KEY } from './decorators.js';
import type { Role } from './roles.js';
import { bearerToken, TokenVerifier } from './token-verifier.js';

/**
 * Global guard: every resolver needs a valid token unless marked @Public; @Roles narrows who may call.
 * The token is verified once per request and the user kept on the request for the field resolvers.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestOf(context);
    if (!request) return true;
    if (!request.user) {
      const header = request.headers.authorization;
      const token = bearerToken(Array.isArray(header) ? header[0] : header);
      if (!token) throw unauthenticated('no bearer token in the Authorization header');
      request.user = await this.verifier.verify(token);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !hasAnyRole(request.user, roles)) {
      throw forbidden(`needs one of the roles ${roles.join(', ')}`);
    }
    return true;
  }
}

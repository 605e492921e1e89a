import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { unauthenticated } from '@lianxin/graphql';
import type { AuthConfig } from './auth-config.js';
import type { AuthUser } from './auth-user.js';
import { ALL_ROLES, type Role } from './roles.js';

interface KeycloakClaims extends JWTPayload {
  preferred_username?: string;
  realm_access?: { roles?: string[] };
  area_code?: string;
  department_code?: string;
}

/** Verifies Keycloak access tokens offline against the realm's JWKS (fetched once, refreshed on unknown key ids). */
export class TokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: AuthConfig) {
    this.jwks = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  }

  async verify(token: string): Promise<AuthUser> {
    let payload: KeycloakClaims;
    try {
      ({ payload } = await jwtVerify<KeycloakClaims>(token, this.jwks, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
      }));
    } catch (error) {
      throw unauthenticated(describeJoseError(error));
    }
    if (!payload.sub) throw unauthenticated('the token has no subject');
    if (!payload.area_code) throw unauthenticated('the token carries no area_code: the user has no area assigned');
    return {
      sub: payload.sub,
      username: payload.preferred_username ?? payload.sub,
      roles: (payload.realm_access?.roles ?? []).filter((role): role is Role => ALL_ROLES.includes(role as Role)),
      areaCode: payload.area_code,
      departmentCode: payload.department_code,
    };
  }

  /** Reachability of the JWKS, for readiness probes. */
  async jwksReachable(): Promise<boolean> {
    try {
      const response = await fetch(this.config.jwksUrl, { signal: AbortSignal.timeout(2000) });
      return response.ok;
    } catch {
      return false;
    }
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'the token is malformed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token was not signed by a known key';
  if (error instanceof errors.JOSEError) return error.message;
  return 'the token could not be verified';
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim();
}

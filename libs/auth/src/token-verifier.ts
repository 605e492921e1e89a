import { errors, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { unauthenticated } from '@lianxin/graphql';
import type { AuthConfig } from './auth-config.js';
import type { AuthUser } from './auth-user.js';
import { JwksCache } from './jwks-cache.js';
import { ALL_ROLES, type Role } from './roles.js';

interface KeycloakClaims extends JWTPayload {
  preferred_username?: string;
  realm_access?: { roles?: string[] };
  area_code?: string;
  department_code?: string;
  /** Keycloak: the client the token was issued to. */
  azp?: string;
  /** Keycloak: 'Bearer' for access tokens ('ID', 'Refresh' … for the others). */
  typ?: string;
}

/** Clock difference between Keycloak and this process that `exp`/`nbf`/`iat` checks tolerate. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface TokenCacheOptions {
  /** How many verified tokens are remembered (the least recently used go first). */
  maxEntries: number;
  /** How long a verified token is trusted without checking its signature again (never past its expiry). */
  ttlMs: number;
}

const DEFAULT_TOKEN_CACHE: TokenCacheOptions = {
  maxEntries: Number(process.env.TOKEN_CACHE_MAX ?? 5000),
  ttlMs: Number(process.env.TOKEN_CACHE_TTL_MS ?? 60_000),
};

/**
 * Verifies Keycloak access tokens offline against the realm's JWKS (fetched once, refreshed on unknown key ids
 * and after jwksMaxAgeMs; kept while Keycloak is unreachable, see JwksCache). A token must carry `exp`, be an
 * access token (`typ` Bearer) issued to one of the configured clients (`azp`), for our audience and issuer;
 * `exp`/`nbf` are checked with 30 s of clock tolerance.
 * A client sends the same token with every request, and checking its RSA signature is the costliest step
 * of a small request: verified tokens are remembered for a short while (ttlMs, so a key removed from the
 * JWKS stops being honoured soon), never past their own expiry. Rejected tokens are not remembered.
 */
export class TokenVerifier {
  readonly jwks: JwksCache;
  private readonly verified: LRUCache<string, AuthUser> | null;

  constructor(
    private readonly config: AuthConfig,
    cache: TokenCacheOptions = DEFAULT_TOKEN_CACHE,
    private readonly now: () => number = Date.now,
  ) {
    this.jwks = new JwksCache(config.jwksUrl, { maxAgeMs: config.jwksMaxAgeMs ?? 600_000, cooldownMs: config.jwksCooldownMs ?? 30_000, now });
    // ttlResolution 0: expiry is checked against the clock on every read, not a value cached for 1 ms.
    this.verified = cache.maxEntries > 0 ? new LRUCache({ max: cache.maxEntries, ttl: cache.ttlMs, ttlResolution: 0, perf: { now } }) : null;
  }

  async verify(token: string): Promise<AuthUser> {
    const cached = this.verified?.get(token);
    if (cached) return cached;
    const { user, expiresAt } = await this.verifySignature(token);
    const untilExpiry = expiresAt === undefined ? undefined : expiresAt - this.now();
    if (untilExpiry === undefined || untilExpiry > 0) this.verified?.set(token, user, { ttl: Math.min(this.verified.ttl, untilExpiry ?? Infinity) });
    return user;
  }

  /** The full check: signature against the JWKS, issuer, audience, expiry, and the claims we need. */
  protected async verifySignature(token: string): Promise<{ user: AuthUser; expiresAt: number | undefined }> {
    let payload: KeycloakClaims;
    try {
      ({ payload } = await jwtVerify<KeycloakClaims>(token, this.jwks.getKey, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      throw unauthenticated(describeJoseError(error));
    }
    if (!payload.sub) throw unauthenticated('the token has no subject');
    if (payload.typ !== 'Bearer') throw unauthenticated('the token is not an access token');
    const clients = this.config.clients ?? [];
    if (clients.length > 0 && (!payload.azp || !clients.includes(payload.azp))) throw unauthenticated("the token's azp claim is not accepted");
    if (!payload.area_code) throw unauthenticated('the token carries no area_code: the user has no area assigned');
    const user: AuthUser = {
      sub: payload.sub,
      username: payload.preferred_username ?? payload.sub,
      roles: Object.freeze((payload.realm_access?.roles ?? []).filter((role): role is Role => ALL_ROLES.includes(role as Role))) as Role[],
      areaCode: payload.area_code,
      departmentCode: payload.department_code,
    };
    // Shared by every request that carries this token: nothing may change it.
    return { user: Object.freeze(user), expiresAt: (payload.exp as number) * 1000 };
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
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.reason === 'missing' ? `the token has no ${error.claim} claim` : `the token's ${error.claim} claim is not accepted`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'the token is malformed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token was not signed by a known key';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'the signing keys are not available; try again shortly';
  if (error instanceof errors.JOSEError) return error.message;
  return 'the token could not be verified';
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim();
}

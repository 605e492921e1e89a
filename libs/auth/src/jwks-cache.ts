import { createLocalJWKSet, errors, type FlattenedJWSInput, type JSONWebKeySet, type JWSHeaderParameters, type CryptoKey } from 'jose';

export interface JwksCacheOptions {
  /** Keys are fetched again after this long (Keycloak rotates them rarely). */
  maxAgeMs?: number;
  /** An unknown `kid` refetches at most this often, and so does a failed refresh. */
  cooldownMs?: number;
  /** A fetch gives up after this long. */
  timeoutMs?: number;
  now?: () => number;
  /** Told when a refresh fails and stale keys stay in use. */
  onStale?: (error: unknown, ageMs: number) => void;
}

/**
 * The realm's signing keys, fetched from the JWKS endpoint and kept. Unlike jose's remote key set,
 * keys past their age are still used when the endpoint cannot be reached (stale-if-error): a
 * Keycloak outage longer than the cache time must not refuse every valid token. Keys are replaced only
 * by a successful fetch; an unknown `kid` triggers a fetch (rate-limited by the cooldown).
 */
export class JwksCache {
  private keys?: ReturnType<typeof createLocalJWKSet>;
  private fetchedAt = -Infinity;
  private attemptedAt = -Infinity;
  private refreshing?: Promise<void>;
  private readonly maxAgeMs: number;
  private readonly cooldownMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly url: string,
    private readonly options: JwksCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** The key resolver for jwtVerify. */
  readonly getKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<CryptoKey> => {
    const age = this.now() - this.fetchedAt;
    if (!this.keys || (age > this.maxAgeMs && this.mayAttempt())) await this.refresh(!this.keys);
    try {
      return await this.resolver()(header, token);
    } catch (error) {
      // A key Keycloak added since the last fetch (rotation): fetch again, not more often than the cooldown.
      if (!(error instanceof errors.JWKSNoMatchingKey) || !this.mayAttempt()) throw error;
      await this.refresh(false);
      return this.resolver()(header, token);
    }
  };

  /** True once keys were fetched and while they are younger than maxAgeMs. */
  get fresh(): boolean {
    return !!this.keys && this.now() - this.fetchedAt <= this.maxAgeMs;
  }

  private resolver(): ReturnType<typeof createLocalJWKSet> {
    if (!this.keys) throw new errors.JWKSTimeout('the signing keys could not be fetched');
    return this.keys;
  }

  private mayAttempt(): boolean {
    return this.now() - this.attemptedAt >= this.cooldownMs;
  }

  /** One fetch at a time; a failure keeps the keys we have unless `mustSucceed` (there are none yet). */
  private async refresh(mustSucceed: boolean): Promise<void> {
    this.refreshing ??= this.fetchKeys().finally(() => (this.refreshing = undefined));
    try {
      await this.refreshing;
    } catch (error) {
      if (mustSucceed || !this.keys) throw error;
      this.options.onStale?.(error, this.now() - this.fetchedAt);
    }
  }

  private async fetchKeys(): Promise<void> {
    this.attemptedAt = this.now();
    const response = await fetch(this.url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } });
    if (!response.ok) throw new errors.JOSEError(`JWKS endpoint answered ${response.status}`);
    const jwks = (await response.json()) as JSONWebKeySet;
    if (!jwks || !Array.isArray(jwks.keys)) throw new errors.JWKSInvalid('the JWKS endpoint did not return a key set');
    this.keys = createLocalJWKSet(jwks);
    this.fetchedAt = this.now();
  }
}

import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { GatewayEnvironment } from './limits.js';

/**
 * Rate limits per user (token subject) and per client address: token buckets (issue 14).
 *
 * A bucket holds up to `burst` tokens and refills at `rate` tokens per second; a request takes one
 * token, and a request that finds the bucket empty is answered 429 with `Retry-After`. In the per-user
 * bucket a request takes one token per write it asks for (write-cost.ts): a mutation one per root field,
 * a batch (`syncFieldWork`) one per item, so a batch of 40 offline items costs what 40 single writes cost.
 * A request that costs more than the tokens left is refused whole (429 RATE_LIMITED with its `cost`, the
 * tokens `available` and `Retry-After`) and nothing of it runs; one that costs more than `burst` could
 * never pass and is BAD_USER_INPUT (send at most `burst` items per call). The per-address bucket counts
 * requests only (it is checked before the body is read).
 *
 * Shared across gateway replicas and workers without a new server: the decision is always taken on a
 * local bucket (no network round trip on a request's path), and every `syncMs` the limiter settles each
 * bucket used since the last sync with the shared copy in a NATS JetStream KV bucket (compare-and-set):
 * it refills the shared bucket for the time elapsed, subtracts what this process spent, and takes the
 * result as its new local level, so every replica sees what the others spent within one sync interval.
 * Replicas can overspend a bucket by at most what each spends in one interval (at most `burst` each;
 * with the defaults and a 250 ms sync, a client spread over n replicas gets at most ~n × 5 extra
 * requests before the shared level catches up), and the debt is paid back because the shared level may
 * go down to −burst. When NATS is down or slow the local buckets keep deciding alone (each replica then
 * allows the full rate): rate limiting degrades, traffic is never refused because NATS is down.
 *
 * Settings (tokens per second and burst — per user a token is a request, or a write of a mutation or batch;
 * per address a request; `off` disables that limit):
 *   GATEWAY_RATE_LIMIT_USER=20,60       per token subject        (default 20/s, burst 60)
 *   GATEWAY_RATE_LIMIT_ADDRESS=50,150   per client address       (default 50/s, burst 150)
 *   GATEWAY_RATE_LIMIT_SYNC_MS=250      how often local buckets settle with NATS KV
 *   GATEWAY_RATE_LIMIT_SHARED=on|off    share through NATS (NATS_URL) or keep every process on its own
 *   GATEWAY_TRUST_PROXY=…               Express "trust proxy": which X-Forwarded-For hops name the client
 * In development and test both limits default to off (one address runs the whole suite and the benches).
 */
export interface RateRule {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size: how many requests may come at once. */
  burst: number;
}

export interface RateLimitSettings {
  user: RateRule | null;
  address: RateRule | null;
  syncMs: number;
  shared: boolean;
}

export function parseRateRule(name: string, setting: string | undefined, fallback: RateRule | null): RateRule | null {
  const value = setting?.trim();
  if (!value) return fallback;
  if (value === 'off') return null;
  const [rate, burst] = value.split(',').map((part) => Number(part.trim()));
  if (!(rate > 0) || !Number.isFinite(rate) || (burst !== undefined && !(Number.isInteger(burst) && burst >= 1))) {
    throw new Error(`${name} must be "<requests per second>,<burst>" or "off", not "${setting}"`);
  }
  return { rate, burst: burst ?? Math.max(1, Math.ceil(rate)) };
}

export function loadRateLimitSettings(env: NodeJS.ProcessEnv, environment: GatewayEnvironment): RateLimitSettings {
  const production = environment === 'production';
  return {
    user: parseRateRule('GATEWAY_RATE_LIMIT_USER', env.GATEWAY_RATE_LIMIT_USER, production ? { rate: 20, burst: 60 } : null),
    address: parseRateRule('GATEWAY_RATE_LIMIT_ADDRESS', env.GATEWAY_RATE_LIMIT_ADDRESS, production ? { rate: 50, burst: 150 } : null),
    syncMs: Number(env.GATEWAY_RATE_LIMIT_SYNC_MS ?? 250),
    shared: (env.GATEWAY_RATE_LIMIT_SHARED ?? 'on') !== 'off',
  };
}

export type RateDecision =
  | { allowed: true }
  /** `available`: whole tokens left now (a batch of at most that many items would pass). */
  | { allowed: false; retryAfterSeconds: number; available: number };

/** Where buckets are shared: a compare-and-set store (NATS KV in production, a map in tests). */
export interface SharedBucketStore {
  get(key: string): Promise<{ level: SharedLevel; revision: number } | null>;
  /** Writes if the key is still at `revision` (0: absent); false when someone else wrote first. */
  put(key: string, level: SharedLevel, revision: number): Promise<boolean>;
}

export interface SharedLevel {
  tokens: number;
  /** Epoch milliseconds of `tokens`. */
  at: number;
}

interface LocalBucket {
  tokens: number;
  at: number;
  /** Tokens spent here since the last settlement with the shared store. */
  unsettled: number;
  settling: boolean;
}

/** Hashed keys: client addresses and user ids never reach NATS in clear, and always make valid KV keys. */
export function bucketKey(kind: 'user' | 'address', id: string): string {
  return `${kind}.${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
}

const MAX_LOCAL_BUCKETS = 100_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, LocalBucket>();

  constructor(
    private readonly rule: RateRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** The most one request may cost: a request over it could never pass. */
  get burst(): number {
    return this.rule.burst;
  }

  /** Takes `cost` tokens (a request: 1; a batch of writes: its size) if the bucket holds them all, else none. */
  take(key: string, cost = 1): RateDecision {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_LOCAL_BUCKETS) this.evict(now);
      bucket = { tokens: this.rule.burst, at: now, unsettled: 0, settling: false };
      this.buckets.set(key, bucket);
    } else {
      this.refill(bucket, now);
    }
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      bucket.unsettled += cost;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((cost - bucket.tokens) / this.rule.rate)),
      available: Math.max(0, Math.floor(bucket.tokens)),
    };
  }

  /** Settles every bucket spent since the last sync with the shared store; errors leave the local buckets as they are. */
  async sync(store: SharedBucketStore, concurrency = 64): Promise<void> {
    const due = [...this.buckets].filter(([, bucket]) => bucket.unsettled > 0 && !bucket.settling);
    // At most `concurrency` KV round trips at once, however many clients were active.
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const [key, bucket] = due[next++];
        await this.settle(store, key, bucket);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
  }

  get size(): number {
    return this.buckets.size;
  }

  private async settle(store: SharedBucketStore, key: string, bucket: LocalBucket): Promise<void> {
    bucket.settling = true;
    const spent = bucket.unsettled;
    try {
      const shared = await store.get(key);
      const now = this.now();
      const start = shared ? shared.level : { tokens: this.rule.burst, at: now };
      const refilled = Math.min(this.rule.burst, start.tokens + (Math.max(0, now - start.at) * this.rule.rate) / 1000);
      const level = { tokens: Math.max(-this.rule.burst, refilled - spent), at: now };
      if (!(await store.put(key, level, shared?.revision ?? 0))) return; // someone else wrote first: next sync
      bucket.unsettled -= spent;
      // What was spent here during the round trip is not in the shared level yet.
      this.refill(bucket, now);
      bucket.tokens = Math.min(this.rule.burst, level.tokens - bucket.unsettled);
      bucket.at = now;
    } finally {
      bucket.settling = false;
    }
  }

  private refill(bucket: LocalBucket, now: number): void {
    if (now > bucket.at) {
      bucket.tokens = Math.min(this.rule.burst, bucket.tokens + ((now - bucket.at) * this.rule.rate) / 1000);
      bucket.at = now;
    }
  }

  /** Drops buckets that are full again and settled (they hold nothing a new bucket would not). */
  private evict(now: number): void {
    for (const [key, bucket] of this.buckets) {
      this.refill(bucket, now);
      if (bucket.tokens >= this.rule.burst && bucket.unsettled === 0 && !bucket.settling) this.buckets.delete(key);
    }
    // Still full of active clients: drop the oldest (Map keeps insertion order).
    const excess = this.buckets.size - MAX_LOCAL_BUCKETS + 1;
    if (excess > 0) {
      let dropped = 0;
      for (const key of this.buckets.keys()) {
        if (dropped++ >= excess) break;
        this.buckets.delete(key);
      }
    }
  }
}

export interface RateLimits {
  user: TokenBucketLimiter | null;
  address: TokenBucketLimiter | null;
  stop(): Promise<void>;
}

/**
 * The gateway's two limiters, synced every `syncMs` with the shared store once it can be opened.
 * `openStore` is retried in the background; the limiters work locally meanwhile.
 */
export function startRateLimits(
  settings: RateLimitSettings,
  logger: Logger,
  openStore?: () => Promise<{ store: SharedBucketStore; close(): Promise<void> }>,
): RateLimits {
  const user = settings.user ? new TokenBucketLimiter(settings.user) : null;
  const address = settings.address ? new TokenBucketLimiter(settings.address) : null;
  let stopped = false;
  let shared: { store: SharedBucketStore; close(): Promise<void> } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let failing = false;

  if ((user || address) && settings.shared && openStore) {
    const connect = async (attempt: number): Promise<void> => {
      if (stopped) return;
      try {
        shared = await openStore();
        if (stopped) await shared.close();
        else logger.info('rate limits shared through NATS KV');
      } catch (error) {
        logger.warn({ err: error, attempt }, 'rate limits: NATS KV unavailable, local buckets only; retrying');
        timer = setTimeout(() => void connect(attempt + 1), Math.min(30_000, 1_000 * 2 ** attempt));
        timer.unref();
      }
    };
    void connect(0);
    const tick = async () => {
      if (stopped) return;
      if (shared) {
        try {
          await Promise.all([user?.sync(shared.store), address?.sync(shared.store)]);
          if (failing) logger.info('rate limits: NATS KV answering again');
          failing = false;
        } catch (error) {
          if (!failing) logger.warn({ err: error }, 'rate limits: NATS KV sync failed; local buckets decide alone');
          failing = true;
        }
      }
      if (!stopped) setTimeout(() => void tick(), settings.syncMs).unref();
    };
    setTimeout(() => void tick(), settings.syncMs).unref();
  }

  return {
    user,
    address,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await shared?.close();
    },
  };
}

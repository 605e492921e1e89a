import { pino } from 'pino';
import { bucketKey, loadRateLimitSettings, parseRateRule, startRateLimits, TokenBucketLimiter, type SharedBucketStore, type SharedLevel } from './rate-limit.js';

/** A compare-and-set map standing in for NATS KV. */
function memoryStore(): SharedBucketStore & { entries: Map<string, { level: SharedLevel; revision: number }>; failing: boolean } {
  let sequence = 0;
  const entries = new Map<string, { level: SharedLevel; revision: number }>();
  return {
    entries,
    failing: false,
    async get(key) {
      if (this.failing) throw new Error('NATS is down');
      return entries.get(key) ?? null;
    },
    async put(key, level, revision) {
      if (this.failing) throw new Error('NATS is down');
      if ((entries.get(key)?.revision ?? 0) !== revision) return false;
      entries.set(key, { level, revision: ++sequence });
      return true;
    },
  };
}

describe('rate limits (token buckets)', () => {
  it('issue 14: a burst passes, the next request is refused with the seconds until a token is back', () => {
    let now = 1_000_000;
    const limiter = new TokenBucketLimiter({ rate: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('user.a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('user.a')).toEqual({ allowed: false, retryAfterSeconds: 1, available: 0 });
    // Another caller has a bucket of their own.
    expect(limiter.take('user.b').allowed).toBe(true);
    now += 500; // 2 per second: one token back after half a second
    expect(limiter.take('user.a').allowed).toBe(true);
    expect(limiter.take('user.a').allowed).toBe(false);
  });

  it('a batch takes one token per write, all or none: beyond what is left it is refused and the bucket keeps its tokens', () => {
    let now = 1_000_000;
    const limiter = new TokenBucketLimiter({ rate: 2, burst: 10 }, () => now);
    expect(limiter.burst).toBe(10);
    expect(limiter.take('user.a', 4)).toEqual({ allowed: true });
    // 6 left: a batch of 7 is refused whole, with the 6 it may send now and the seconds until 7 are back.
    expect(limiter.take('user.a', 7)).toEqual({ allowed: false, retryAfterSeconds: 1, available: 6 });
    expect(limiter.take('user.a', 6)).toEqual({ allowed: true });
    expect(limiter.take('user.a', 5)).toEqual({ allowed: false, retryAfterSeconds: 3, available: 0 });
    now += 2_500; // 5 tokens back
    expect(limiter.take('user.a', 5)).toEqual({ allowed: true });
    expect(limiter.take('user.a')).toMatchObject({ allowed: false });
  });

  it('a batch spent on one replica is what the shared bucket is charged', async () => {
    const now = 1_000_000;
    const store = memoryStore();
    const replicaA = new TokenBucketLimiter({ rate: 0.001, burst: 10 }, () => now);
    const replicaB = new TokenBucketLimiter({ rate: 0.001, burst: 10 }, () => now);
    expect(replicaA.take('user.k', 8).allowed).toBe(true);
    await replicaA.sync(store);
    expect(store.entries.get('user.k')!.level.tokens).toBe(2);
    expect(replicaB.take('user.k').allowed).toBe(true); // B has not settled yet
    await replicaB.sync(store);
    expect(replicaB.take('user.k', 2)).toEqual({ allowed: false, retryAfterSeconds: 1000, available: 1 });
  });

  it('issue 14: two gateway replicas share one bucket per user through the store, with no store call on the request path', async () => {
    let now = 1_000_000;
    const store = memoryStore();
    const replicaA = new TokenBucketLimiter({ rate: 0.001, burst: 10 }, () => now);
    const replicaB = new TokenBucketLimiter({ rate: 0.001, burst: 10 }, () => now);
    const key = bucketKey('user', 'subject-1');
    for (let i = 0; i < 8; i += 1) expect(replicaA.take(key).allowed).toBe(true);
    await replicaA.sync(store);
    now += 10;
    await replicaB.sync(store); // B has nothing to settle yet
    expect(replicaB.take(key).allowed).toBe(true); // B still believes it has 10
    await replicaB.sync(store); // settles: 10 − 8 − 1 = 1 left in the shared bucket, and B learns it
    expect(store.entries.get(key)?.level.tokens).toBeCloseTo(1, 1);
    expect(replicaB.take(key).allowed).toBe(true);
    expect(replicaB.take(key).allowed).toBe(false);
    await replicaB.sync(store);
    await replicaA.sync(store);
    // A has spent nothing since, but a new take settles against the shared level next sync: its local level is low already.
    expect(replicaA.take(key).allowed).toBe(true); // A still held 2 locally
    await replicaA.sync(store);
    expect(replicaA.take(key).allowed).toBe(false);
    expect(store.entries.get(key)!.level.tokens).toBeLessThan(1);
  });

  it('issue 14: when NATS is down, the local buckets keep deciding (traffic is never refused for that)', async () => {
    const store = memoryStore();
    store.failing = true;
    const limiter = new TokenBucketLimiter({ rate: 1, burst: 5 });
    expect(limiter.take('address.x').allowed).toBe(true);
    await expect(limiter.sync(store)).rejects.toThrow('NATS is down');
    expect([1, 2, 3, 4].map(() => limiter.take('address.x').allowed)).toEqual([true, true, true, true]);
    expect(limiter.take('address.x').allowed).toBe(false);
    // Back up: what was spent meanwhile is settled.
    store.failing = false;
    await limiter.sync(store);
    expect(store.entries.get('address.x')?.level.tokens).toBeLessThan(1);
  });

  it('starts without NATS and syncs once the store opens', async () => {
    const store = memoryStore();
    let attempts = 0;
    const limits = startRateLimits({ user: { rate: 1, burst: 2 }, address: null, syncMs: 20, shared: true }, pino({ level: 'silent' }), async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('no NATS yet');
      return { store, close: async () => undefined };
    });
    expect(limits.address).toBeNull();
    expect(limits.user!.take('user.z').allowed).toBe(true);
    for (let wait = 0; wait < 60 && !store.entries.has('user.z'); wait += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.entries.has('user.z')).toBe(true);
    expect(attempts).toBe(2);
    await limits.stop();
  });

  it('reads its settings from the environment: on in production, off elsewhere unless set', () => {
    expect(loadRateLimitSettings({}, 'production')).toMatchObject({ user: { rate: 20, burst: 60 }, address: { rate: 50, burst: 150 }, shared: true });
    expect(loadRateLimitSettings({}, 'test')).toMatchObject({ user: null, address: null });
    expect(loadRateLimitSettings({ GATEWAY_RATE_LIMIT_USER: '5,10', GATEWAY_RATE_LIMIT_ADDRESS: 'off' }, 'production')).toMatchObject({ user: { rate: 5, burst: 10 }, address: null });
    expect(parseRateRule('X', '3', null)).toEqual({ rate: 3, burst: 3 });
    expect(() => parseRateRule('X', 'fast', null)).toThrow(/X must be/);
    expect(bucketKey('address', '203.0.113.9')).toMatch(/^address\.[0-9a-f]{32}$/);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { liveMetrics } from './live-metrics.js';

/** A key-value store with compare-and-set (NATS JetStream KV: @lianxin/events/kv KvBucket). */
export interface CapStore {
  get(key: string): Promise<{ value: Uint8Array; revision: number } | null>;
  /** Writes if the key's revision is still `revision` (0: absent); the new revision, or null when someone wrote first. */
  put(key: string, value: Uint8Array, revision: number): Promise<number | null>;
}

/** What one key holds: the user's open subscriptions in each gateway process, and when that process last said so. */
type Holdings = Record<string, { n: number; at: number }>;

export interface SubscriptionCapOptions {
  /** Open subscriptions per user over every gateway process (LIVE_MAX_SUBSCRIPTIONS_PER_USER). */
  max: number;
  /** The shared store; rejecting or undefined: the cap counts this process only (fail open, see below). */
  store: () => Promise<CapStore | undefined>;
  logger: Logger;
  /** A process rewrites its counts this often… */
  heartbeatMs?: number;
  /** …and counts older than this are a process that died (ignored, removed at the next write). */
  staleMs?: number;
  now?: () => number;
  /** This process's name in the store (default host-pid-random). */
  processId?: string;
  /** Longest wait for one store call (a get, a put; opening the bucket: twice this) before failing open (default 1.5 s). */
  callTimeoutMs?: number;
  /** After a failed call the store is left alone this long (this process's count only), then opened again (default 5 s). */
  retryMs?: number;
}

const ATTEMPTS = 8;

/** A store call that did not answer in time. */
class CapStoreTimeout extends Error {}

/** The entry changed under every attempt (other processes writing the same user): not a store failure. */
class CapStoreContention extends Error {}

/**
 * The per-user subscription cap across gateway processes (issue 16). Each process counts its own
 * subscriptions per user and keeps them in a NATS KV entry per user (`u.<user>` → {process: {n, at}}),
 * written with compare-and-set, so two processes admitting the same user's 20th subscription at the same
 * time cannot both succeed: one write fails, re-reads and refuses. A process that dies stops rewriting its
 * counts (every `heartbeatMs`); after `staleMs` they no longer count.
 *
 * Fail open: when the store cannot be reached (NATS down, the bucket refused, a call unanswered within
 * `callTimeoutMs`), the cap counts this process only — the per-process cap of before — and says so in the log
 * and in `gateway_live_cap_store_errors_total{reason}` (timeout, error, contention). The store is then left alone for `retryMs` (no
 * subscriber waits on it meanwhile) and opened again: a NATS restart loses the bucket (memory storage), and
 * opening it again creates it. The cap protects the gateway from a runaway client; it is not an
 * access rule, and refusing every board while NATS KV hiccups would take live updates down for everyone
 * (when NATS is really down the live feed has nothing to send anyway).
 */
export class SubscriptionCap {
  private readonly local = new Map<string, number>();
  /** Writes of one user's entry, one after another within this process. */
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly now: () => number;
  readonly processId: string;
  private timer?: NodeJS.Timeout;
  private storePromise?: Promise<CapStore | undefined>;
  private lastWarning = 0;
  private readonly callTimeoutMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: SubscriptionCapOptions) {
    this.callTimeoutMs = options.callTimeoutMs ?? 1_500;
    this.retryMs = options.retryMs ?? 5_000;
    this.heartbeatMs = options.heartbeatMs ?? 20_000;
    this.staleMs = options.staleMs ?? 3 * this.heartbeatMs;
    this.now = options.now ?? Date.now;
    this.processId = options.processId ?? `${hostname().replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}-${process.pid}-${randomBytes(3).toString('hex')}`;
  }

  /** Open subscriptions of this user in this process. */
  held(user: string): number {
    return this.local.get(user) ?? 0;
  }

  /** Takes a place for the user; false when they already hold `max` over all processes. */
  async acquire(user: string): Promise<boolean> {
    if (this.held(user) >= this.options.max) return false;
    return this.serially(user, async () => {
      const held = this.held(user);
      if (held >= this.options.max) return false;
      const store = await this.store();
      if (store) {
        try {
          for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
            const entry = await this.timed(store.get(keyOf(user)), 'get');
            const holdings = this.fresh(entry);
            const elsewhere = Object.entries(holdings).reduce((sum, [id, holding]) => sum + (id === this.processId ? 0 : holding.n), 0);
            if (elsewhere + held >= this.options.max) return false;
            holdings[this.processId] = { n: held + 1, at: this.now() };
            if ((await this.timed(store.put(keyOf(user), encode(holdings), entry?.revision ?? 0), 'put')) !== null) {
              this.local.set(user, held + 1);
              return true;
            }
          }
          throw new CapStoreContention(`the entry kept changing (${ATTEMPTS} attempts)`);
        } catch (error) {
          this.storeFailed(error, store);
        }
      }
      // Fail open: this process's count only.
      this.local.set(user, held + 1);
      return true;
    });
  }

  /** Gives a place back (the subscription ended). */
  release(user: string): void {
    const left = this.held(user) - 1;
    if (left > 0) this.local.set(user, left);
    else this.local.delete(user);
    void this.serially(user, () => this.write(user));
  }

  /** Rewrites this process's counts every heartbeatMs, so that other processes keep counting them. */
  start(): void {
    this.timer ??= setInterval(() => {
      for (const user of this.local.keys()) void this.serially(user, () => this.write(user));
    }, this.heartbeatMs);
    this.timer.unref();
  }

  /** Stops the heartbeat and removes this process's counts (its subscriptions are gone). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    const users = [...this.local.keys()];
    this.local.clear();
    await Promise.all(users.map((user) => this.serially(user, () => this.write(user))));
  }

  /** Writes this process's current count of the user (removing it at zero), pruning dead processes. */
  private async write(user: string): Promise<void> {
    const store = await this.store();
    if (!store) return;
    try {
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        const entry = await this.timed(store.get(keyOf(user)), 'get');
        if (!entry && !this.local.has(user)) return;
        const holdings = this.fresh(entry);
        const held = this.held(user);
        if (held > 0) holdings[this.processId] = { n: held, at: this.now() };
        else delete holdings[this.processId];
        if ((await this.timed(store.put(keyOf(user), encode(holdings), entry?.revision ?? 0), 'put')) !== null) return;
      }
    } catch (error) {
      this.storeFailed(error, store);
    }
  }

  /** The entry's counts without those of processes that stopped saying so. */
  private fresh(entry: { value: Uint8Array } | null): Holdings {
    if (!entry || entry.value.length === 0) return {};
    let parsed: Holdings;
    try {
      parsed = JSON.parse(Buffer.from(entry.value).toString('utf8')) as Holdings;
    } catch {
      return {};
    }
    const limit = this.now() - this.staleMs;
    const out: Holdings = {};
    for (const [id, holding] of Object.entries(parsed)) if (holding && typeof holding.n === 'number' && holding.n > 0 && holding.at >= limit) out[id] = holding;
    return out;
  }

  private serially<T>(user: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(user) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.chains.set(user, settled);
    void settled.then(() => {
      if (this.chains.get(user) === settled) this.chains.delete(user);
    });
    return next;
  }

  /** The store, opened once and again after a failure (at most every retryMs); undefined while it cannot be had. */
  private store(): Promise<CapStore | undefined> {
    this.storePromise ??= this.timed(this.options.store(), 'open').then(
      (store) => store,
      (error: unknown) => {
        this.storeFailed(error);
        return undefined;
      },
    );
    return this.storePromise;
  }

  /** A store call that has not answered within callTimeoutMs (opening: twice that) fails (the caller fails open). */
  private timed<T>(call: Promise<T>, what: 'open' | 'get' | 'put'): Promise<T> {
    const ms = what === 'open' ? 2 * this.callTimeoutMs : this.callTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CapStoreTimeout(`NATS KV ${what} did not answer within ${ms} ms`)), ms);
      timer.unref();
    });
    // A call that answers after its timeout must not be an unhandled rejection.
    call.catch(() => undefined);
    return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
  }

  /**
   * Counts the failure, warns (at most once a minute) and leaves the store alone for retryMs: meanwhile the
   * cap counts this process only without waiting on NATS; then the bucket is opened (and created) again.
   */
  private storeFailed(error: unknown, failed?: CapStore): void {
    liveMetrics.capStoreErrors.inc({ reason: error instanceof CapStoreTimeout ? 'timeout' : error instanceof CapStoreContention ? 'contention' : 'error' });
    if (this.now() - this.lastWarning > 60_000) {
      this.lastWarning = this.now();
      this.options.logger.warn({ err: error, retryInMs: this.retryMs }, 'live subscription cap: the shared store (NATS KV) failed; counting this process only');
    }
    if (error instanceof CapStoreContention) return;
    const current = this.storePromise;
    // Only the store that failed is given up (a call of an older one may fail after a newer one was opened).
    void current?.then((store) => {
      if (this.storePromise !== current || (failed && store !== failed)) return;
      this.storePromise = Promise.resolve(undefined);
      const retry = this.storePromise;
      setTimeout(() => {
        if (this.storePromise === retry) this.storePromise = undefined;
      }, this.retryMs).unref();
    });
  }
}

/** The KV key of a user (their id when it is a plain token such as a UUID, else its hash). */
function keyOf(user: string): string {
  return /^[A-Za-z0-9_-]{1,100}$/.test(user) ? `u.${user}` : `h.${createHash('sha256').update(user).digest('base64url')}`;
}

function encode(holdings: Holdings): Uint8Array {
  return Buffer.from(JSON.stringify(holdings));
}

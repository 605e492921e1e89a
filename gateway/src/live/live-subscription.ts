import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { AuthUser } from '@lianxin/auth';
import type { Feed, LiveEvent } from './feed.js';
import { buildPayload, type LiveOperation } from './live-operation.js';
import { liveMetrics } from './live-metrics.js';

/** Who is listening: the token (forwarded to the subgraphs), what it verified to, and when it expires. */
export interface LiveAuth {
  token: string;
  user: AuthUser;
  /** Epoch ms. */
  expiresAt: number;
}

/** The answer of the object query for one event (through the gateway, with the subscriber's token). */
export interface ObjectAnswer {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

export type ResolveObject = (operation: LiveOperation, event: LiveEvent, auth: LiveAuth, id: string) => Promise<ObjectAnswer>;

export interface LiveSubscriptionOptions {
  feed: Feed;
  operation: LiveOperation;
  auth: LiveAuth;
  /** From spec.prepare. */
  state: unknown;
  resolve: ResolveObject;
  /** Resume after this stream sequence; undefined: from now on. */
  after?: number;
  /** Events waiting for this subscriber at most (LIVE_BUFFER_EVENTS); one more ends it as a slow consumer. */
  capacity: number;
  now?: () => number;
}

/** The payload type of each field, for __typename. */
const PAYLOAD_TYPE: Record<string, string> = { case: 'CaseChange', order: 'ServiceOrderChange', warning: 'WarningChange' };

/** Codes that mean "this object is not yours to see": the event is dropped, like an event outside the scope. */
const HIDDEN_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']);

export function parseCursor(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value);
  if (!/^\d{1,15}$/.test(text)) throw new GraphQLError('after: a cursor is the decimal number an event carried', { extensions: { code: 'BAD_USER_INPUT', field: 'after', reason: 'malformed cursor' } });
  return Number(text);
}

/**
 * One subscriber's stream: first what it missed (after < seq ≤ the feed's head when it joined, from the feed's
 * replay), then the live events that arrived meanwhile and later, each once and in stream order. Events outside
 * its scope are dropped before resolving; the rest wait in a bounded queue (capacity). A subscriber that lets
 * the queue fill up is ended with SLOW_CONSUMER and its cursor, a token that expires with TOKEN_EXPIRED and
 * its cursor: the client resumes from there (with a new token), without gap or duplicate.
 */
export class LiveSubscription {
  private auth: LiveAuth;
  private readonly queue: LiveEvent[] = [];
  /** Resolutions started when an event is queued, so that queued events resolve in parallel (sent in order). */
  private readonly prefetched = new Map<number, Promise<ObjectAnswer>>();
  private wake?: () => void;
  private failure?: GraphQLError;
  private closed = false;
  /** Sequence of the last event sent (or the cursor it resumed after). */
  private sent: number;
  private replayUntil: number;
  private unlisten?: () => void;
  private expiryTimer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly options: LiveSubscriptionOptions) {
    this.auth = options.auth;
    this.now = options.now ?? Date.now;
    this.replayUntil = options.feed.head;
    this.sent = options.after ?? this.replayUntil;
  }

  /** The cursor to resume after. */
  get cursor(): string {
    return String(this.sent);
  }

  get operation(): LiveOperation {
    return this.options.operation;
  }

  get user(): AuthUser {
    return this.auth.user;
  }

  /** A new token (graphql-ws ping with a token): its roles and area count from the next event on. */
  updateAuth(auth: LiveAuth, state?: unknown): void {
    this.auth = auth;
    if (state !== undefined) this.options.state = state;
    this.armExpiry();
  }

  /** Ends the stream from outside (client gone, server stopping): nothing more is sent. */
  close(): void {
    this.closed = true;
    this.wakeUp();
  }

  /** Ends the stream with an error the client can act on (the cursor to resume after). */
  fail(code: string, message: string, extra: Record<string, unknown> = {}): void {
    if (this.failure || this.closed) return;
    this.failure = new GraphQLError(message, { extensions: { code, cursor: this.cursor, ...extra } });
    liveMetrics.ended.inc({ reason: code === 'SLOW_CONSUMER' ? 'slow-consumer' : code === 'UNAUTHENTICATED' ? 'token-expired' : 'error' });
    this.queue.length = 0;
    this.prefetched.clear();
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private armExpiry(): void {
    clearTimeout(this.expiryTimer);
    const left = this.auth.expiresAt - this.now();
    const expire = () => this.fail('UNAUTHENTICATED', 'The token expired: subscribe again with a new token and after = cursor', { reason: 'TOKEN_EXPIRED' });
    if (left <= 0) expire();
    else this.expiryTimer = setTimeout(expire, Math.min(left, 2 ** 31 - 1)).unref();
  }

  private onLive(event: LiveEvent): void {
    if (this.closed || this.failure || event.seq <= this.replayUntil) return;
    if (!this.admits(event)) return;
    if (this.queue.length >= this.options.capacity) {
      this.fail('SLOW_CONSUMER', `More than ${this.options.capacity} events waited for this subscriber: resume with after = cursor`, { capacity: this.options.capacity });
      return;
    }
    this.queue.push(event);
    // Start resolving at once (shared with every subscriber of the same identity): the queue drains at the
    // pace of the client, not at one graph round trip per event.
    const id = this.options.operation.spec.idOf(event);
    if (id) this.prefetched.set(event.seq, this.resolveSafely(event, id));
    this.wakeUp();
  }

  private resolveSafely(event: LiveEvent, id: string): Promise<ObjectAnswer> {
    return this.options.resolve(this.options.operation, event, this.auth, id).catch((error: unknown) => ({
      errors: [{ message: (error as Error).message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    }));
  }

  private admits(event: LiveEvent): boolean {
    const { spec, args } = this.options.operation;
    if (!spec.subject.test(event.subject)) return false;
    const admitted = spec.admits(event, this.auth.user, args, this.options.state);
    if (!admitted) liveMetrics.filtered.inc({ reason: 'scope' });
    return admitted;
  }

  private async take(): Promise<LiveEvent | undefined> {
    while (!this.closed && !this.failure) {
      const next = this.queue.shift();
      if (next) return next;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return undefined;
  }

  /** The stream of results (graphql-ws iterates it; the SSE handler writes it). */
  async *results(): AsyncGenerator<ExecutionResult> {
    // The head and the listener are taken together (no await between): replay ends where live begins.
    this.replayUntil = this.options.feed.head;
    if (this.options.after === undefined) this.sent = this.replayUntil;
    this.unlisten = this.options.feed.listen((event) => this.onLive(event));
    this.armExpiry();
    try {
      if (this.sent < this.replayUntil) {
        for await (const event of this.options.feed.replay(this.sent, this.replayUntil)) {
          if (this.closed || this.failure) break;
          if (!this.admits(event)) continue;
          const result = await this.handle(event, false);
          if (result) yield result;
        }
      }
      while (!this.closed && !this.failure) {
        const event = await this.take();
        if (!event) break;
        const result = await this.handle(event, true);
        if (result) yield result;
      }
      if (this.failure && !this.closed) yield { errors: [this.failure] };
    } finally {
      this.closed = true;
      this.prefetched.clear();
      this.unlisten?.();
      clearTimeout(this.expiryTimer);
    }
  }

  private async handle(event: LiveEvent, live: boolean): Promise<ExecutionResult | undefined> {
    const prefetched = this.prefetched.get(event.seq);
    this.prefetched.delete(event.seq);
    if (event.seq <= this.sent) return undefined; // already sent (a cursor ahead of this process's feed)
    if (this.auth.expiresAt <= this.now()) {
      this.fail('UNAUTHENTICATED', 'The token expired: subscribe again with a new token and after = cursor', { reason: 'TOKEN_EXPIRED' });
      return undefined;
    }
    const { operation } = this.options;
    const id = operation.spec.idOf(event);
    if (!id) return undefined;
    const answer = await (prefetched ?? this.resolveSafely(event, id));
    if (this.closed || this.failure) return undefined;
    const object = answer.data?.[operation.spec.rootQuery] as Record<string, unknown> | null | undefined;
    if (!object) {
      const codes = (answer.errors ?? []).map((error) => String(error.extensions?.code ?? ''));
      if (codes.length === 0 || codes.some((code) => HIDDEN_CODES.has(code))) {
        liveMetrics.filtered.inc({ reason: 'hidden' });
        return undefined;
      }
      // The graph could not answer (a subgraph down): the client hears of the event and why its object is missing.
      this.sent = event.seq;
      return { data: null, errors: (answer.errors ?? []).map((error) => new GraphQLError(error.message, { extensions: { ...error.extensions, cursor: this.cursor } })) };
    }
    const extra = operation.spec.accept ? operation.spec.accept(event, object, this.options.state) : {};
    if (!extra) {
      liveMetrics.filtered.inc({ reason: 'not-for-field' });
      return undefined;
    }
    const visible = withoutInternalFields(object);
    this.sent = event.seq;
    const payload = buildPayload(operation, {
      cursor: this.cursor,
      event: event.subject,
      occurredAt: event.envelope.occurredAt,
      typename: PAYLOAD_TYPE[operation.spec.objectField] ?? 'LiveChange',
      object: visible,
      extra,
    });
    liveMetrics.eventsOut.inc({ field: operation.spec.field });
    if (live) liveMetrics.fanoutLag.observe(Math.max(0, this.now() - event.storedAt) / 1000);
    const result: ExecutionResult = { data: { [operation.responseKey]: payload } };
    if (answer.errors?.length) (result as { errors?: unknown }).errors = answer.errors;
    return result;
  }
}

const visibleObjects = new WeakMap<Record<string, unknown>, Record<string, unknown>>();

/** The object without the fields the gateway selected for itself (once per shared answer). */
function withoutInternalFields(object: Record<string, unknown>): Record<string, unknown> {
  let visible = visibleObjects.get(object);
  if (!visible) {
    visible = {};
    for (const [key, value] of Object.entries(object)) if (!key.startsWith('__live')) visible[key] = value;
    visibleObjects.set(object, visible);
  }
  return visible;
}

/** Who the subgraphs see: equal identities get equal answers, so one resolution serves them all. */
export function identityKey(user: AuthUser): string {
  return [user.sub, [...user.roles].sort().join(','), user.areaCode, user.departmentCode ?? ''].join('|');
}

/**
 * Resolutions shared between subscribers with the same identity, document and event (a township board open
 * in 100 browsers of the same user costs one query per event), kept for a short while and bounded.
 */
export class SharedResolutions {
  private readonly entries = new Map<string, { at: number; answer: Promise<ObjectAnswer> }>();

  constructor(
    private readonly execute: (query: string, variables: Record<string, unknown>, auth: LiveAuth) => Promise<ObjectAnswer>,
    private readonly maxEntries = 20_000,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  resolve: ResolveObject = (operation, event, auth, id) => {
    const key = `${event.stream}:${event.seq}|${id}|${identityKey(auth.user)}|${operation.key}`;
    const now = this.now();
    const held = this.entries.get(key);
    if (held && now - held.at < this.ttlMs) {
      liveMetrics.resolves.inc({ shared: 'true' });
      return held.answer;
    }
    liveMetrics.resolves.inc({ shared: 'false' });
    const answer = this.execute(operation.objectQuery, { ...operation.objectVariables, liveId: id }, auth);
    this.entries.set(key, { at: now, answer });
    // Oldest first (insertion order): drop the expired and anything over the bound.
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - entry.at < this.ttlMs) break;
      this.entries.delete(oldest);
    }
    return answer;
  };
}

import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { AuthUser } from '@lianxin/auth';
import type { Feed, LiveEvent } from './feed.js';
import { buildPayload, type LiveOperation } from './live-operation.js';
import { liveMetrics } from './live-metrics.js';
import { visibilityClass } from './visibility-class.js';

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

/** Resolves the event's object for a subscriber of a visibility class (visibility-class.ts); never rejects. */
export type ResolveObject = (operation: LiveOperation, event: LiveEvent, auth: LiveAuth, id: string, visibility: string) => Promise<ObjectAnswer>;

/**
 * One message of a stream, serialized once: `json` is the ExecutionResult as JSON (the graphql-ws `next`
 * payload, the SSE `data:`), the same string for every subscriber of the same class, shape and event.
 */
export interface LiveMessage {
  json: string;
  /** A payload (true) or the error that ends or interrupts the stream (false). */
  data: boolean;
  /** The cursor after this message. */
  cursor: string;
}

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

/** Counted for every subscriber an event passes by (thousands per event): label lookups once, not per call. */
const filteredOutOfScope = liveMetrics.filtered.labels({ reason: 'scope' });

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
  /** The visibility class of the current token (shared resolutions are keyed by it). */
  private visibility: string;
  private readonly sentCounter: { inc(): void };

  constructor(private readonly options: LiveSubscriptionOptions) {
    this.auth = options.auth;
    this.visibility = visibilityClass(options.auth.user, options.operation.viewerIndependent);
    this.sentCounter = eventsOutOf(options.operation.spec.field);
    this.now = options.now ?? Date.now;
    this.replayUntil = options.feed.head;
    this.sent = options.after ?? this.replayUntil;
  }

  /** The subscriber's visibility class (visibility-class.ts). */
  get visibilityClass(): string {
    return this.visibility;
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
    this.visibility = visibilityClass(auth.user, this.options.operation.viewerIndependent);
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
    if (this.auth.expiresAt <= this.now()) {
      // Its token is not used for resolving any more (the resolution may be shared with its class).
      this.fail('UNAUTHENTICATED', 'The token expired: subscribe again with a new token and after = cursor', { reason: 'TOKEN_EXPIRED' });
      return;
    }
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
    return this.options.resolve(this.options.operation, event, this.auth, id, this.visibility);
  }

  private admits(event: LiveEvent): boolean {
    const { spec, args } = this.options.operation;
    if (!spec.subject.test(event.subject)) return false;
    const admitted = spec.admits(event, this.auth.user, args, this.options.state);
    if (!admitted) filteredOutOfScope.inc();
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

  /** The stream as parsed results (tests; the protocols send `messages()` as they are). */
  async *results(): AsyncGenerator<ExecutionResult> {
    for await (const message of this.messages()) yield JSON.parse(message.json) as ExecutionResult;
  }

  /** The stream of serialized messages (the SSE handler and the WebSocket sender write them as they are). */
  async *messages(): AsyncGenerator<LiveMessage> {
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
          const message = await this.handle(event, false);
          if (message) yield message;
        }
      }
      while (!this.closed && !this.failure) {
        const event = await this.take();
        if (!event) break;
        const message = await this.handle(event, true);
        if (message) yield message;
      }
      if (this.failure && !this.closed) yield { json: JSON.stringify({ errors: [this.failure] }), data: false, cursor: this.cursor };
    } finally {
      this.closed = true;
      this.prefetched.clear();
      this.unlisten?.();
      clearTimeout(this.expiryTimer);
    }
  }

  private async handle(event: LiveEvent, live: boolean): Promise<LiveMessage | undefined> {
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
      const errors = (answer.errors ?? []).map((error) => ({ ...error, extensions: { ...error.extensions, cursor: this.cursor } }));
      return { json: JSON.stringify({ data: null, errors }), data: false, cursor: this.cursor };
    }
    const extra = operation.spec.accept ? operation.spec.accept(event, object, this.options.state) : {};
    if (!extra) {
      liveMetrics.filtered.inc({ reason: 'not-for-field' });
      return undefined;
    }
    this.sent = event.seq;
    const json = serialized(answer, operation, event, this.cursor, object, extra);
    this.sentCounter.inc();
    if (live) liveMetrics.fanoutLag.observe(Math.max(0, this.now() - event.storedAt) / 1000);
    return { json, data: true, cursor: this.cursor };
  }
}

const outCounters = new Map<string, { inc(): void }>();

function eventsOutOf(field: string): { inc(): void } {
  let counter = outCounters.get(field);
  if (!counter) {
    counter = liveMetrics.eventsOut.labels({ field });
    outCounters.set(field, counter);
  }
  return counter;
}

/** Serialized payloads per shared answer: key = payload shape, cursor and the field's extra facts. */
const serializedAnswers = new WeakMap<ObjectAnswer, Map<string, string>>();

/**
 * The payload as JSON, built and serialized once per answer and shape: every subscriber of a class that
 * selected the same fields gets the same string (the per-message cost is then the write alone).
 */
function serialized(answer: ObjectAnswer, operation: LiveOperation, event: LiveEvent, cursor: string, object: Record<string, unknown>, extra: Record<string, unknown>): string {
  let byShape = serializedAnswers.get(answer);
  if (!byShape) {
    byShape = new Map();
    serializedAnswers.set(answer, byShape);
  }
  const extraKey = operation.spec.accept ? JSON.stringify(extra) : '';
  const key = `${operation.shapeKey}|${cursor}|${extraKey}`;
  let json = byShape.get(key);
  if (json === undefined) {
    const payload = buildPayload(operation, {
      cursor,
      event: event.subject,
      occurredAt: event.envelope.occurredAt,
      typename: PAYLOAD_TYPE[operation.spec.objectField] ?? 'LiveChange',
      object: withoutInternalFields(object),
      extra,
    });
    const result: { data: Record<string, unknown>; errors?: readonly GraphQLFormattedError[] } = { data: { [operation.responseKey]: payload } };
    if (answer.errors?.length) result.errors = answer.errors;
    json = JSON.stringify(result);
    byShape.set(key, json);
  }
  return json;
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

/** Who the subgraphs see, user by user (the visibility class of a subscription that cannot share: visibility-class.ts). */
export function identityKey(user: AuthUser): string {
  return visibilityClass(user, false);
}

/**
 * Resolutions shared between subscribers of the same visibility class (visibility-class.ts: the same roles,
 * area and department, and the same user unless every selected field answers alike), document and variables,
 * and event: a township board open in 1,000 browsers costs one query per event and class. Kept for a short
 * while and bounded. The query runs with the token of the subscriber that asked first; equal classes get
 * equal answers, so it does not matter whose.
 */
export class SharedResolutions {
  private readonly entries = new Map<string, { at: number; answer: Promise<ObjectAnswer> }>();
  private readonly sharedCounter = liveMetrics.resolves.labels({ shared: 'true' });
  private readonly ownCounter = liveMetrics.resolves.labels({ shared: 'false' });

  constructor(
    private readonly execute: (query: string, variables: Record<string, unknown>, auth: LiveAuth) => Promise<ObjectAnswer>,
    private readonly maxEntries = 20_000,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  resolve: ResolveObject = (operation, event, auth, id, visibility) => {
    const key = `${event.stream}:${event.seq}|${id}|${visibility}|${operation.key}`;
    const now = this.now();
    const held = this.entries.get(key);
    if (held && now - held.at < this.ttlMs) {
      this.sharedCounter.inc();
      return held.answer;
    }
    this.ownCounter.inc();
    const timer = liveMetrics.resolveDuration.startTimer();
    const answer = this.execute(operation.objectQuery, { ...operation.objectVariables, liveId: id }, auth)
      .catch((error: unknown): ObjectAnswer => ({ errors: [{ message: (error as Error).message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }))
      .finally(() => timer());
    this.entries.set(key, { at: now, answer });
    // Oldest first (insertion order): drop the expired and anything over the bound.
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - entry.at < this.ttlMs) break;
      this.entries.delete(oldest);
    }
    return answer;
  };
}

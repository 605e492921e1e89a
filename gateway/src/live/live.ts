import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import express, { type Express, type Request, type Response } from 'express';
import { execute, extendSchema, GraphQLError, Kind, parse, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { bearerToken, hasAnyRole, type TokenVerifier } from '@lianxin/auth';
import type { NatsCredentials } from '@lianxin/events';
import { KvBucket } from '@lianxin/events/kv';
import { connectNats, type NatsConnection } from '@lianxin/events/reader';
import { newTraceparent } from '@lianxin/platform';
import type { GatewayContext } from '../context.js';
import type { OperationLimits } from '../limits.js';
import { operationShapeRule } from '../operation-limits.js';
import { allowsArbitrary, resolveDocument, type ArbitraryOperationPolicy, type TrustedDocuments } from '../trusted-documents.js';
import { JetStreamFeed } from './feed.js';
import { forbidden, type GraphLookup } from './live-fields.js';
import { liveMetrics } from './live-metrics.js';
import { prepareLiveOperation } from './live-operation.js';
import { LIVE_SCHEMA_PARTS, LIVE_SCHEMA_SDL } from './live-schema.js';
import { LiveSubscription, parseCursor, SharedResolutions, type LiveAuth, type ObjectAnswer } from './live-subscription.js';
import { SubscriptionCap, type CapStore } from './subscription-cap.js';

/** The NATS KV bucket holding every gateway process's open subscriptions per user (LIVE_CAP_BUCKET). */
export const LIVE_CAP_BUCKET = 'gateway_live_subscriptions';

/**
 * Settings (environment, defaults):
 *
 * | setting | default | env |
 * |---|---|---|
 * | events waiting per subscriber before it is ended as a slow consumer | 100 | LIVE_BUFFER_EVENTS |
 * | recent events per stream kept in memory for resuming clients | 10,000 | LIVE_RING_EVENTS |
 * | open subscriptions per user, over all gateway processes (NATS KV; this process's only while KV fails) | 20 | LIVE_MAX_SUBSCRIPTIONS_PER_USER |
 * | where the processes share the per-user count: a NATS KV bucket, or `off` (per process) | gateway_live_subscriptions | LIVE_CAP_BUCKET |
 * | open subscriptions per gateway process | 10,000 | LIVE_MAX_SUBSCRIPTIONS |
 * | SSE comment line to keep proxies from closing an idle stream | 15 s | LIVE_HEARTBEAT_MS |
 * | bytes queued on a WebSocket before the gateway stops sending to it (its queue then fills up) | 64 KiB | LIVE_WS_MAX_BUFFERED_BYTES |
 * | NATS user of the live feed | gateway | NATS_USER (NATS_PASSWORD / NATS_CREDENTIALS_DIR) |
 */
export interface LiveSettings {
  bufferEvents: number;
  ringEvents: number;
  maxPerUser: number;
  maxSubscriptions: number;
  heartbeatMs: number;
  wsMaxBufferedBytes: number;
  /** NATS KV bucket of the shared per-user cap; undefined: per process only. */
  capBucket?: string;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

export function loadLiveSettings(env: NodeJS.ProcessEnv = process.env): LiveSettings {
  return {
    bufferEvents: positive(env, 'LIVE_BUFFER_EVENTS', 100),
    ringEvents: positive(env, 'LIVE_RING_EVENTS', 10_000),
    maxPerUser: positive(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_USER', 20),
    maxSubscriptions: positive(env, 'LIVE_MAX_SUBSCRIPTIONS', 10_000),
    heartbeatMs: positive(env, 'LIVE_HEARTBEAT_MS', 15_000),
    wsMaxBufferedBytes: positive(env, 'LIVE_WS_MAX_BUFFERED_BYTES', 64 * 1024),
    capBucket: env.LIVE_CAP_BUCKET?.trim() === 'off' ? undefined : env.LIVE_CAP_BUCKET?.trim() || LIVE_CAP_BUCKET,
  };
}

/** The API schema with the Subscription root (what the explorer introspects and subscriptions validate against). */
export function withLiveSchema(apiSchema: GraphQLSchema): GraphQLSchema {
  if (apiSchema.getSubscriptionType() || !apiSchema.getType('Case') || !apiSchema.getType('ServiceOrder')) return apiSchema;
  let extended = extendSchema(apiSchema, parse(LIVE_SCHEMA_SDL));
  for (const part of LIVE_SCHEMA_PARTS) if (part.requires.every((name) => apiSchema.getType(name))) extended = extendSchema(extended, parse(part.sdl));
  return extended;
}

export interface LiveOptions {
  apollo: ApolloServer<GatewayContext>;
  /** The current API schema with subscriptions (follows supergraph reloads). */
  schema: () => GraphQLSchema | undefined;
  verifier: TokenVerifier;
  trusted: TrustedDocuments;
  arbitrary: ArbitraryOperationPolicy;
  limits: OperationLimits;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Explicit NATS credentials (tests); otherwise the `gateway` user's. */
  natsCredentials?: NatsCredentials;
}

interface SubscribeParams {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

/** HTTP status for an error refused before the stream starts. */
function statusOf(error: GraphQLError): number {
  switch (error.extensions?.code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'TOO_MANY_SUBSCRIPTIONS':
      return 429;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    default:
      return 400;
  }
}

function formatted(error: unknown): GraphQLFormattedError {
  if (error instanceof GraphQLError) {
    const extensions = { ...error.extensions };
    delete extensions.http;
    return { message: error.message, extensions };
  }
  return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Unauthenticated: ${reason}`, { extensions: { code: 'UNAUTHENTICATED', reason } });
}

/**
 * Subscriptions at the gateway (issue 16): GraphQL over SSE (graphql-sse, distinct connections mode) at
 * /graphql/stream and over WebSocket (graphql-ws) at /graphql; one JetStream consumer per stream in this
 * process, fanned out in memory to the subscribers; every payload resolved through this gateway with the
 * subscriber's own token.
 */
export class LiveGateway {
  readonly settings: LiveSettings;
  private nc?: Promise<NatsConnection>;
  private kv?: Promise<KvBucket>;
  private readonly feeds = new Map<string, Promise<JetStreamFeed>>();
  private readonly cap: SubscriptionCap;
  private readonly open = new Set<LiveSubscription>();
  private readonly resolutions: SharedResolutions;
  private wss?: WebSocketServer;
  private stopped = false;

  constructor(private readonly options: LiveOptions) {
    this.settings = loadLiveSettings(options.env);
    this.resolutions = new SharedResolutions((query, variables, auth) => this.execute(query, variables, auth));
    this.cap = new SubscriptionCap({ max: this.settings.maxPerUser, store: () => this.capStore(), logger: options.logger });
    this.cap.start();
  }

  /**
   * The shared count of open subscriptions per user (NATS KV), or undefined when configured off. Opened once:
   * the bucket creates its stream again after a NATS restart (KvBucket); a failed open is tried again later.
   */
  private capStore(): Promise<CapStore | undefined> {
    const bucket = this.settings.capBucket;
    if (!bucket) return Promise.resolve(undefined);
    if (!this.kv) {
      const opening = (async () => {
        const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('NATS did not answer within 3 s')), 3_000).unref());
        const nc = await Promise.race([this.connection(), timeout]);
        return KvBucket.open(nc, { bucket, ttlMs: 10 * 60_000, timeoutMs: 1_000 });
      })();
      opening.catch(() => {
        if (this.kv === opening) this.kv = undefined;
      });
      this.kv = opening;
    }
    return this.kv;
  }

  /** One query through this gateway's own pipeline (limits, cost, subgraph calls) as the subscriber. */
  private async execute(query: string, variables: Record<string, unknown>, auth: LiveAuth): Promise<ObjectAnswer> {
    const contextValue: GatewayContext = {
      headers: { authorization: `Bearer ${auth.token}`, 'x-request-id': randomUUID(), traceparent: newTraceparent() },
      user: auth.user,
    };
    const response = await this.options.apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') return { errors: [{ message: 'unexpected incremental answer', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    return response.body.singleResult as ObjectAnswer;
  }

  private lookup(auth: LiveAuth): GraphLookup {
    return (query, variables) => this.execute(query, variables ?? {}, auth);
  }

  private connection(): Promise<NatsConnection> {
    this.nc ??= connectNats({ url: this.options.env.NATS_URL, user: 'gateway', name: `gateway-live-${process.pid}`, credentials: this.options.natsCredentials }).catch(
      (error: unknown) => {
        this.nc = undefined;
        throw error;
      },
    );
    return this.nc;
  }

  /** The feed of a stream, started with the first subscription that needs it. */
  private feed(stream: string, filterSubject: string): Promise<JetStreamFeed> {
    let feed = this.feeds.get(stream);
    if (!feed) {
      feed = (async () => {
        const started = new JetStreamFeed(await this.connection(), { stream, filterSubject, ringCapacity: this.settings.ringEvents, logger: this.options.logger });
        await started.start();
        await Promise.race([started.whenReady(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
        return started;
      })();
      feed.catch(() => this.feeds.delete(stream));
      this.feeds.set(stream, feed);
    }
    return feed;
  }

  async authenticate(authorization: string | undefined): Promise<LiveAuth> {
    const token = bearerToken(authorization);
    if (!token) throw unauthenticated('no bearer token (Authorization header, or connectionParams.authorization on a WebSocket)');
    const user = await this.options.verifier.verify(token);
    const exp = decodeJwt(token).exp;
    return { token, user, expiresAt: typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY };
  }

  /** Checks and starts one subscription; throws GraphQL errors the protocols send back. */
  async subscribe(auth: LiveAuth, params: SubscribeParams, lastEventId?: string): Promise<{ subscription: LiveSubscription; release: () => void }> {
    try {
      if (this.stopped) throw new GraphQLError('The gateway is stopping: reconnect', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
      const body = { ...params } as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
      if (body.extensions && typeof body.extensions === 'object') body.extensions = { ...body.extensions };
      const document = resolveDocument(body, this.options.trusted);
      if (document.kind === 'unknown-hash') throw new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
      if (document.kind === 'arbitrary' && !allowsArbitrary(this.options.arbitrary, auth.user)) {
        throw new GraphQLError('Only registered operations are accepted: send extensions.persistedQuery.sha256Hash of an operation of libs/client', {
          extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED' },
        });
      }
      if (typeof body.query !== 'string') throw new GraphQLError('no query', { extensions: { code: 'BAD_REQUEST' } });
      const schema = this.options.schema();
      if (!schema?.getSubscriptionType()) throw new GraphQLError('The schema is not loaded yet', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
      const operation = prepareLiveOperation(
        schema,
        {
          query: body.query,
          variables: (params.variables as Record<string, unknown> | null | undefined) ?? undefined,
          operationName: typeof params.operationName === 'string' ? params.operationName : undefined,
        },
        { rules: [operationShapeRule(this.options.limits)], maxTokens: this.options.limits.maxTokens },
      );
      const { spec } = operation;
      if (!hasAnyRole(auth.user, spec.roles)) throw forbidden(`${spec.field} is for ${spec.roles.join(', ')}`);
      const after = parseCursor(lastEventId || operation.args.after);
      if (this.open.size >= this.settings.maxSubscriptions) throw tooMany(`this gateway process holds ${this.settings.maxSubscriptions} subscriptions`);
      if (!(await this.cap.acquire(auth.user.sub))) throw tooMany(`at most ${this.settings.maxPerUser} open subscriptions per user (over all gateway processes)`);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.cap.release(auth.user.sub);
      };
      try {
        let feed: JetStreamFeed;
        try {
          feed = await this.feed(spec.stream, spec.filterSubject);
        } catch (error) {
          this.options.logger.warn({ err: error, stream: spec.stream }, 'live feed unavailable');
          throw new GraphQLError('Live updates are unavailable (the event stream cannot be read): retry later', { extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'nats' } });
        }
        const state = await spec.prepare(auth.user, operation.args, this.lookup(auth));
        const subscription = new LiveSubscription({ feed, operation, auth, state, resolve: this.resolutions.resolve, after, capacity: this.settings.bufferEvents });
        this.open.add(subscription);
        return {
          subscription,
          release: () => {
            release();
            this.open.delete(subscription);
          },
        };
      } catch (error) {
        release();
        throw error;
      }
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'INTERNAL_SERVER_ERROR';
      liveMetrics.refused.inc({ code });
      if (!(error instanceof GraphQLError)) this.options.logger.error({ err: error }, 'subscription failed to start');
      throw error;
    }
  }

  /** A token given on an open connection (graphql-ws ping): verified, and its claims used from the next event. */
  async reauthenticate(subscriptions: Iterable<LiveSubscription>, authorization: string): Promise<void> {
    const auth = await this.authenticate(authorization);
    for (const subscription of subscriptions) {
      if (subscription.user.sub !== auth.user.sub) {
        subscription.fail('FORBIDDEN', 'a token of another user was sent on this connection');
        continue;
      }
      // The new roles and area decide from the next event on: the field's state (its area prefix, the
      // resident's cases) is prepared again with them, and a subscription they no longer allow ends.
      const { spec, args } = subscription.operation;
      try {
        if (!hasAnyRole(auth.user, spec.roles)) throw forbidden(`${spec.field} is for ${spec.roles.join(', ')}`);
        subscription.updateAuth(auth, await spec.prepare(auth.user, args, this.lookup(auth)));
      } catch (error) {
        const code = error instanceof GraphQLError ? String(error.extensions?.code ?? 'FORBIDDEN') : 'INTERNAL_SERVER_ERROR';
        subscription.fail(code, (error as Error).message);
      }
    }
  }

  /** POST or GET /graphql/stream: GraphQL over Server-Sent Events (graphql-sse "distinct connections" mode). */
  mount(app: Express): void {
    const handler = (req: Request, res: Response) => void this.serveSse(req, res);
    app.get('/graphql/stream', handler);
    app.post('/graphql/stream', express.json({ limit: '256kb' }), handler);
  }

  private async serveSse(req: Request, res: Response): Promise<void> {
    let params: SubscribeParams;
    if (req.method === 'GET') {
      const json = (name: string) => {
        const value = req.query[name];
        if (typeof value !== 'string' || value === '') return undefined;
        try {
          return JSON.parse(value) as unknown;
        } catch {
          return undefined;
        }
      };
      params = { query: req.query.query, variables: json('variables'), operationName: req.query.operationName, extensions: json('extensions') };
    } else {
      params = (req.body ?? {}) as SubscribeParams;
    }
    let started: Awaited<ReturnType<LiveGateway['subscribe']>>;
    try {
      const auth = await this.authenticate(req.headers.authorization);
      started = await this.subscribe(auth, params, req.get('last-event-id') ?? undefined);
    } catch (error) {
      const graphqlError = error instanceof GraphQLError ? error : new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      res.status(statusOf(graphqlError)).json({ errors: [formatted(graphqlError)] });
      return;
    }
    const { subscription, release } = started;
    liveMetrics.connections.inc({ protocol: 'sse' });
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx (and the ingress-nginx controller) would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    const heartbeat = setInterval(() => res.write(':\n\n'), this.settings.heartbeatMs);
    const gone = () => subscription.close();
    res.on('close', gone);
    try {
      // Each message is serialized once for every subscriber of its class and shape (live-subscription.ts).
      for await (const message of subscription.messages()) {
        const id = message.data ? `id: ${message.cursor}\n` : '';
        if (!res.write(`event: next\n${id}data: ${message.json}\n\n`)) await drained(res);
        if (res.destroyed) break;
      }
      if (!res.destroyed) res.end('event: complete\ndata:\n\n');
    } catch (error) {
      this.options.logger.error({ err: error }, 'live stream failed');
      if (!res.destroyed) res.end(`event: next\ndata: ${JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', cursor: subscription.cursor } }] })}\n\nevent: complete\ndata:\n\n`);
    } finally {
      clearInterval(heartbeat);
      res.off('close', gone);
      release();
      liveMetrics.connections.dec({ protocol: 'sse' });
    }
  }

  /** graphql-ws on the HTTP server's upgrades of /graphql. */
  attachWebSocket(httpServer: Server): void {
    const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
    this.wss = wss;
    type Extra = { socket: WebSocket; request: IncomingMessage; auth?: LiveAuth; subscriptions?: Map<string, { subscription: LiveSubscription; release: () => void }> };
    const settings = this.settings;
    useServer<Record<string, unknown>, Extra>(
      {
        onConnect: async (ctx) => {
          const params = ctx.connectionParams ?? {};
          const given = params.authorization ?? params.Authorization ?? (typeof params.token === 'string' ? `Bearer ${params.token}` : undefined) ?? ctx.extra.request.headers.authorization;
          try {
            ctx.extra.auth = await this.authenticate(typeof given === 'string' ? given : undefined);
            ctx.extra.subscriptions = new Map();
            return true;
          } catch {
            return false; // 4403 Forbidden: the client gets a new token and connects again
          }
        },
        onSubscribe: async (ctx, id, payload) => {
          try {
            if (ctx.extra.auth!.expiresAt <= Date.now()) throw unauthenticated('the token expired');
            const started = await this.subscribe(ctx.extra.auth!, payload as SubscribeParams);
            ctx.extra.subscriptions!.set(id, started);
            liveMetrics.connections.inc({ protocol: 'ws' });
            const operation = started.subscription;
            return {
              schema: this.options.schema()!,
              document: parse(String((payload as { query?: unknown }).query ?? resolvedQuery(this.options.trusted, payload))),
              operationName: (payload as { operationName?: string | null }).operationName ?? undefined,
              variableValues: (payload as { variables?: Record<string, unknown> | null }).variables ?? undefined,
              contextValue: { live: operation, socket: ctx.extra.socket, maxBuffered: settings.wsMaxBufferedBytes, id },
            };
          } catch (error) {
            return [error instanceof GraphQLError ? error : new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
          }
        },
        subscribe: (args) => {
          const { live, socket, maxBuffered, id } = args.contextValue as { live: LiveSubscription; socket: WebSocket; maxBuffered: number; id: string };
          return sentDirectly(live, socket, id, maxBuffered);
        },
        execute: () => ({ errors: [new GraphQLError('only subscriptions are served on this WebSocket: send queries and mutations over HTTP', { extensions: { code: 'BAD_REQUEST' } })] }),
        onComplete: (ctx, id) => {
          const started = ctx.extra.subscriptions?.get(id);
          if (!started) return;
          ctx.extra.subscriptions!.delete(id);
          started.subscription.close();
          started.release();
          liveMetrics.connections.dec({ protocol: 'ws' });
        },
        onClose: (ctx) => {
          for (const started of ctx.extra.subscriptions?.values() ?? []) {
            started.subscription.close();
            started.release();
            liveMetrics.connections.dec({ protocol: 'ws' });
          }
          ctx.extra.subscriptions?.clear();
        },
        onPing: async (ctx, payload) => {
          const given = payload?.authorization;
          if (typeof given !== 'string' || !ctx.extra.subscriptions) return;
          try {
            const auth = await this.authenticate(given);
            ctx.extra.auth = auth;
            await this.reauthenticate(
              [...ctx.extra.subscriptions.values()].map((started) => started.subscription),
              given,
            );
          } catch (error) {
            for (const started of ctx.extra.subscriptions.values()) started.subscription.fail('UNAUTHENTICATED', `The new token was refused: ${(error as Error).message}`);
          }
        },
      },
      wss,
      12_000,
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const subscription of this.open) subscription.fail('SERVICE_UNAVAILABLE', 'The gateway is stopping: resume with after = cursor on another one');
    await new Promise<void>((resolve) => {
      if (!this.wss) return resolve();
      for (const client of this.wss.clients) client.close(1001, 'gateway stopping');
      this.wss.close(() => resolve());
    });
    for (const feed of this.feeds.values()) await feed.then((started) => started.stop()).catch(() => undefined);
    await this.cap.stop().catch(() => undefined);
    const nc = await this.nc?.catch(() => undefined);
    await nc?.close().catch(() => undefined);
  }
}

function tooMany(reason: string): GraphQLError {
  return new GraphQLError(`Too many subscriptions: ${reason}`, { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', reason } });
}

/** The registered text of a persisted subscription (the WebSocket protocol needs the document). */
function resolvedQuery(trusted: TrustedDocuments, payload: unknown): string {
  const hash = (payload as { extensions?: { persistedQuery?: { sha256Hash?: unknown } } }).extensions?.persistedQuery?.sha256Hash;
  return (typeof hash === 'string' ? trusted.document(hash) : undefined) ?? 'subscription { __typename }';
}

function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Sends a subscription's messages on the WebSocket as graphql-ws `next` frames built around the message's
 * shared JSON (serialized once per class, shape and event, not once per subscriber as graphql-ws would),
 * in order; stops pulling while the socket has more than maxBuffered bytes queued (the subscriber's own
 * queue then fills up: SLOW_CONSUMER). graphql-ws sees an iterator that yields nothing and ends when the
 * stream does (it then sends `complete`); its `return()` (the client's `complete`, a closed socket) ends
 * the subscription at once instead of waiting for its next event.
 */
function sentDirectly(live: LiveSubscription, socket: WebSocket, id: string, maxBuffered: number): AsyncGenerator<ExecutionResult> {
  const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  const finished = (async (): Promise<IteratorResult<ExecutionResult>> => {
    for await (const message of live.messages()) {
      if (socket.readyState !== socket.OPEN) break;
      socket.send(`${prefix}${message.json}}`);
      while (socket.readyState === socket.OPEN && socket.bufferedAmount > maxBuffered) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { done: true, value: undefined };
  })();
  const iterator: AsyncGenerator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () => finished,
    return: async () => {
      live.close();
      return finished.catch(() => ({ done: true, value: undefined }) as IteratorResult<ExecutionResult>);
    },
    throw: async (error: unknown) => {
      live.close();
      await finished.catch(() => undefined);
      throw error;
    },
    [Symbol.asyncDispose]: async () => {
      live.close();
      await finished.catch(() => undefined);
    },
  };
  return iterator;
}

/**
 * The Apollo gateway with the Subscription root added to the schema Apollo Server serves (introspection, the
 * explorer, validation); queries and mutations run on the gateway's executor as before, subscriptions
 * never reach it (refuseHttpSubscriptions), they are served by LiveGateway.
 */
export function gatewayWithSubscriptions(gateway: GatewayInterface): GatewayInterface & { schema(): GraphQLSchema | undefined } {
  let current: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    current = withLiveSchema(apiSchema);
  });
  return {
    load: async (options) => {
      const loaded = await gateway.load(options);
      const executor = loaded.executor;
      if (!executor) return loaded;
      return {
        // Schema reads (the explorer's introspection) from the schema with subscriptions; the gateway's own
        // executor would answer them from the supergraph's API schema, which has none.
        executor: async (requestContext) => {
          const operation = requestContext.operation;
          const schemaOnly = operation?.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'));
          if (current && schemaOnly) {
            return execute({ schema: current, document: requestContext.document, operationName: requestContext.operationName, variableValues: requestContext.request.variables });
          }
          return executor(requestContext);
        },
      };
    },
    stop: () => gateway.stop(),
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => callback({ apiSchema: withLiveSchema(apiSchema), coreSupergraphSdl })),
    schema: () => current,
  };
}

/** A subscription sent to /graphql as a plain request: say where subscriptions are served. */
export function refuseHttpSubscriptions(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are served over Server-Sent Events (/graphql/stream, graphql-sse) and WebSocket (/graphql, graphql-ws)', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { HeaderMap } from '@apollo/server';
import { altairExpress } from 'altair-express-middleware';
import express, { type Request, type Response } from 'express';
import { fileURLToPath } from 'node:url';
import { pinoHttp } from 'pino-http';
import { pino } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, register } from 'prom-client';
import { loadAuthConfig, TokenVerifier } from '@lianxin/auth';
import { formatGraphQLError, metricsPlugin } from '@lianxin/graphql';
import { logDestination, newTraceparent, traceIdOf } from '@lianxin/platform';
import { disableApolloTelemetry } from './apollo-telemetry.js';
import { metricsSource } from './cluster.js';
import { buildContext, rateLimited, type ContextPolicy, type GatewayContext } from './context.js';
import { gatewayEnvironment, loadOperationLimits, loadSubgraphCallLimits, stopPartTimeoutMs, type GatewayEnvironment } from './limits.js';
import { operationCostPlugin } from './operation-cost.js';
import { operationShapeRule } from './operation-limits.js';
import { operationResolutionPlugin } from './operation-resolution.plugin.js';
import { bucketKey, loadRateLimitSettings, startRateLimits } from './rate-limit.js';
import { openNatsBucketStore } from './rate-limit-store.js';
import { parseArbitraryPolicy, resolveDocument, TrustedDocuments, type DocumentResolution } from './trusted-documents.js';
import { SubgraphDataSource, subgraphUrl } from './subgraph-data-source.js';
import { fileSupergraph } from './supergraph-source.js';
import { gatewayWithSubscriptions, LiveGateway, refuseHttpSubscriptions } from './live/live.js';
import { mountUploadsProxy } from './uploads-proxy.js';
import { startEntityCache } from './cache/entity-cache-module.js';
import { loadPlanSettings, PreparedPlans } from './plans/prepared-plans.js';
import { stopInOrder } from './shutdown.js';

export interface GatewayOptions {
  supergraphPath: string;
  port: number;
  host: string;
  /** @deprecated the environment comes from NODE_ENV (production unless development or test); kept for callers. */
  development?: boolean;
  /** Settings (defaults to process.env): NODE_ENV, limits.ts, rate-limit.ts, trusted-documents.ts. */
  env?: NodeJS.ProcessEnv;
}

/** Codes the gateway itself answers with; formatGraphQLError would hide them as INTERNAL_SERVER_ERROR. */
const GATEWAY_CODES = new Set(['RATE_LIMITED', 'PERSISTED_QUERY_ID_REQUIRED', 'PERSISTED_QUERY_NOT_FOUND', 'RESPONSE_TOO_LARGE']);

const refused = new Counter({
  name: 'gateway_refused_requests_total',
  help: 'Requests the gateway refused before or instead of executing them, by reason',
  labelNames: ['reason'],
});

let defaultMetricsStarted = false;

/** lianxin_dependency_up{dependency="jwks"}, as the subgraphs report it (alert rules in deploy/ read it). */
let jwksProbe: () => Promise<boolean> = async () => false;
function dependencyGauge(probe: () => Promise<boolean>): void {
  jwksProbe = probe; // the latest gateway of this process (tests start several)
  if (register.getSingleMetric('lianxin_dependency_up')) return;
  new Gauge({
    name: 'lianxin_dependency_up',
    help: 'Whether the service reaches a dependency (1) or not (0): jwks',
    labelNames: ['dependency'] as const,
    async collect() {
      this.set({ dependency: 'jwks' }, (await jwksProbe()) ? 1 : 0);
    },
  });
}

const DEFAULT_PERSISTED_OPERATIONS = fileURLToPath(new URL('../persisted-operations.json', import.meta.url));

export interface RunningGateway {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const env = options.env ?? process.env;
  const stopPartTimeout = stopPartTimeoutMs(env);
  const environment: GatewayEnvironment = gatewayEnvironment(env);
  const development = environment === 'development';
  const logger = pino({ name: 'gateway', level: env.LOG_LEVEL ?? 'info' }, logDestination());
  register.setDefaultLabels({ service: 'gateway' });
  if (!defaultMetricsStarted) collectDefaultMetrics();
  defaultMetricsStarted = true;
  const limits = loadOperationLimits(env);
  const callLimits = loadSubgraphCallLimits(env);
  const trusted = TrustedDocuments.fromFile(env.GATEWAY_PERSISTED_OPERATIONS ?? DEFAULT_PERSISTED_OPERATIONS);
  const arbitrary = parseArbitraryPolicy(env.GATEWAY_ALLOW_ARBITRARY_OPERATIONS, environment);
  const rateLimits = startRateLimits(loadRateLimitSettings(env, environment), logger, () => openNatsBucketStore(env.NATS_URL, env.GATEWAY_RATE_LIMIT_BUCKET));
  const policy: ContextPolicy = { environment, arbitrary, userLimiter: rateLimits.user, maxTokens: limits.maxTokens };
  logger.info({ environment, registeredOperations: trusted.size, arbitraryOperations: env.GATEWAY_ALLOW_ARBITRARY_OPERATIONS ?? arbitrary.kind }, 'gateway settings');

  const verifier = new TokenVerifier(loadAuthConfig(env));
  // The entity cache kept fresh by the services' events (issue 20, gateway/src/cache): one per process.
  const entityCache = startEntityCache({ env, logger });
  // The registered operations' query plans, prepared with each supergraph (issue 20, gateway/src/plans);
  // the plan store (QUERY_PLAN_CACHE_MIB) is that module's.
  const plans = new PreparedPlans(trusted.operations(), loadPlanSettings(env), env, logger);
  // Apollo's anonymous usage export to apollographql.com: off, always (apollo-telemetry.ts).
  disableApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: fileSupergraph(options.supergraphPath, logger),
    buildService: ({ name, url }) => new SubgraphDataSource(name, subgraphUrl(name, url), callLimits, entityCache.layer),
    queryPlannerConfig: plans.plannerConfig,
  } as ConstructorParameters<typeof ApolloGateway>[0]);
  plans.follow(gateway);

  // Subscriptions (issue 16, gateway/src/live): the Subscription root joins the schema Apollo serves.
  const served = gatewayWithSubscriptions(gateway);

  const app = express();
  if (env.GATEWAY_TRUST_PROXY) app.set('trust proxy', trustProxySetting(env.GATEWAY_TRUST_PROXY));
  const httpServer = createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const apollo = new ApolloServer<GatewayContext>({
    gateway: served,
    // Introspection answers callers with a token everywhere; without one only outside production (context.ts).
    introspection: true,
    parseOptions: { maxTokens: limits.maxTokens },
    // No automatic persisted queries: a hash runs only a registered document (trusted-documents.ts),
    // never a text some earlier caller sent along with it.
    persistedQueries: false,
    validationRules: [operationShapeRule(limits)],
    formatError: (formatted, error) =>
      GATEWAY_CODES.has(String(formatted.extensions?.code)) ? withoutStack(formatted, development) : formatGraphQLError(formatted, error, development),
    includeStacktraceInErrorResponses: development,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      metricsPlugin(),
      operationResolutionPlugin(),
      operationCostPlugin(limits),
      refusalMetricsPlugin(),
      refuseHttpSubscriptions(),
    ],
  });
  await apollo.start();
  const live = new LiveGateway({ apollo, schema: served.schema, verifier, trusted, arbitrary, limits, env, logger });
  live.attachWebSocket(httpServer);

  // Every request gets a W3C trace context (the client's, or a new one) that goes on to the subgraphs.
  app.use((req, res, next) => {
    req.headers.traceparent ??= newTraceparent();
    const traceId = traceIdOf(req.headers.traceparent);
    if (traceId) res.setHeader('x-trace-id', traceId);
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? crypto.randomUUID(),
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }), res: (res) => ({ statusCode: res.statusCode }) },
      customProps: (req) => ({ traceId: traceIdOf(req.headers.traceparent) }),
      autoLogging: { ignore: (req) => req.url === '/metrics' || (req.url ?? '').startsWith('/health') },
    }),
  );
  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  // Readiness means "can serve requests" (issue 14): once the verifier holds the realm's keys, Keycloak
  // being away only degrades (tokens verify with the cached keys); before that, no token could pass.
  let keysCached = false;
  const warmKeys = async () => {
    // An unknown kid makes the key cache fetch the key set; the lookup itself then fails, as meant.
    await verifier.jwks.getKey({ alg: 'RS256', kid: 'readiness-warm-up' }, { payload: '', signature: '' }).catch(() => undefined);
  };
  dependencyGauge(() => verifier.jwksReachable());
  app.get('/health/ready', async (_req, res) => {
    const jwks = await verifier.jwksReachable();
    if (jwks && !keysCached) {
      await warmKeys();
      keysCached = true;
    }
    // …and once the registered operations' query plans are prepared (issue 20; at once with GATEWAY_PREPARE_PLANS=off).
    const ready = (jwks || keysCached) && plans.ready;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ok' : 'error',
      details: { jwks: { status: jwks ? 'up' : keysCached ? 'degraded' : 'down' }, supergraph: { status: 'up' }, plans: { status: plans.status() } },
      degraded: jwks ? [] : ['jwks'],
    });
  });
  const metrics = metricsSource();
  app.get('/metrics', async (_req, res) => {
    try {
      res.type(register.contentType).send(await metrics());
    } catch (error) {
      logger.error({ err: error }, 'metrics unavailable');
      res.status(503).type('text/plain').send('metrics unavailable\n');
    }
  });
  if (development) {
    app.use(
      '/explorer',
      altairExpress({
        endpointURL: '/graphql',
        // Subscriptions over graphql-ws on the same path (Altair: Subscription URL, type graphql-ws or graphql-sse with /graphql/stream).
        subscriptionsEndpoint: `ws://${options.host}:${options.port}/graphql`,
        initialSubscriptionRequestHandlerId: 'graphql-ws',
        initialSettings: { theme: 'light' },
      }),
    );
  }
  // Resumable uploads (tus) proxied to the media subgraph (issue 17, uploads-proxy.ts).
  mountUploadsProxy(app, env, logger);
  // Subscriptions over Server-Sent Events, before /graphql (whose prefix it shares).
  live.mount(app);
  app.use(
    '/graphql',
    // Per client address, before the body is even read: the cheapest refusal.
    (req, res, next) => {
      if (!rateLimits.address) return next();
      const decision = rateLimits.address.take(bucketKey('address', req.ip ?? req.socket.remoteAddress ?? 'unknown'));
      if (decision.allowed) return next();
      refused.inc({ reason: 'rate-limit-address' });
      const error = rateLimited(decision.retryAfterSeconds, 'address');
      res.status(429).setHeader('retry-after', String(decision.retryAfterSeconds));
      res.json({ errors: [{ message: error.message, extensions: { code: 'RATE_LIMITED', limit: 'address', retryAfterSeconds: decision.retryAfterSeconds } }] });
    },
    // Bulk imports (people ledgers) arrive as base64 files inside GraphQL requests.
    express.json({ limit: limits.bodyLimit }),
    (req: Request, res: Response) => void handleGraphQL(req, res),
  );

  /** Apollo's Express integration, plus trusted documents before and the response size cap after. */
  async function handleGraphQL(req: Request, res: Response): Promise<void> {
    let search = new URL(req.url, 'http://gateway').search;
    let document: DocumentResolution;
    if (req.method === 'POST') {
      document = resolveDocument(req.body as Parameters<typeof resolveDocument>[0], trusted);
    } else {
      // GET (Apollo Client's useGETForHashedQueries): the same, on the query string.
      const params = new URLSearchParams(search);
      let extensions: Record<string, unknown> | undefined;
      try {
        extensions = params.has('extensions') ? (JSON.parse(params.get('extensions')!) as Record<string, unknown>) : undefined;
      } catch {
        extensions = undefined; // Apollo Server answers the malformed parameter itself
      }
      const fromQuery = { query: params.get('query') ?? undefined, extensions };
      document = resolveDocument(fromQuery as Parameters<typeof resolveDocument>[0], trusted);
      if (extensions && !('persistedQuery' in extensions)) {
        if (typeof fromQuery.query === 'string') params.set('query', fromQuery.query);
        params.set('extensions', JSON.stringify(extensions));
        search = `?${params.toString()}`;
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search, body: req.body },
      context: async () => {
        req.headers['x-request-id'] ??= String(req.id);
        const query = req.method === 'POST' ? (req.body as { query?: string } | undefined)?.query : (new URLSearchParams(search).get('query') ?? undefined);
        // Variables and operation name: what a batch costs in the user's rate limit (write-cost.ts). GET carries queries only.
        const parameters = req.method === 'POST' ? (req.body as { variables?: unknown; operationName?: unknown } | undefined) : undefined;
        try {
          return await buildContext(verifier, req.headers, query, policy, document, parameters ?? {});
        } catch (error) {
          // Refusals before the pipeline starts (no plugin sees them): token, rate limit, trusted documents.
          const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
          if (typeof code === 'string') refused.inc({ reason: code.toLowerCase() });
          throw error;
        }
      },
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status || 200;
    if (response.body.kind === 'complete') {
      const text = response.body.string;
      // UTF-16 length ≤ UTF-8 bytes ≤ 3 × length: count bytes only for the few answers near the cap.
      if (text.length > limits.maxResponseBytes || (text.length * 3 > limits.maxResponseBytes && Buffer.byteLength(text) > limits.maxResponseBytes)) {
        refused.inc({ reason: 'response-too-large' });
        res.statusCode = 400;
        res.send(
          JSON.stringify({
            errors: [
              {
                message: `The response would be larger than ${limits.maxResponseBytes} bytes: ask for fewer fields or smaller pages`,
                extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes: limits.maxResponseBytes },
              },
            ],
          }),
        );
        return;
      }
      res.send(text);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host}:${port}/graphql`;
  await plans.firstPreparation;
  logger.info({ url }, 'gateway ready');
  return {
    server: httpServer,
    url,
    // Each part gets GATEWAY_STOP_PART_MS (stopPartTimeoutMs); one that hangs is logged by name and left behind,
    // so a SIGTERM always ends (a CI run once saw a stop hang after NATS died).
    stop: async () => {
      await stopInOrder(
        [
          { name: 'prepared plans', stop: () => plans.stop() },
          { name: 'live subscriptions', stop: () => live.stop() },
          { name: 'apollo and the HTTP server', stop: () => apollo.stop() },
          { name: 'rate limits', stop: () => rateLimits.stop() },
          { name: 'entity cache', stop: () => entityCache.stop() },
        ],
        { timeoutMs: stopPartTimeout, logger },
      );
    },
  };
}

function withoutStack(formatted: import('graphql').GraphQLFormattedError, development: boolean): import('graphql').GraphQLFormattedError {
  if (development || !formatted.extensions?.stacktrace) return formatted;
  const extensions = { ...formatted.extensions };
  delete extensions.stacktrace;
  return { ...formatted, extensions };
}

/** GATEWAY_TRUST_PROXY: true, a hop count, or addresses/subnets (Express "trust proxy"). */
function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Counts what the operation limits refused (gateway_refused_requests_total{reason="limit-<name>"}). */
function refusalMetricsPlugin(): import('@apollo/server').ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof error.extensions?.limit === 'string') refused.inc({ reason: `limit-${error.extensions.limit}` });
          }
        },
      };
    },
  };
}

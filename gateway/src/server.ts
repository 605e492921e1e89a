import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { altairExpress } from 'altair-express-middleware';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { pino } from 'pino';
import { collectDefaultMetrics, register } from 'prom-client';
import { loadAuthConfig, TokenVerifier } from '@lianxin/auth';
import { formatGraphQLError, metricsPlugin, queryLimitRules } from '@lianxin/graphql';
import { logDestination, newTraceparent, traceIdOf } from '@lianxin/platform';
import { metricsSource } from './cluster.js';
import { buildContext, type GatewayContext } from './context.js';
import { operationResolutionPlugin } from './operation-resolution.plugin.js';
import { SubgraphDataSource, subgraphUrl } from './subgraph-data-source.js';
import { fileSupergraph } from './supergraph-source.js';

export interface GatewayOptions {
  supergraphPath: string;
  port: number;
  host: string;
  development: boolean;
}

export interface RunningGateway {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const logger = pino({ name: 'gateway', level: process.env.LOG_LEVEL ?? 'info' }, logDestination());
  register.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics();
  const verifier = new TokenVerifier(loadAuthConfig());
  const gateway = new ApolloGateway({
    supergraphSdl: fileSupergraph(options.supergraphPath, logger),
    buildService: ({ name, url }) => new SubgraphDataSource(name, subgraphUrl(name, url)),
    experimental_approximateQueryPlanStoreMiB: Number(process.env.QUERY_PLAN_CACHE_MIB ?? 64),
  } as ConstructorParameters<typeof ApolloGateway>[0]);

  const app = express();
  const httpServer = createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    validationRules: queryLimitRules(),
    formatError: (formatted, error) => formatGraphQLError(formatted, error, options.development),
    includeStacktraceInErrorResponses: options.development,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), metricsPlugin(), operationResolutionPlugin()],
  });
  await apollo.start();

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
  app.get('/health/ready', async (_req, res) => {
    const jwks = await verifier.jwksReachable();
    res.status(jwks ? 200 : 503).json({ status: jwks ? 'ok' : 'error', details: { jwks: jwks ? 'up' : 'down', supergraph: 'up' } });
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
  if (options.development) {
    app.use('/explorer', altairExpress({ endpointURL: '/graphql', initialSettings: { theme: 'light' } }));
  }
  app.use(
    '/graphql',
    // Bulk imports (people ledgers) arrive as base64 files inside GraphQL requests.
    express.json({ limit: process.env.GRAPHQL_BODY_LIMIT ?? '16mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        req.headers['x-request-id'] ??= String(req.id);
        return buildContext(verifier, req.headers, (req.body as { query?: string } | undefined)?.query);
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${options.host}:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    server: httpServer,
    url,
    stop: async () => {
      await apollo.stop();
    },
  };
}

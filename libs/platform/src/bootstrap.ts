import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplication, Type } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { runInRequestContext } from '@lianxin/db';
import { inputValidationPipe } from '@lianxin/graphql';
import { logRequests } from './logging.js';

export interface SubgraphBootstrapOptions {
  defaultPort: number;
}

/** Longer than the gateway's keep-alive (30 s), so the gateway, not the subgraph, closes idle sockets. */
export const SUBGRAPH_KEEP_ALIVE_MS = 65_000;

const BYTE_SIZE = /^(\d+)\s*(b|kb|mb|gb)?$/i;
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "16mb", "512kb" or a number of bytes, as GRAPHQL_BODY_LIMIT is written. */
export function byteSize(text: string): number {
  const match = BYTE_SIZE.exec(text.trim());
  if (!match) throw new Error(`not a size: "${text}" (e.g. 16mb, 512kb, 1048576)`);
  return Number(match[1]) * UNIT_BYTES[(match[2] ?? 'b').toLowerCase()];
}

/**
 * The HTTP server under Nest: Fastify, which costs less per request than Express (test/load/README.md,
 * Performance). Request ids come from the caller's X-Request-Id (the gateway forwards its own).
 */
export function subgraphHttpAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    // Bulk imports (people ledgers) arrive as base64 files inside GraphQL requests.
    bodyLimit: byteSize(process.env.GRAPHQL_BODY_LIMIT ?? '16mb'),
    keepAliveTimeout: SUBGRAPH_KEEP_ALIVE_MS,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
}

/**
 * What every request needs before its handler, as Fastify hooks rather than Nest middleware run through
 * @fastify/middie (nestjs-pino's and @mikro-orm/nestjs's are off, see loggingModule and serviceOrmConfig): the
 * request log and the logging context, and an identity map of its own. A `{ __typename }` request costs ~17 %
 * less CPU so (profiled). Added before the routes (Nest and Apollo register them when the application initializes).
 */
function addRequestHooks(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  logRequests(fastify, PinoLogger.root);
  const { em } = app.get(MikroORM);
  fastify.addHook('onRequest', (_request, _reply, done) => runInRequestContext(em, done));
}

/** A subgraph application configured as in production (pino logs, input validation, shutdown hooks), not yet listening. */
export async function createSubgraphApp(appModule: Type<unknown>): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(appModule, subgraphHttpAdapter(), { bufferLogs: true });
  addRequestHooks(app);
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(inputValidationPipe());
  app.enableShutdownHooks();
  return app;
}

/** Starts a subgraph; graceful shutdown drains in-flight requests. */
export async function bootstrapSubgraph(appModule: Type<unknown>, options: SubgraphBootstrapOptions): Promise<INestApplication> {
  const app = await createSubgraphApp(appModule);
  const port = Number(process.env.PORT ?? options.defaultPort);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = await app.listen(port, host);
  server.headersTimeout = SUBGRAPH_KEEP_ALIVE_MS + 1_000;
  app.get(Logger).log(`listening on http://${host}:${port}/graphql`);
  return app;
}

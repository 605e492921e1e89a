import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { inputValidationPipe } from '@lianxin/graphql';

export interface SubgraphBootstrapOptions {
  defaultPort: number;
}

/** A subgraph application configured as in production (pino logs, input validation, shutdown hooks), not yet listening. */
export async function createSubgraphApp(appModule: Type<unknown>): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(appModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Bulk imports (people ledgers) arrive as base64 files inside GraphQL requests.
  app.useBodyParser('json', { limit: process.env.GRAPHQL_BODY_LIMIT ?? '16mb' });
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
  // Longer than the gateway's keep-alive so the gateway, not the subgraph, closes idle sockets.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  app.get(Logger).log(`listening on http://${host}:${port}/graphql`);
  return app;
}

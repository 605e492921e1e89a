import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { graphql } from 'graphql';

/**
 * The subgraph's federation SDL as the gateway sees it (`_service { sdl }`): unlike Nest's
 * autoSchemaFile it keeps the `@link` to Federation 2 (nestjs/nest#15830).
 */
export async function printSubgraphSchema(appModule: Type<unknown>): Promise<string> {
  const app = await NestFactory.create(appModule, new FastifyAdapter(), { logger: false });
  try {
    await app.init();
    const { schema } = app.get(GraphQLSchemaHost);
    const result = await graphql({ schema, source: '{ _service { sdl } }', contextValue: { req: { headers: {} } } });
    if (result.errors?.length) throw new Error(result.errors.map((error) => error.message).join('\n'));
    const sdl = (result.data as { _service: { sdl: string } })._service.sdl;
    return sdl.endsWith('\n') ? sdl : `${sdl}\n`;
  } finally {
    await app.close();
  }
}

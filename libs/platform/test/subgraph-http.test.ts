import 'reflect-metadata';
import { request as httpRequest } from 'node:http';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { Module, type INestApplication } from '@nestjs/common';
import { Args, ArgsType, Field, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Max, Min } from 'class-validator';
import { Public } from '@lianxin/auth';
import { serviceOrmConfig } from '@lianxin/db';
import { createTestDatabase, type TestDatabase } from '@lianxin/testing';
import { createSubgraphApp, SUBGRAPH_KEEP_ALIVE_MS } from '../src/bootstrap.js';
import { PlatformModule } from '../src/platform.module.js';
import { subgraphGraphQLModule } from '../src/subgraph.module.js';

@Resolver()
class TextResolver {
  @Query(() => Int, { description: 'Length of the text.' })
  @Public()
  textLength(@Args('text') text: string): number {
    return text.length;
  }
}

@ArgsType()
class BoxArgs {
  @Field(() => Int, { description: 'Size, 1 to 10.' })
  @Min(1)
  @Max(10)
  size: number;
}

@ObjectType({ description: 'Something a resolver built.' })
class Box {
  @Field(() => Int, { description: 'Size.' })
  size: number;

  /** Not a GraphQL field: a field resolver must still see it on its parent. */
  readonly builtBy = 'BoxResolver';
}

let lastBox: Box | undefined;

@Resolver(() => Box)
class BoxResolver {
  @Query(() => Box, { description: 'A box of the given size.' })
  @Public()
  box(@Args() { size }: BoxArgs): Box {
    lastBox = Object.assign(new Box(), { size });
    return lastBox;
  }

  @ResolveField(() => Boolean, { description: 'Whether the parent is the very object box returned, untouched.' })
  parentAsReturned(@Parent() box: Box): boolean {
    return box === lastBox && box.builtBy === 'BoxResolver';
  }
}

/** What every subgraph's HTTP server must do, whatever runs under Nest: limits, keep-alive, health, metrics. */
describe('subgraph HTTP server', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase('platform');
    process.env.LOG_LEVEL = 'silent';

    @Module({
      imports: [
        PlatformModule.forService('platform-test'),
        MikroOrmModule.forRoot(serviceOrmConfig({ service: 'platform', entities: [], migrations: [], dbName: database.name })),
        subgraphGraphQLModule(),
      ],
      providers: [TextResolver, BoxResolver],
    })
    class AppModule {}

    app = await createSubgraphApp(AppModule);
    await app.listen(0, '127.0.0.1');
    // MikroORM connects on first use; in a service the outbox relay's first poll does that at start.
    await app.get(MikroORM).em.fork().execute('select 1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const textLength = (length: number) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($text: String!) { textLength(text: $text) }', variables: { text: 'x'.repeat(length) } }),
    });

  it('takes GraphQL requests up to 16 MB (bulk imports) and refuses larger ones', async () => {
    const large = await textLength(15 * 1024 * 1024);
    expect(large.status).toBe(200);
    expect(await large.json()).toEqual({ data: { textLength: 15 * 1024 * 1024 } });
    expect((await textLength(17 * 1024 * 1024)).status).toBe(413);
  });

  const graphql = async (query: string) =>
    (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json() as Promise<{
      data?: Record<string, unknown> | null;
      errors?: Array<{ extensions: Record<string, unknown> }>;
    }>;

  it('validates arguments and hands field resolvers their parent as it was returned', async () => {
    expect(await graphql('{ box(size: 3) { size parentAsReturned } }')).toEqual({ data: { box: { size: 3, parentAsReturned: true } } });
    const refused = await graphql('{ box(size: 11) { size } }');
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'size' });
  });

  it('keeps idle connections open longer than the gateway does', async () => {
    expect(app.getHttpServer().keepAliveTimeout).toBe(SUBGRAPH_KEEP_ALIVE_MS);
    const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
      httpRequest(`${base}/health/live`, (response) => {
        response.resume();
        resolve(response.headers['keep-alive']);
      })
        .on('error', reject)
        .end();
    });
    expect(keepAlive).toBe(`timeout=${SUBGRAPH_KEEP_ALIVE_MS / 1000}`);
  });

  it('answers liveness and readiness (database, JWKS) without a token', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { details: object }).details).toMatchObject({ database: { status: 'up' }, jwks: { status: 'up' } });
  });

  it('exposes request metrics per operation for Prometheus', async () => {
    await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Measured { textLength(text: "abc") }' }),
    });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toMatch(/graphql_request_duration_seconds_count\{[^}]*operation="Measured"[^}]*\} [1-9]/);
  });
});

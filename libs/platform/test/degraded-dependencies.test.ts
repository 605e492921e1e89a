import 'reflect-metadata';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { Module, type INestApplication } from '@nestjs/common';
import { Args, Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@lianxin/auth';
import { prefixPattern, serviceOrmConfig } from '@lianxin/db';
import { eventEntities, EventsModule } from '@lianxin/events';
import { ConnectionType, PageArgs, paginate } from '@lianxin/graphql';
import { createTestDatabase, startNatsServer, testDatabaseConnection, type TestDatabase, type TestNatsServer } from '@lianxin/testing';
import { createSubgraphApp } from '../src/bootstrap.js';
import { PlatformModule } from '../src/platform.module.js';
import { subgraphGraphQLModule } from '../src/subgraph.module.js';

/** Ports of this test (H6's range): the PostgreSQL proxy, and a Keycloak address nothing listens on. */
const PROXY_PORT = 4400;
const UNREACHABLE_KEYCLOAK = 'http://127.0.0.1:4401';

@ObjectType({ description: 'An item. 条目' })
class Item {
  @Field({ description: 'Id. 标识' })
  id: string;
}

const ItemConnection = ConnectionType(Item, 'Item', 'Items.');

@Resolver()
class ItemResolver {
  constructor(private readonly orm: MikroORM) {}

  @Query(() => ItemConnection, { description: 'Items under an area, keyed by UUID. 条目' })
  @Public()
  items(@Args() page: PageArgs, @Args('areaCode', { nullable: true, description: 'Area code prefix. 区域' }) areaCode?: string) {
    const pattern = prefixPattern(areaCode ?? '');
    const connection = this.orm.em.getConnection();
    return paginate(
      page,
      ({ limit, afterKey }) =>
        connection.execute<Item[]>(
          `select id from item where area_code like ? ${afterKey ? 'and id > ?' : ''} order by id limit ?`,
          afterKey ? [pattern, afterKey, limit] : [pattern, limit],
        ),
      (item) => item.id,
      async () => 0,
    );
  }
}

/** A TCP proxy in front of PostgreSQL that can be cut: "the database is down" without stopping the shared server. */
async function startProxy(target: { host: string; port: number }): Promise<{ up(): Promise<void>; down(): Promise<void> }> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const up = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = tcpConnect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(PROXY_PORT, '127.0.0.1', () => resolve());
    });
  const down = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  await up();
  return { up, down };
}

type GraphQLResponse = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };

/** Issue 14: what a subgraph answers when a dependency is down or a client sends nonsense. */
describe('subgraph with dependencies down (issue 14)', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let app: INestApplication;
  let base: string;
  const saved = { port: process.env.DATABASE_PORT, keycloak: process.env.KEYCLOAK_URL };

  beforeAll(async () => {
    [database, nats] = await Promise.all([createTestDatabase('platform_degraded'), startNatsServer()]);
    proxy = await startProxy(testDatabaseConnection());
    process.env.LOG_LEVEL = 'silent';
    process.env.DATABASE_PORT = String(PROXY_PORT);
    process.env.KEYCLOAK_URL = UNREACHABLE_KEYCLOAK;
    const ormConfig = serviceOrmConfig({ service: 'platform', entities: eventEntities, migrations: [], dbName: database.name });
    const setup = await MikroORM.init(ormConfig);
    await setup.schema.create();
    await setup.em.getConnection().execute('create table item (id uuid primary key, area_code text not null)');
    await setup.em.getConnection().execute(`insert into item values ('00000000-0000-4000-8000-000000000001', '330402001')`);
    await setup.close(true);

    @Module({
      imports: [
        PlatformModule.forService('platform-test'),
        MikroOrmModule.forRoot(ormConfig),
        EventsModule.forService({ domain: 'platformtest', natsUrl: nats.url }),
        subgraphGraphQLModule(),
      ],
      providers: [ItemResolver],
    })
    class AppModule {}

    app = await createSubgraphApp(AppModule);
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.down();
    await nats?.dispose();
    await database?.drop();
    process.env.DATABASE_PORT = saved.port;
    process.env.KEYCLOAK_URL = saved.keycloak;
  });

  const graphql = async (query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> =>
    (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json() as Promise<GraphQLResponse>;
  const ready = async () => {
    const response = await fetch(`${base}/health/ready`);
    return { status: response.status, body: (await response.json()) as { details: Record<string, { status: string }>; degraded: string[] } };
  };

  it('a non-numeric areaCode filter is BAD_USER_INPUT with field and reason, not a 500', async () => {
    const result = await graphql('query ($a: String) { items(areaCode: $a) { edges { node { id } } } }', { a: '330402abc' });
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'areaCode', reason: 'an area code has digits only' });
  });

  it('a malformed cursor is BAD_USER_INPUT on after, not a 500', async () => {
    const ok = await graphql('{ items(first: 1) { edges { node { id } } pageInfo { endCursor } } }');
    expect(ok.errors).toBeUndefined();
    for (const after of ['%%%not-base64', Buffer.from(JSON.stringify(['not-a-uuid'])).toString('base64url'), Buffer.from('{"x":1}').toString('base64url')]) {
      const result = await graphql('query ($after: String) { items(after: $after) { edges { node { id } } } }', { after });
      expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after', reason: 'not a cursor returned by this list' });
    }
  });

  it('with NATS stopped and Keycloak unreachable, readiness stays 200 and reports nats and jwks degraded', async () => {
    await nats.stop();
    try {
      const { status, body } = await ready();
      expect(status).toBe(200);
      expect(body.details).toMatchObject({ database: { status: 'up' }, nats: { status: 'degraded' }, jwks: { status: 'degraded' } });
      expect(body.degraded.sort()).toEqual(['jwks', 'nats']);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/lianxin_dependency_up\{dependency="nats"[^}]*\} 0/);
      expect(metrics).toMatch(/lianxin_dependency_up\{dependency="database"[^}]*\} 1/);
    } finally {
      await nats.start();
    }
  });

  it('started while NATS is unreachable (nothing has queried the database yet), it is ready: the database is connected by the check', async () => {
    const ormConfig = serviceOrmConfig({ service: 'platform', entities: eventEntities, migrations: [], dbName: database.name });
    @Module({
      imports: [
        PlatformModule.forService('platform-test'),
        MikroOrmModule.forRoot(ormConfig),
        EventsModule.forService({ domain: 'platformtest', natsUrl: 'nats://127.0.0.1:1' }),
        subgraphGraphQLModule(),
      ],
      providers: [ItemResolver],
    })
    class ColdModule {}
    const cold = await createSubgraphApp(ColdModule);
    try {
      await cold.listen(0, '127.0.0.1');
      const response = await fetch(`${(await cold.getUrl()).replace('[::1]', '127.0.0.1')}/health/ready`);
      const body = (await response.json()) as { details: Record<string, { status: string }> };
      expect(response.status).toBe(200);
      expect(body.details).toMatchObject({ database: { status: 'up' }, nats: { status: 'degraded' } });
    } finally {
      await cold.close();
    }
  });

  it('PostgreSQL down: fields answer SERVICE_UNAVAILABLE naming the service, readiness 503; back up: answers again', async () => {
    await proxy.down();
    try {
      const result = await graphql('{ items { edges { node { id } } } }');
      expect(result.errors?.[0]).toMatchObject({
        message: 'The platform-test service is unavailable',
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'platform-test', retryable: true },
      });
      expect((await ready()).status).toBe(503);
    } finally {
      await proxy.up();
    }
    const again = await graphql('{ items { edges { node { id } } } }');
    expect(again).toEqual({ data: { items: { edges: [{ node: { id: '00000000-0000-4000-8000-000000000001' } }] } } });
  });
});

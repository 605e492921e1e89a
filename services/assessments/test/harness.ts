import type { INestApplication } from '@nestjs/common';
import { runMigrationCommand } from '@lianxin/db';
import { createSubgraphApp } from '@lianxin/platform';
import { createTestDatabase, graphqlRequest, startNatsServer, tokenFor, type GraphQLResponse, type TestDatabase, type TestNatsServer } from '@lianxin/testing';

/** Demo users of the Keycloak realm, by the area their token carries. */
export const USERS = {
  countyAdmin: 'county.admin', // 330402
  auditor: 'county.auditor', // 330402
  townshipAdmin: 'jianshe.admin', // 330402001
  otherTownshipAdmin: 'xinjia.admin', // 330402002
  villageAdmin: 'village.admin', // 330402001001
  village2Admin: 'village2.admin', // 330402001002
  gridLeader: 'grid.leader', // 330402001001001
  gridWorker: 'grid.worker', // 330402001001001
  gridWorker2: 'grid.worker2', // 330402001002001
  civilStaff: 'civil.staff', // department-staff, 330402
  policeStaff: 'police.staff', // department-staff, 330402
  volunteer: 'volunteer.demo', // 330402001001
  resident: 'resident.demo', // 330402001001001
} as const;
export type DemoUser = keyof typeof USERS;

export const GRIDS = {
  own: '330402001001001', // grid.leader, grid.worker, resident.demo
  sibling: '330402001001002',
  otherVillage: '330402001002001', // grid.worker2
  otherTownship: '330402002001001',
} as const;

export interface AssessmentsHarness {
  app: INestApplication;
  url: string;
  nats: TestNatsServer;
  /** Keycloak `sub` of each demo user, read from their token. */
  subs: Record<DemoUser, string>;
  gql<T = Record<string, unknown>>(user: DemoUser, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails on any GraphQL error and returns the data. */
  ok<T = Record<string, unknown>>(user: DemoUser, query: string, variables?: Record<string, unknown>): Promise<T>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  count(query: string, params?: unknown[]): Promise<number>;
  /** Runs `work` with the application's services in a request context. */
  withServices<T>(work: (get: INestApplication['get']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function subjectOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string }).sub;
}

/** The assessments subgraph in-process on a fresh database, with a private NATS and real Keycloak tokens. */
export async function startAssessmentsHarness(name: string): Promise<AssessmentsHarness> {
  const [database, nats]: [TestDatabase, TestNatsServer] = await Promise.all([createTestDatabase(name), startNatsServer()]);
  const settings: Record<string, string> = {
    DATABASE_NAME: database.name,
    NATS_URL: nats.url,
    DATABASE_COUNT_QUERIES: 'true',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  };
  // Put the environment back afterwards: other test files may share this process (--runInBand).
  const previous = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  const { ormConfig } = await import('../src/mikro-orm.config.js');
  if ((await runMigrationCommand(ormConfig(), 'up', () => undefined)) !== 0) throw new Error('migrations failed');
  const { AppModule } = await import('../src/app.module.js');
  const app = await createSubgraphApp(AppModule);
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');

  const tokens = Object.fromEntries(
    await Promise.all(Object.entries(USERS).map(async ([key, username]) => [key, await tokenFor(username)] as const)),
  ) as Record<DemoUser, string>;
  const subs = Object.fromEntries(Object.entries(tokens).map(([key, token]) => [key, subjectOf(token)])) as Record<DemoUser, string>;

  const { MikroORM, RequestContext } = await import('@mikro-orm/postgresql');
  const orm = app.get(MikroORM);
  const sql = <T>(query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute<T[]>(query, params);
  const gql = <T>(user: DemoUser, query: string, variables?: Record<string, unknown>) => graphqlRequest<T>(url, query, { token: tokens[user], variables });

  return {
    app,
    url,
    nats,
    subs,
    gql,
    async ok<T>(user: DemoUser, query: string, variables?: Record<string, unknown>) {
      const response = await gql<T>(user, query, variables);
      if (response.errors?.length) throw new Error(`${user}: ${JSON.stringify(response.errors)}`);
      return response.data as T;
    },
    sql,
    count: async (query, params) => Number((await sql<{ n: string }>(query, params))[0].n),
    withServices: <T>(work: (get: INestApplication['get']) => Promise<T>) => RequestContext.create(orm.em, () => work(app.get.bind(app) as INestApplication['get'])),
    async close() {
      await app?.close();
      await nats?.dispose();
      await database?.drop();
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}

/** Polls until the check holds (outbox relay, consumers). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** Made-up person ids for fixtures: `00000000-0000-4000-9000-<n>`. */
export function personId(n: number): string {
  return `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
}

export function codes(response: GraphQLResponse<unknown>): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}

import type { INestApplication, Type } from '@nestjs/common';
import type { Options } from '@mikro-orm/postgresql';
import { runMigrationCommand } from '@lianxin/db';
import { createTestDatabase, type TestDatabase } from './database.js';
import { startNatsServer, type TestNatsServer } from './nats.js';

export interface SubgraphUnderTestOptions {
  /** Names the throwaway database. */
  name: string;
  /** Environment for the app (restored on close: test files share a process under --runInBand). */
  env?: Record<string, string>;
  /** Imported after the environment is set, since modules read it when they load. */
  loadOrmConfig: () => Promise<Options>;
  loadAppModule: () => Promise<Type<unknown>>;
  /** `createSubgraphApp` of @lianxin/platform (passed in: platform's own tests depend on this library). */
  createApp: (appModule: Type<unknown>) => Promise<INestApplication>;
}

export interface SubgraphUnderTest {
  app: INestApplication;
  url: string;
  database: TestDatabase;
  nats: TestNatsServer;
  /** Runs SQL on the test database and returns its rows. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** `select count(*) as n …` as a number. */
  count(query: string, params?: unknown[]): Promise<number>;
  /** Runs `work` with the application's services inside a MikroORM request context. */
  withServices<T>(work: (get: INestApplication['get']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A subgraph in-process as in production (createApp = createSubgraphApp), on a fresh migrated database, with
 * a nats-server of its own: what every service's integration tests start from.
 */
export async function startSubgraphUnderTest(options: SubgraphUnderTestOptions): Promise<SubgraphUnderTest> {
  const [database, nats] = await Promise.all([createTestDatabase(options.name), startNatsServer()]);
  const settings: Record<string, string> = {
    DATABASE_NAME: database.name,
    NATS_URL: nats.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  };
  const previous = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  const restoreEnv = () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };

  if ((await runMigrationCommand(await options.loadOrmConfig(), 'up', () => undefined)) !== 0) throw new Error('migrations failed');
  const app = await options.createApp(await options.loadAppModule());
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');

  const { MikroORM, RequestContext } = await import('@mikro-orm/postgresql');
  const orm = app.get(MikroORM);
  const sql = <T>(query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute<T[]>(query, params);
  return {
    app,
    url,
    database,
    nats,
    sql,
    count: async (query, params) => Number((await sql<{ n: string }>(query, params))[0].n),
    withServices: (work) => RequestContext.create(orm.em, () => work(app.get.bind(app) as INestApplication['get'])),
    async close() {
      await app.close();
      await nats.dispose();
      await database.drop();
      restoreEnv();
    },
  };
}

/** Polls until the check holds (outbox relay, consumers); fails with the last value after the timeout. */
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

/** The Keycloak subject of a token. */
export function subjectOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string }).sub;
}

import type { INestApplication } from '@nestjs/common';
import { runMigrationCommand } from '@lianxin/db';
import { createSubgraphApp } from '@lianxin/platform';
import { createTestDatabase, startNatsServer, type TestDatabase, type TestNatsServer } from '@lianxin/testing';

export interface PeopleUnderTest {
  app: INestApplication;
  url: string;
  nats: TestNatsServer;
  database: TestDatabase;
}

/** The people subgraph in-process on a fresh, migrated database with a private NATS; `env` adds settings. */
export async function startPeople(prefix: string, env: Record<string, string> = {}): Promise<PeopleUnderTest> {
  const database = await createTestDatabase(prefix);
  const nats = await startNatsServer();
  Object.assign(process.env, { DATABASE_NAME: database.name, NATS_URL: nats.url, LOG_LEVEL: 'silent', ...env });
  const { ormConfig } = await import('../src/mikro-orm.config.js');
  if ((await runMigrationCommand(ormConfig(), 'up', () => undefined)) !== 0) throw new Error('people migrations failed');
  const { AppModule } = await import('../src/app.module.js');
  const app = await createSubgraphApp(AppModule);
  await app.listen(0, '127.0.0.1');
  return { app, url: `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1'), nats, database };
}

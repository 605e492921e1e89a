import type { INestApplication } from '@nestjs/common';
import { runMigrationCommand } from '@lianxin/db';
import { createSubgraphApp } from '@lianxin/platform';
import { createTestDatabase, errorCodes, graphqlRequest, startNatsServer, tokenFor, type TestDatabase, type TestNatsServer } from '@lianxin/testing';

describe('media subgraph', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase('media');
    nats = await startNatsServer();
    Object.assign(process.env, { DATABASE_NAME: database.name, NATS_URL: nats.url, LOG_LEVEL: 'silent' });
    const { ormConfig } = await import('../src/mikro-orm.config.js');
    expect(await runMigrationCommand(ormConfig(), 'up', () => undefined)).toBe(0);
    expect(await runMigrationCommand(ormConfig(), 'check', () => undefined)).toBe(0);
    const { AppModule } = await import('../src/app.module.js');
    app = await createSubgraphApp(AppModule);
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await nats?.stop();
    await database?.drop();
  });

  const create = async (username: string, gridCode: string) =>
    graphqlRequest<{ createMediaRecord: { record: { gridCode: string } } }>(
      url,
      'mutation ($input: CreateMediaRecordInput!) { createMediaRecord(input: $input) { record { gridCode } } }',
      { token: await tokenFor(username), variables: { input: { gridCode, title: 'test', occurredAt: new Date().toISOString() } } },
    );

  it('records inside the caller\'s area and refuses outside', async () => {
    expect((await create('grid.worker', '330402001001001')).data?.createMediaRecord.record.gridCode).toBe('330402001001001');
    expect(errorCodes(await create('grid.worker', '330402001002001'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await create('resident.demo', '330402001001001'))).toEqual(['FORBIDDEN']);
  });

  it('adds its records to Grid, scoped to the caller', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Grid { mediaRecords { totalCount } } } }';
    const variables = { r: [{ __typename: 'Grid', code: '330402001001001' }] };
    const inside = await graphqlRequest<{ _entities: Array<{ mediaRecords: { totalCount: number } }> }>(url, query, {
      token: await tokenFor('grid.worker'),
      variables,
    });
    expect(inside.data?._entities[0].mediaRecords.totalCount).toBe(1);
    const outside = await graphqlRequest<{ _entities: Array<{ mediaRecords: { totalCount: number } }> }>(url, query, {
      token: await tokenFor('grid.worker2'),
      variables,
    });
    expect(outside.data?._entities[0].mediaRecords.totalCount).toBe(0);
  });

  it('refuses bad input with the field', async () => {
    const response = await create('county.admin', '3304');
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gridCode' });
  });
});

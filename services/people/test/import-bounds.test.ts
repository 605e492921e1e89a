import type { INestApplication } from '@nestjs/common';
import { graphqlRequest, tokenFor, type TestDatabase, type TestNatsServer } from '@lianxin/testing';
import { manyRowsWorkbook, zipBombWorkbook } from './crafted-xlsx.js';

import { startPeople } from './harness.js';
/** Issue 14: a crafted upload is refused with BAD_USER_INPUT; the service neither crashes nor writes anything. */
describe('people import bounds (issue 14)', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url, nats, database } = await startPeople('people_import_bounds'));
  });

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
    await database?.drop();
  });

  const importXlsx = async (content: Buffer) =>
    graphqlRequest<{ importPeople: { rows: number } }>(url, 'mutation ($input: ImportPeopleInput!) { importPeople(input: $input) { rows } }', {
      token: await tokenFor('county.admin'),
      variables: { input: { contentBase64: content.toString('base64'), format: 'XLSX' } },
    });
  const persons = async () => {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    return Number((await app.get(MikroORM).em.fork().getConnection().execute<{ n: string }[]>('select count(*) as n from person'))[0].n);
  };

  it('refuses a zip bomb .xlsx (inflating to 256 MB) with BAD_USER_INPUT, and keeps serving', async () => {
    const bomb = await zipBombWorkbook();
    const response = await importXlsx(bomb);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'contentBase64', reason: expect.stringMatching(/inflates to more than \d+ bytes/) });
    expect(await persons()).toBe(0);
    const alive = await fetch(url.replace('/graphql', '/health/live'));
    expect(alive.status).toBe(200);
  });

  it('refuses a workbook of more than 20,000 rows before parsing it', async () => {
    const response = await importXlsx(await manyRowsWorkbook(30_000));
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'contentBase64', reason: 'a worksheet has more than 20000 rows' });
    expect(await persons()).toBe(0);
  });
});

import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { errorCodes, graphqlRequest, tokenFor, type TestDatabase, type TestNatsServer } from '@lianxin/testing';

interface ImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  householdsCreated: number;
  errors: Array<{ row: number; column: string; reason: string }>;
}

import { startPeople } from './harness.js';
/** importPeople on a fresh database: row-level reports, upserts by ID number, CSV and XLSX, nothing written for bad files. */
describe('people import', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let url: string;

  const HEADER = '姓名,性别,出生日期,身份证号,手机号,户号,是否户主,地址,网格编码,标签';
  const GOOD_CSV = [
    HEADER,
    '张三,男,1980-01-01,330402198001010014,13812345678,H-001,是,禾兴南路1号,330402001001001,老年人',
    '李四,女,,330402198203030021,13900000002,H-001,否,禾兴南路1号,330402001001001,',
    '王五,男,1980-01-01,330402198001010017,,,,,330402001001001,',
    '赵六,男,1980-13-01,330402198001010022,,,,,330402001002001,',
    '钱七,女,,330402199505050022,,,,,330402002001001,',
    '孙八,男,,330402198001010014,,,,,330402001001001,',
    '周九,女,,330402197001010028,,,,,330402001001001,外星人',
    ',男,,330402197101010017,,,,,330402001001001,',
    '吴十,女,1965-07-07,33040219650707004X,0573-82345678,,,南溪路9号,,残疾人；LOW_INCOME',
    '郑一,男,,330402197707070057,,,,,330402001003001,COMMUNITY_CORRECTION',
  ].join('\n');
  const GOOD_ROWS = 4;

  const importFile = async (user: string, content: Buffer | string, format: 'CSV' | 'XLSX', extra: Record<string, unknown> = {}) =>
    graphqlRequest<{ importPeople: ImportResult }>(
      url,
      `mutation ($input: ImportPeopleInput!) { importPeople(input: $input) {
         dryRun rows created updated unchanged failed householdsCreated errors { row column reason } } }`,
      { token: await tokenFor(user), variables: { input: { contentBase64: Buffer.from(content).toString('base64'), format, ...extra } } },
    );

  const count = async (sql: string): Promise<number> => {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    const rows = await app.get(MikroORM).em.fork().getConnection().execute<{ n: string }[]>(sql);
    return Number(rows[0].n);
  };
  const snapshot = () =>
    Promise.all(['person', 'person_tag', 'residence', 'household', 'outbox_event'].map((table) => count(`select count(*) as n from ${table}`)));

  beforeAll(async () => {
    ({ app, url, nats, database } = await startPeople('people_import'));
  });

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
    await database?.drop();
  });

  it('imports the good rows and reports each bad one with row, column and reason', async () => {
    const response = await importFile('jianshe.admin', GOOD_CSV, 'CSV', { defaultGridCode: '330402001003002' });
    expect(response.errors).toBeUndefined();
    expect(response.data!.importPeople).toEqual({
      dryRun: false,
      rows: 10,
      created: GOOD_ROWS,
      updated: 0,
      unchanged: 0,
      failed: 6,
      householdsCreated: 1,
      errors: [
        { row: 4, column: '身份证号', reason: 'check character is 7 but must be 4' },
        { row: 5, column: '出生日期', reason: 'must be a date such as 1980-01-31' },
        { row: 6, column: '网格编码', reason: 'grid 330402002001001 is outside your area' },
        { row: 7, column: '身份证号', reason: 'same ID number as row 2' },
        { row: 8, column: '标签', reason: 'unknown tag 外星人' },
        { row: 9, column: '姓名', reason: 'is required' },
      ],
    });
    expect(await count(`select count(*) as n from person`)).toBe(GOOD_ROWS);
    expect(await count(`select count(*) as n from outbox_event where subject = 'people.person.registered'`)).toBe(GOOD_ROWS);
    expect(await count(`select count(*) as n from outbox_event where subject = 'people.household.created'`)).toBe(1);
    const household = await graphqlRequest<{ households: { edges: Array<{ node: { number: string; head: { name: string }; members: Array<{ name: string }> } }> } }>(
      url,
      '{ households { edges { node { number head { name } members { name } } } } }',
      { token: await tokenFor('county.admin') },
    );
    expect(household.data!.households.edges.map((edge) => edge.node)).toEqual([{ number: 'H-001', head: { name: '张三' }, members: [{ name: '张三' }, { name: '李四' }] }]);
    const wu = await graphqlRequest<{ persons: { edges: Array<{ node: { gridCode: string; phone: string; sex: string; birthDate: string; tags: Array<{ code: string }> } }> } }>(
      url,
      '{ persons(filter: { nameContains: "吴十" }) { edges { node { gridCode phone sex birthDate tags { code } } } } }',
      { token: await tokenFor('county.admin') },
    );
    expect(wu.data!.persons.edges[0].node).toEqual({ gridCode: '330402001003002', phone: '********5678', sex: 'FEMALE', birthDate: '1965-07-07', tags: [{ code: 'DISABLED' }, { code: 'LOW_INCOME' }] });
  });

  it('creates no duplicates when the same file comes again, and updates what changed', async () => {
    const before = await snapshot();
    const again = await importFile('jianshe.admin', GOOD_CSV, 'CSV', { defaultGridCode: '330402001003002' });
    expect(again.data!.importPeople).toMatchObject({ created: 0, updated: 0, unchanged: GOOD_ROWS, failed: 6, householdsCreated: 0 });
    expect(await snapshot()).toEqual(before);
    const changed = GOOD_CSV.replace('13900000002', '13900000003');
    const third = await importFile('jianshe.admin', changed, 'CSV', { defaultGridCode: '330402001003002' });
    expect(third.data!.importPeople).toMatchObject({ created: 0, updated: 1, unchanged: GOOD_ROWS - 1 });
    expect(await count(`select count(*) as n from outbox_event where subject = 'people.person.updated'`)).toBe(1);
    expect(await count(`select count(*) as n from person`)).toBe(GOOD_ROWS);
  });

  it('reads XLSX workbooks with English headers, date cells and text ID numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人员');
    sheet.addRow(['Name', 'Sex', 'Birth Date', 'ID Number', 'Phone', 'Grid Code', 'Residence Status', 'Tags']);
    sheet.addRow(['陈一', '女', new Date(Date.UTC(1950, 5, 15)), '330402195006150047', '13700000001', '330402001001001', '户籍', 'ELDERLY;LIVING_ALONE_ELDERLY']);
    sheet.addRow(['林二', 'M', '1999/9/9', '330402199909090071', 13700000002, '330402001001002', '流动', '']);
    sheet.addRow(['黄三', '男', '', 330402199909090000, '', '330402001001002', '', '']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await importFile('village.admin', content, 'XLSX');
    expect(response.errors).toBeUndefined();
    expect(response.data!.importPeople).toMatchObject({ rows: 3, created: 2, failed: 1, errors: [{ row: 4, column: 'ID Number', reason: expect.stringMatching(/check character|18 characters/) }] });
    const chen = await graphqlRequest<{ persons: { edges: Array<{ node: { birthDate: string; residenceStatus: string; tags: Array<{ code: string }> } }> } }>(
      url,
      '{ persons(filter: { tagCodes: ["LIVING_ALONE_ELDERLY"] }) { edges { node { birthDate residenceStatus tags { code } } } } }',
      { token: await tokenFor('village.admin') },
    );
    expect(chen.data!.persons.edges.map((edge) => edge.node)).toEqual([
      { birthDate: '1950-06-15', residenceStatus: 'REGISTERED_RESIDENT', tags: [{ code: 'ELDERLY' }, { code: 'LIVING_ALONE_ELDERLY' }] },
    ]);
  });

  it('refuses a file it cannot use as a whole, and a dry run, without writing anything', async () => {
    const before = await snapshot();
    const missing = await importFile('county.admin', '姓名,性别\n张三,男', 'CSV');
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contentBase64', reason: expect.stringContaining('missing column idNumber') });
    const broken = await importFile('county.admin', 'this is not a workbook', 'XLSX');
    expect(broken.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contentBase64', reason: expect.stringContaining('XLSX') });
    const notBase64 = await graphqlRequest(url, 'mutation { importPeople(input: { contentBase64: "%%%", format: CSV }) { rows } }', { token: await tokenFor('county.admin') });
    expect(notBase64.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contentBase64' });
    const badDefault = await importFile('jianshe.admin', GOOD_CSV, 'CSV', { defaultGridCode: '330402002001001' });
    expect(badDefault.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'defaultGridCode' });
    const fresh = `${HEADER}\n新人,男,,330402200101010011,,H-900,是,新地址,330402001001001,`;
    const dryRun = await importFile('county.admin', fresh, 'CSV', { dryRun: true });
    expect(dryRun.data!.importPeople).toMatchObject({ dryRun: true, rows: 1, created: 1, householdsCreated: 1, failed: 0 });
    expect(errorCodes(await importFile('volunteer.demo', fresh, 'CSV'))).toEqual(['FORBIDDEN']);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps grid workers to their own grid, row by row', async () => {
    const rows = `${HEADER}\n甲,男,,330402200202020016,,,,,330402001001001,\n乙,女,,330402200302020021,,,,,330402001001002,`;
    const response = await importFile('grid.worker', rows, 'CSV');
    expect(response.data!.importPeople).toMatchObject({ created: 1, failed: 1, errors: [{ row: 3, column: '网格编码', reason: 'grid 330402001001002 is outside your area' }] });
  });
});

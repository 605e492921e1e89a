import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { errorCodes, graphqlRequest, tokenFor, type GraphQLResponse, type TestDatabase, type TestNatsServer } from '@lianxin/testing';
import { startPeople } from './harness.js';

/**
 * Ledger exports (issue 19, §8.8 "exports carry the exporter's masking and are audited"), in-process on
 * a fresh database with a private NATS, real Keycloak tokens and the real object store (SeaweedFS):
 * two roles export the same ledger and each file holds exactly what that role reads of the same
 * persons through the graph; the export is on the audit log with its filter and row count; the job
 * shows progress and a short-lived link; a job whose runner died is rerun.
 */
describe('ledger exports', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let url: string;

  const gql = async <T = Record<string, unknown>>(user: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
    graphqlRequest<T>(url, query, { token: await tokenFor(user), variables });
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    return app.get(MikroORM).em.fork().getConnection().execute<T[]>(text, params);
  };

  interface Job {
    id: string;
    status: string;
    rowsDone: number;
    rowsTotal: number | null;
    attempts: number;
    fileName: string;
    downloadUrl: string | null;
    downloadExpiresAt: string | null;
  }
  const JOB = 'id status rowsDone rowsTotal attempts fileName downloadUrl downloadExpiresAt';

  const request = async (user: string, input: Record<string, unknown>): Promise<GraphQLResponse<{ requestLedgerExport: { job: Job } }>> =>
    gql(user, `mutation ($input: RequestLedgerExportInput!) { requestLedgerExport(input: $input) { job { ${JOB} } } }`, { input });

  /** Polls the job until it is done; returns every state seen. */
  const finished = async (user: string, id: string): Promise<Job[]> => {
    const seen: Job[] = [];
    for (let attempt = 0; attempt < 150; attempt += 1) {
      const response = await gql<{ ledgerExport: Job }>(user, `query ($id: ID!) { ledgerExport(id: $id) { ${JOB} } }`, { id });
      expect(response.errors).toBeUndefined();
      seen.push(response.data!.ledgerExport);
      if (['SUCCEEDED', 'FAILED'].includes(response.data!.ledgerExport.status)) return seen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`export ${id} did not finish`);
  };

  const parseCsv = (text: string): string[][] =>
    text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));

  /** What the graph answers this user for the persons of the area, by name. */
  const graphView = async (user: string) => {
    const response = await gql<{ persons: { edges: Array<{ node: Record<string, string | number | null> }> } }>(
      user,
      '{ persons(first: 100, filter: { areaCode: "330402001001001" }) { edges { node { name birthDate birthYear idNumber phone address } } } }',
    );
    expect(response.errors).toBeUndefined();
    return new Map(response.data!.persons.edges.map(({ node }) => [node.name as string, node]));
  };

  beforeAll(async () => {
    ({ app, url, nats, database } = await startPeople('people_export', { S3_BUCKET: 'lianxin-test-exports', S3_CREATE_BUCKET: 'true' }));
    const people = [
      { name: '出口一', idNumber: '330402195309228518', phone: '13812345678', tagCodes: ['ELDERLY', 'COMMUNITY_CORRECTION'], address: '建设街1号' },
      { name: '出口二', idNumber: '330402198507070022', tagCodes: ['LEFT_BEHIND_CHILD'], address: '=cmd|calc' },
      { name: '出口三', idNumber: '330402199001010019', phone: '13900001111' },
    ];
    for (const person of people) {
      const response = await gql('grid.worker', 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }', {
        input: { ...person, gridCode: '330402001001001' },
      });
      expect(response.errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
    await database?.drop();
  });

  it('§8.8 an export carries the masking of its exporter: two roles, each file equals what the graph answers that role', async () => {
    for (const user of ['grid.worker', 'county.auditor']) {
      const requested = await request(user, { ledger: 'POPULATION', areaCode: '330402001001001', format: 'CSV' });
      expect(requested.errors).toBeUndefined();
      expect(requested.data!.requestLedgerExport.job).toMatchObject({ status: 'QUEUED', rowsDone: 0, downloadUrl: null, fileName: '实有人口-330402001001001.csv' });
      const states = await finished(user, requested.data!.requestLedgerExport.job.id);
      const job = states[states.length - 1];
      expect(job).toMatchObject({ status: 'SUCCEEDED', rowsDone: 3, rowsTotal: 3, attempts: 1 });
      expect(new Date(job.downloadExpiresAt!).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
      const download = await fetch(job.downloadUrl!);
      expect(download.status).toBe(200);
      const [header, ...rows] = parseCsv(await download.text());
      expect(header).toEqual(['姓名', '性别', '出生日期', '出生年份', '身份证号', '手机号', '住址', '居住状态', '所属网格', '标签']);
      const graph = await graphView(user);
      expect(rows).toHaveLength(graph.size);
      for (const row of rows) {
        const node = graph.get(row[0])!;
        const address = node.address === null ? '' : String(node.address).replace(/^=/, "'=");
        expect([row[2], row[3], row[4], row[5], row[6]]).toEqual([node.birthDate ?? '', String(node.birthYear ?? ''), node.idNumber ?? '', node.phone ?? '', address]);
      }
      // The two roles differ where the policy says so: the auditor reads birth years only.
      if (user === 'county.auditor') expect(rows.every((row) => row[2] === '' && /^\d{4}$/.test(row[3]))).toBe(true);
      else expect(rows.find((row) => row[0] === '出口一')!.slice(2, 6)).toEqual(['1953-09-22', '1953', '330402************', '*******5678']);
    }
  });

  it('§8.8 the export is audited: who, what filter, how many rows', async () => {
    const lines = await sql<{ actor_username: string; field: string; area_code: string; filter: string; row_count: number; allowed: boolean }>(
      `select actor_username, field, area_code, filter, row_count, allowed from audit_log where action = 'EXPORT' order by seq`,
    );
    expect(lines.map(({ actor_username, field, area_code, row_count, allowed }) => ({ actor_username, field, area_code, row_count, allowed }))).toEqual([
      { actor_username: 'grid.worker', field: 'LEDGER', area_code: '330402001001001', row_count: 3, allowed: true },
      { actor_username: 'county.auditor', field: 'LEDGER', area_code: '330402001001001', row_count: 3, allowed: true },
    ]);
    expect(JSON.parse(lines[0].filter)).toMatchObject({ ledger: 'POPULATION', areaCode: '330402001001001', format: 'CSV' });
  });

  it('XLSX of the special ledger (sensitive tags, audited as such); roles that may not read those tags cannot export it', async () => {
    expect(errorCodes(await request('civil.staff', { ledger: 'SPECIAL', format: 'XLSX' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await request('grid.worker', { ledger: 'SPECIAL', areaCode: '330402001002', format: 'XLSX' }))).toEqual(['FORBIDDEN']);
    const requested = await request('grid.worker', { ledger: 'SPECIAL', format: 'XLSX' });
    expect(requested.errors).toBeUndefined();
    const job = (await finished('grid.worker', requested.data!.requestLedgerExport.job.id)).pop()!;
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowsDone: 1, rowsTotal: 1 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await fetch(job.downloadUrl!)).arrayBuffer());
    const sheet = workbook.getWorksheet('特殊人群')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('出口一');
    // In tag-code order, as Person.tags lists them (COMMUNITY_CORRECTION, ELDERLY).
    expect(sheet.getRow(2).getCell(10).value).toBe('社区矫正对象、老年人');
    const [line] = await sql<{ field: string; row_count: number }>(`select field, row_count from audit_log where action = 'EXPORT' and filter like '%SPECIAL%'`);
    expect(line).toEqual({ field: 'SENSITIVE_TAGS', row_count: 1 });
  });

  it("a job is its requester's: anyone else gets NOT_FOUND", async () => {
    const requested = await request('grid.worker', { ledger: 'VULNERABLE', format: 'CSV' });
    const id = requested.data!.requestLedgerExport.job.id;
    expect(errorCodes(await gql('grid.leader', `{ ledgerExport(id: "${id}") { id } }`))).toEqual(['NOT_FOUND']);
    expect((await finished('grid.worker', id)).pop()).toMatchObject({ status: 'SUCCEEDED', rowsDone: 2 });
  });

  it('a job whose runner stopped mid-way (lease past) is rerun from the start and says so (attempts 2)', async () => {
    const requested = await request('grid.worker', { ledger: 'FLOATING', format: 'CSV' });
    const id = requested.data!.requestLedgerExport.job.id;
    await finished('grid.worker', id);
    // As a service restart leaves it: RUNNING, one attempt, half done, nobody renewing the lease.
    await sql(`update export_job set status = 'RUNNING', attempts = 1, rows_done = 1, lease_until = now() - interval '1 second', object_key = null where id = ?`, [id]);
    const job = (await finished('grid.worker', id)).pop()!;
    expect(job).toMatchObject({ status: 'SUCCEEDED', attempts: 2, rowsDone: 0, rowsTotal: 0 });
    expect(job.downloadUrl).toContain(`/${id}/2.csv`);
  });
});

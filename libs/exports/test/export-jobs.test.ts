import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { defineConfig, MikroORM } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import { createScratchStorage, type ScratchStorage } from '@lianxin/storage';
import { createTestDatabase, type TestDatabase } from '@lianxin/testing';
import { ExportFormat, ExportJob, ExportJobRunner, ExportJobStatus, ObjectStorageExportStore, type ExportHandler } from '../src/index.js';

/**
 * Export jobs of libs/exports against the real PostgreSQL and the real object store (SeaweedFS): jobs
 * run in a worker thread with its own heap (the rows, the file and progress arrive; a worker that runs
 * out of its heap fails its job and the service goes on), and the cleanup deletes expired files from
 * the object store and records each deletion. The worker module is test/fixtures/numbers-export-worker.mjs;
 * the worker's entry is the built dist/export-worker.js (`./lianxin build`).
 */
describe('export jobs: worker thread and cleanup', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  let scratch: ScratchStorage;
  let runner: ExportJobRunner;

  // The service's side of the fixture's handlers (the runner looks the kind up here; `completed` would run here).
  const numbers: ExportHandler = {
    sheetName: () => 'numbers',
    columns: () => [{ header: 'n' }, { header: 'square' }, { header: 'text' }],
    count: async () => 0,
    rows: async function* () {},
  };
  const user = { sub: 'lib-test-user', username: 'lib.test', roles: ['county-admin' as const], areaCode: '330402' };
  const job = (id: string) => orm.em.fork().findOneOrFail(ExportJob, { id });
  const request = (kind: string, format: ExportFormat, filter: Record<string, unknown>) =>
    runner.request(user, { kind, format, areaCode: '330402', filter, fileBase: `${kind}-test` });

  beforeAll(async () => {
    database = await createTestDatabase('exports_lib');
    orm = await MikroORM.init(
      defineConfig({
        dbName: database.name,
        host: database.host,
        port: database.port,
        user: database.user,
        password: database.password,
        entities: [ExportJob],
        metadataProvider: ReflectMetadataProvider,
        forceUtcTimezone: true,
        pool: { min: 0, max: 4 },
      }),
    );
    await orm.schema.create();
    scratch = await createScratchStorage('exports-lib');
    runner = new ExportJobRunner({
      service: 'lib-test',
      em: orm.em,
      store: new ObjectStorageExportStore(scratch.storage),
      handlers: { numbers, hog: numbers },
      worker: new URL('./fixtures/numbers-export-worker.mjs', import.meta.url),
      useWorker: true,
      workerLimits: { oldSpaceMb: 64, youngSpaceMb: 8, windowBytes: 64 * 1024 },
      cleanupIntervalMs: 0,
    });
  });

  afterAll(async () => {
    await orm?.close();
    await scratch?.drop();
    await database?.drop();
  });

  it('a job runs in a worker thread: every row reaches the file in the object store, in order, and the job says how many', async () => {
    expect(runner.inWorker).toBe(true);
    const queued = await request('numbers', ExportFormat.CSV, { rows: 25_000 });
    expect(await runner.runOnce()).toBe(true);
    const done = await job(queued.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', rowsDone: 25_000, rowsTotal: 25_000, attempts: 1, error: null, objectKey: `exports/lib-test/${queued.id}/1.csv` });
    const text = (await scratch.storage.getBuffer(done.objectKey!))!.toString('utf8');
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(25_001);
    expect(lines[0]).toBe('n,square,text');
    expect(lines[1]).toBe('0,0,第0行');
    expect(lines[25_000]).toBe(`24999,${24_999 * 24_999},第24999行`);
    expect(Number(done.bytes)).toBe(Buffer.byteLength(text));
  });

  it('XLSX from the worker thread reads back in Excel form', async () => {
    const queued = await request('numbers', ExportFormat.XLSX, { rows: 3_000 });
    await runner.runOnce();
    const done = await job(queued.id);
    expect(done.status).toBe('SUCCEEDED');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await scratch.storage.getBuffer(done.objectKey!)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('numbers')!;
    expect(sheet.rowCount).toBe(3_001);
    expect(sheet.getRow(3_001).values).toEqual([undefined, 2_999, 2_999 * 2_999, '第2999行']);
  });

  it('a job that runs its worker out of its heap fails with that reason; the service goes on and runs the next job', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const hog = await request('hog', ExportFormat.CSV, { rows: 1 });
    await runner.runOnce();
    const failed = await job(hog.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/memory/i);
    expect(failed.objectKey).toBeNull();
    // The worker's garbage was the worker's: this thread's heap did not take it on (well under the 64 MB the worker filled).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(24 * 1024 * 1024);
    const next = await request('numbers', ExportFormat.CSV, { rows: 10 });
    await runner.runOnce();
    expect(await job(next.id)).toMatchObject({ status: 'SUCCEEDED', rowsDone: 10 });
  });

  it('expired export files are deleted from the object store, each deletion recorded on its job; files still in retention stay', async () => {
    const succeeded = await orm.em.fork().find(ExportJob, { status: ExportJobStatus.SUCCEEDED }, { orderBy: { createdAt: 'asc' } });
    expect(succeeded.length).toBe(3);
    for (const done of succeeded) expect(await scratch.storage.head(done.objectKey!)).not.toBeNull();
    // The first two ended their retention an hour ago; the third is kept another day.
    const now = new Date();
    const past = new Date(now.getTime() - 3_600_000);
    await orm.em.getConnection().execute(`update export_job set expires_at = ? where id in (?, ?)`, [past, succeeded[0].id, succeeded[1].id]);
    await orm.em.getConnection().execute(`update export_job set expires_at = ? where id = ?`, [new Date(now.getTime() + 86_400_000), succeeded[2].id]);
    // One file is already gone from the store (e.g. a bucket rule took it): it is recorded as deleted too.
    await scratch.storage.delete(succeeded[1].objectKey!);

    expect(await runner.cleanUp(now)).toBe(2);
    const [first, second, kept] = await Promise.all(succeeded.map((done) => job(done.id)));
    expect(await scratch.storage.head(first.objectKey!)).toBeNull();
    expect(first.fileDeletedAt?.getTime()).toBe(now.getTime());
    expect(second.fileDeletedAt?.getTime()).toBe(now.getTime());
    expect(await scratch.storage.head(kept.objectKey!)).not.toBeNull();
    expect(kept.fileDeletedAt).toBeNull();
    // No link for an expired job, and a second cleanup finds nothing left to delete.
    expect((await runner.view(first)).downloadUrl).toBeNull();
    expect(await runner.cleanUp(new Date())).toBe(0);
    // A day later the third one goes too.
    expect(await runner.cleanUp(new Date(now.getTime() + 2 * 86_400_000))).toBe(1);
    expect(await scratch.storage.head(kept.objectKey!)).toBeNull();
  });
});

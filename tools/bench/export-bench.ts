/**
 * `./lianxin bench export [--format XLSX|CSV] [--reload]` — the ledger-export benchmark of issue 19:
 * the actual-population ledger of a county of 1,000,000 persons exported as one job through the
 * real machinery (libs/exports runner and streaming writer, the people service's ledger handler with
 * a county admin's masking, the object store), printing rows/s, wall time and peak RSS.
 *
 * Data: its own database lianxin_bench_people, filled once by the county-scale people loader
 * (tools/scale/loader.ts people --scale county, 1,000,000 persons; the scale stack's databases are
 * left alone), with a progress table; --reload loads it again. Results: .lianxin/bench/export-*.json.
 * Targets: under 2 minutes, peak RSS under 300 MB. The export runs in a child process with
 * --max-old-space-size=<--heap, default 384: what deploy/ gives every service>: V8 keeps garbage until
 * its old space nears that limit, so the peak RSS follows the setting (see the README's numbers).
 * The V8 limits default to deploy/'s NODE_OPTIONS (--max-old-space-size, --max-semi-space-size); --heap
 * and --semi-space override them. --worker runs the job in the export runner's worker thread
 * (EXPORT_WORKER=on, with EXPORT_WORKER_HEAP_MB / EXPORT_WORKER_YOUNG_MB) instead of in process.
 */
import { fork, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { connectionFromEnv, runSql } from '../scale/copy-sink.ts';
import { dropIndexes, planIndexes, restoreIndexes } from '../scale/indexes.ts';
import { ProgressBoard, formatDuration, type WorkerMessage } from '../scale/progress.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'XLSX' },
    reload: { type: 'boolean', default: false },
    persons: { type: 'string', default: '1000000' },
    // V8's old-space limit of the exporting process; default: deploy/'s NODE_OPTIONS (--max-old-space-size=384).
    heap: { type: 'string' },
    'run-export': { type: 'boolean', default: false },
    // Run the job in the export runner's worker thread (EXPORT_WORKER=on) instead of in process.
    worker: { type: 'boolean', default: false },
    // V8's semi-space limit of the exporting process, MB (--max-semi-space-size); default: deploy/'s NODE_OPTIONS; 'v8': V8's own.
    'semi-space': { type: 'string' },
  },
});
// The V8 limits every service gets in deploy/ (NODE_OPTIONS in deploy/base/kustomization.yaml), unless given.
const deployed = readFileSync(join(root, 'deploy/base/kustomization.yaml'), 'utf8').match(/NODE_OPTIONS=(.*)/)?.[1] ?? '';
values.heap ??= deployed.match(/--max-old-space-size=(\d+)/)?.[1] ?? '384';
values['semi-space'] ??= deployed.match(/--max-semi-space-size=(\d+)/)?.[1];
const format = values.format!.toUpperCase();
if (format !== 'XLSX' && format !== 'CSV') throw new Error('--format XLSX|CSV');
const PREFIX = 'lianxin_bench';
const DB = `${PREFIX}_people`;
const connection = connectionFromEnv();
const say = (message: string) => process.stderr.write(`[bench export] ${message}\n`);

async function personCount(): Promise<number> {
  const exists = await runSql(connection, 'postgres', `select 1 from pg_database where datname = '${DB}'`);
  if (exists.length === 0) return -1;
  const [[migrated]] = await runSql(connection, DB, `select count(*) from information_schema.tables where table_name = 'person'`);
  if (migrated === '0') return -1;
  return Number((await runSql(connection, DB, 'select count(*) from person'))[0][0]);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const board = new ProgressBoard();
    const child = fork(command, args, { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    board.start();
    child.on('message', (message: WorkerMessage) => (message.type === 'table' ? board.update(message) : board.log(message.message, message.fields)));
    child.on('error', reject);
    child.on('exit', (code) => {
      board.stop();
      if (code === 0) resolve();
      else reject(new Error(`${command} exited with ${code}`));
    });
  });
}

async function load(): Promise<void> {
  say(`loading the county-scale population into ${DB} (once; --reload to load again)`);
  await runSql(connection, 'postgres', `drop database if exists ${DB}`);
  await runSql(connection, 'postgres', `create database ${DB}`);
  const env = { ...process.env, DATABASE_PREFIX: PREFIX, LOG_LEVEL: 'warn' };
  await run(join(root, 'services/people/dist/migrate.js'), ['up'], env);
  const asOf = new Date().toISOString().slice(0, 10);
  const started = Date.now();
  // As seed-scale.ts does: COPY without indexes and foreign keys, rebuilt afterwards.
  const plan = await planIndexes(connection, DB, ['household', 'person', 'residence', 'person_tag', 'party_membership']);
  await dropIndexes(connection, plan);
  await run(join(root, 'tools/scale/loader.ts'), ['people', '--scale', 'county', '--seed', '1', '--as-of', asOf], env);
  say('rebuilding indexes');
  await restoreIndexes(connection, plan, () => undefined);
  await runSql(connection, DB, 'analyze');
  say(`loaded in ${formatDuration(Date.now() - started)}`);
}

function peakRssMb(): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : process.memoryUsage().rss / 1048576;
}

let persons = await personCount();
if (!values['run-export']) {
  if (values.reload || persons < Number(values.persons)) {
    await load();
    persons = await personCount();
  }
  // The people service's migrations since the data was loaded (e.g. export_job columns), as a deployment runs them.
  await run(join(root, 'services/people/dist/migrate.js'), ['up'], { ...process.env, DATABASE_PREFIX: PREFIX, LOG_LEVEL: 'warn' });
  say(`${persons.toLocaleString('en-US')} persons in ${DB}; exporting them as ${format} in a process with --max-old-space-size=${values.heap}${/^\d+$/.test(values['semi-space'] ?? '') ? ` --max-semi-space-size=${values['semi-space']}` : ''}${values.worker ? ', in a worker thread' : ''}`);
  // The export in a process of its own, as in a service: its peak RSS is the export's, not the loader's.
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${values.heap}`,
      ...(/^\d+$/.test(values['semi-space'] ?? '') ? [`--max-semi-space-size=${values['semi-space']}`] : []),
      fileURLToPath(import.meta.url),
      '--run-export',
      '--format',
      format,
      '--heap',
      values.heap!,
      ...(values.worker ? ['--worker'] : []),
      '--semi-space',
      values['semi-space'] ?? 'v8',
    ],
    { stdio: 'inherit', env: { ...process.env, ...(values.worker ? { EXPORT_WORKER: 'on' } : {}) } },
  );
  const code = await new Promise<number>((resolve) => child.on('exit', (status) => resolve(status ?? 1)));
  process.exit(code);
}

// The export, in this process (which did nothing else heavy): the runner claims, counts, streams.
process.env.DATABASE_PREFIX = PREFIX;
process.env.LOG_LEVEL ??= 'warn';
const { MikroORM } = await import('@mikro-orm/postgresql');
const { ormConfig } = await import(join(root, 'services/people/dist/mikro-orm.config.js'));
const { PersonAccess } = await import(join(root, 'services/people/dist/access/person-access.service.js'));
const { LedgerExportHandler } = await import(join(root, 'services/people/dist/export/ledger-export.handler.js'));
const { ExportJobRunner, ObjectStorageExportStore } = await import('@lianxin/exports');
const { ObjectStorage } = await import('@lianxin/storage');

const orm = await MikroORM.init(ormConfig({ dbName: DB, debug: false }));
const [[county]] = await runSql(connection, DB, 'select substr(grid_code, 1, 6) from person limit 1');
const storage = ObjectStorage.fromEnv({ bucket: 'lianxin-bench', createBucket: true });
// As the people service runs it: in process, or with --worker (EXPORT_WORKER=on) in a worker thread with its own heap limits (EXPORT_WORKER_HEAP_MB …).
const worker = values.worker ? pathToFileURL(join(root, 'services/people/dist/export/export-worker.js')) : undefined;
const runner = new ExportJobRunner({ service: 'bench', em: orm.em, store: new ObjectStorageExportStore(storage), handlers: { ledger: new LedgerExportHandler(new PersonAccess(orm.em)) }, worker });
const admin = { sub: 'bench-county-admin', username: 'bench.county.admin', roles: ['county-admin' as const], areaCode: county };
const job = await runner.request(admin, { kind: 'ledger', format: format as never, areaCode: county, filter: { ledger: 'POPULATION', areaCode: county }, fileBase: `bench-${county}` });

let maxRss = 0;
const sampler = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 100);
const tty = process.stderr.isTTY;
const progress = setInterval(async () => {
  const [row] = await orm.em.fork().getConnection().execute<Array<{ rows_done: number; rows_total: number | null; status: string }>>('select rows_done, rows_total, status from export_job where id = ?', [job.id]);
  if (!row?.rows_total) return;
  const share = row.rows_done / row.rows_total;
  const bar = '█'.repeat(Math.round(share * 30)).padEnd(30, '░');
  const memory = process.memoryUsage();
  const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
  const line =
    `export ${bar} ${(share * 100).toFixed(0).padStart(3)}% ${row.rows_done.toLocaleString('en-US')}/${row.rows_total.toLocaleString('en-US')} rows, ` +
    `RSS ${mb(memory.rss)} MB (this thread's heap ${mb(memory.heapUsed)}/${mb(memory.heapTotal)} MB, external ${mb(memory.external)} MB)`;
  process.stderr.write(tty ? `\r${line}` : `${line}\n`);
}, 1000);
const started = process.hrtime.bigint();
const ran = await runner.runOnce();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
clearInterval(sampler);
clearInterval(progress);
if (tty) process.stderr.write('\n');
const [done] = await orm.em.fork().getConnection().execute<Array<{ status: string; rows_done: number; bytes: string; error: string | null }>>('select status, rows_done, bytes, error from export_job where id = ?', [job.id]);
if (!ran || done.status !== 'SUCCEEDED') throw new Error(`export ${done?.status}: ${done?.error}`);
const result = {
  format,
  persons,
  rows: done.rows_done,
  seconds: Number(seconds.toFixed(1)),
  rowsPerSecond: Math.round(done.rows_done / seconds),
  megabytes: Number((Number(done.bytes) / 1048576).toFixed(1)),
  peakRssMb: Math.round(Math.max(peakRssMb(), maxRss / 1048576)),
  maxOldSpaceMb: Number(values.heap),
  maxSemiSpaceMb: /^\d+$/.test(values['semi-space'] ?? '') ? Number(values['semi-space']) : null,
  worker: worker ? { oldSpaceMb: Number(process.env.EXPORT_WORKER_HEAP_MB ?? 96), youngSpaceMb: Number(process.env.EXPORT_WORKER_YOUNG_MB ?? 16) } : null,
  loadAverage: (await import('node:os')).loadavg().map((value) => Number(value.toFixed(2))),
  targets: { seconds: 120, peakRssMb: 300 },
  at: new Date().toISOString(),
};
mkdirSync(join(root, '.lianxin', 'bench'), { recursive: true });
writeFileSync(join(root, '.lianxin', 'bench', `export-${format.toLowerCase()}-${Date.now()}.json`), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(
  `ledger export (${format}): ${result.rows.toLocaleString('en-US')} rows in ${result.seconds} s = ${result.rowsPerSecond.toLocaleString('en-US')} rows/s, ` +
    `${result.megabytes} MB, peak RSS ${result.peakRssMb} MB with --max-old-space-size=${values.heap}${result.maxSemiSpaceMb ? ` --max-semi-space-size=${result.maxSemiSpaceMb}` : ''}` +
    `${result.worker ? `, in a worker thread (old space ${result.worker.oldSpaceMb} MB, young ${result.worker.youngSpaceMb} MB)` : ', in process'}` +
    ` (targets: < 120 s, < 300 MB); load average ${result.loadAverage.join(' ')}`,
);
await storage.delete(`exports/bench/${job.id}/1.${format.toLowerCase()}`).catch(() => undefined);
storage.destroy();
await orm.close();

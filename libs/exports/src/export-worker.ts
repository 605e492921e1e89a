/**
 * The worker thread of an export job (started by ExportJobRunner, export-runner.ts). It builds the
 * service's handlers from the service's export worker module (on an ORM of its own), counts and reads
 * the rows, writes the file with the table writer and sends the bytes to the service, which uploads
 * them. Flow control: at most `windowBytes` sent and not yet taken by the upload; beyond that the
 * writer waits (and so do the database reads). Progress goes to the service, which records it.
 */
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { AuthUser, Role } from '@lianxin/auth';
import type { ExportJob } from './export-job.entity.js';
import type { ExportWorkerData, ExportWorkerModule, FromWorker, ToWorker } from './export-worker-protocol.js';
import { writeExport } from './export-write.js';

const port = parentPort!;
const data = workerData as ExportWorkerData;
const send = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

let unacknowledged = 0;
const waiting: Array<() => void> = [];
port.on('message', (message: ToWorker) => {
  if (message.type !== 'ack') return;
  unacknowledged -= message.bytes;
  while (waiting.length > 0 && unacknowledged < data.windowBytes) waiting.shift()!();
});

/** The file's bytes, to the service: each chunk copied into its own buffer and transferred (no second copy). */
const out = new Writable({
  highWaterMark: 256 * 1024,
  write(chunk: Buffer, _encoding, callback) {
    const copy = new Uint8Array(chunk.byteLength);
    copy.set(chunk);
    unacknowledged += copy.byteLength;
    send({ type: 'data', chunk: copy }, [copy.buffer]);
    if (unacknowledged < data.windowBytes) callback();
    else waiting.push(() => callback());
  },
});

async function main(): Promise<void> {
  const workerModule = (await import(data.module)) as ExportWorkerModule;
  const setup = await workerModule.createExportHandlers(data.database);
  try {
    const handler = setup.handlers[data.job.kind];
    if (!handler) throw new Error(`no export handler for ${data.job.kind}`);
    const { requester } = data.job;
    const user: AuthUser = { sub: requester.sub, username: requester.username, roles: requester.roles as Role[], areaCode: requester.areaCode, departmentCode: requester.departmentCode };
    const context = { job: data.job as unknown as ExportJob, requester: user, em: setup.em.fork() };
    const total = await handler.count(context);
    send({ type: 'total', total });
    let reported = 0;
    const rows = await writeExport(handler, context, out, (done) => {
      if (Date.now() - reported < 250) return;
      reported = Date.now();
      send({ type: 'rows', rows: done });
    });
    send({ type: 'finished', rows });
  } finally {
    await setup.close();
  }
}

main().then(
  () => port.unref(),
  (error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.unref();
  },
);

import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AuthUser, Role } from '@lianxin/auth';
import { notFound } from '@lianxin/graphql';
import type { PeriodicTask } from '@lianxin/platform';
import { ExportFormat, ExportJobStatus } from './export-enums.js';
import { ExportJob, type ExportRequester } from './export-job.entity.js';
import type { ExportJobView } from './export-job.types.js';
import type { ExportStore, OpenUpload } from './export-store.js';
import { compiledModule, type ExportWorkerData, type ExportWorkerDatabase, type FromWorker, type ToWorker } from './export-worker-protocol.js';
import { writeExport } from './export-write.js';
import { CONTENT_TYPES, EXTENSIONS, type Cell, type ExportColumn } from './table-writer.js';

/** What a handler gets: the job, its requester as a user (masking and scope as when they asked), a forked entity manager. */
export interface ExportContext {
  job: ExportJob;
  requester: AuthUser;
  em: EntityManager;
}

/**
 * One kind of export, defined in the service that owns the data: the columns, how many rows, and the
 * rows in batches (keyset reads, never the whole table at once), already masked for the requester.
 */
export interface ExportHandler {
  sheetName(context: ExportContext): string;
  columns(context: ExportContext): ExportColumn[];
  count(context: ExportContext): Promise<number>;
  rows(context: ExportContext): AsyncIterable<Cell[][]>;
  /** Runs in the transaction that marks the job SUCCEEDED, e.g. a line in the service's own audit log. */
  completed?(context: ExportContext, rows: number, tx: EntityManager): Promise<void>;
}

export interface ExportRunnerOptions {
  /** Names the objects: exports/<service>/<job id>/<attempt>.<ext>. */
  service: string;
  em: EntityManager;
  /** Null: no object store configured; jobs wait QUEUED until one is. */
  store: ExportStore | null;
  handlers: Record<string, ExportHandler>;
  /** Whether this process runs jobs (false: it only queues them, e.g. in a read-only replica). */
  run?: boolean;
  pollMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  linkTtlSeconds?: number;
  retentionHours?: number;
  /**
   * The service's export worker module (export-worker-protocol.ts): with it and EXPORT_WORKER=on (or
   * useWorker), jobs run in a worker thread with its own heap limits (workerLimits); otherwise in
   * process. Off by default: measured on the 1 M-person ledger, the worker's second copy of the
   * service's modules cost ~90–110 MB of RSS more than it saved (README, "Exports").
   */
  worker?: URL;
  /** Run jobs in the worker thread (default: EXPORT_WORKER=on). */
  useWorker?: boolean;
  workerLimits?: ExportWorkerLimits;
  /** How often expired files are deleted (EXPORT_CLEANUP_INTERVAL_MS, default 10 minutes; 0: never by itself). */
  cleanupIntervalMs?: number;
}

/** Expired export files deleted per transaction. */
const CLEANUP_BATCH = 100;

/** Limits of an export's worker thread. */
export interface ExportWorkerLimits {
  /** V8 old space of the worker, MB (EXPORT_WORKER_HEAP_MB, default 96). A job that needs more fails (ERR_WORKER_OUT_OF_MEMORY) instead of growing the service. */
  oldSpaceMb?: number;
  /** V8 young generation of the worker, MB (EXPORT_WORKER_YOUNG_MB, default 16). */
  youngSpaceMb?: number;
  /** File bytes the worker may send ahead of the upload (EXPORT_WORKER_WINDOW_BYTES, default 2 MiB). */
  windowBytes?: number;
}

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** The worker thread's entry (compiled: dist/export-worker.js). */
const WORKER_ENTRY = new URL('./export-worker.js', import.meta.url);

export const MAX_EXPORT_ATTEMPTS = 3;
/** Download links live this long (EXPORT_LINK_TTL_SECONDS). */
export const DEFAULT_LINK_TTL_SECONDS = Number(process.env.EXPORT_LINK_TTL_SECONDS ?? 300);

class LostLease extends Error {
  constructor() {
    super('another runner took the job over');
  }
}

export function requesterOf(user: AuthUser): ExportRequester {
  return { sub: user.sub, username: user.username, roles: [...user.roles], areaCode: user.areaCode, ...(user.departmentCode ? { departmentCode: user.departmentCode } : {}) };
}

function userOf(requester: ExportRequester): AuthUser {
  return { sub: requester.sub, username: requester.username, roles: requester.roles as Role[], areaCode: requester.areaCode, departmentCode: requester.departmentCode };
}

/** A file name without characters that break a Content-Disposition or a file system. */
export function exportFileName(base: string, format: ExportFormat): string {
  return `${base.replace(/[\\/:*?"<>|\s]+/g, '_')}.${EXTENSIONS[format]}`;
}

/**
 * The export machinery of a service (one per service; its handlers define what is exported). Jobs
 * are rows of export_job: request() queues one, a runner claims it with FOR UPDATE SKIP LOCKED and a
 * lease, counts the rows, streams them through the table writer into a multipart upload (each batch
 * waits for room downstream), writes progress (rows done, lease renewed) as it goes, and marks it
 * SUCCEEDED with the handler's audit in one transaction. A job whose runner died (service restart,
 * crash) is claimed again once its lease is past and RERUNS from the start (attempts + 1; the partial
 * upload is aborted or left to the bucket's lifecycle rule); after maxAttempts it is FAILED.
 *
 * With a worker module (options.worker) and EXPORT_WORKER=on the counting, reading and writing run in
 * a worker thread with heap limits of its own (ExportWorkerLimits): the export's garbage and buffers
 * stay inside them, a runaway export fails alone, and serialising and zipping leave the service's event
 * loop free; this thread uploads and records progress. It costs a second copy of the service's modules.
 */
export class ExportJobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExportJobRunner');
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  readonly linkTtlSeconds: number;
  private readonly retentionHours: number;
  private stopped = true;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** Deletes the files of expired exports (cleanUp) periodically; made on bootstrap. */
  private cleanup: PeriodicTask<number> | undefined;

  constructor(private readonly options: ExportRunnerOptions) {
    this.pollMs = options.pollMs ?? 1_000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? MAX_EXPORT_ATTEMPTS;
    this.linkTtlSeconds = options.linkTtlSeconds ?? DEFAULT_LINK_TTL_SECONDS;
    this.retentionHours = options.retentionHours ?? 24;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.run === false || process.env.EXPORT_RUNNER === 'off') return;
    this.start();
    // @lianxin/platform is loaded here, not at import: the export worker thread imports this library too
    // (through the service's entities) and should not carry the platform's modules (~30 MB).
    const { PeriodicTask } = await import('@lianxin/platform');
    this.cleanup = new PeriodicTask<number>({
      name: 'export cleanup',
      schedule: { intervalMs: this.options.cleanupIntervalMs ?? Number(process.env.EXPORT_CLEANUP_INTERVAL_MS ?? 600_000), firstRunAfterMs: 30_000, jitterMs: 30_000 },
      run: (now) => this.cleanUp(now),
      summary: (deleted) => (deleted > 0 ? { deleted } : null),
      logger: this.logger,
    });
    this.cleanup.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.stop(), this.cleanup?.stop()]);
  }

  /**
   * Deletes from the object store the files of exports whose retention ended (expires_at past; their
   * links stopped being handed out then) and records each deletion on its job (file_deleted_at, and a
   * log line). Safe with several replicas (FOR UPDATE SKIP LOCKED); an object already gone counts as
   * deleted. Runs every EXPORT_CLEANUP_INTERVAL_MS; returns how many files it deleted.
   */
  async cleanUp(now: Date = new Date()): Promise<number> {
    const store = this.options.store;
    if (!store) return 0;
    let total = 0;
    for (;;) {
      const deleted = await this.options.em.fork().transactional(async (tx) => {
        const due = await tx.execute<Array<{ id: string; object_key: string; expires_at: Date }>>(
          `select "id", "object_key", "expires_at" from "export_job"
            where "status" = 'SUCCEEDED' and "file_deleted_at" is null and "expires_at" <= ? and "object_key" is not null
            order by "expires_at" limit ? for update skip locked`,
          [now, CLEANUP_BATCH],
        );
        for (const row of due) {
          await store.delete(row.object_key);
          await tx.execute(`update "export_job" set "file_deleted_at" = ? where "id" = ?`, [now, row.id], 'run');
          this.logger.log({ job: row.id, key: row.object_key, expiredAt: row.expires_at }, 'expired export file deleted');
        }
        return due.length;
      });
      total += deleted;
      if (deleted < CLEANUP_BATCH) return total;
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
  }

  private async runLoop(): Promise<void> {
    while (!this.stopped) {
      let ran = false;
      try {
        ran = await this.runOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'export runner: claiming a job failed');
      }
      if (!ran && !this.stopped) {
        await Promise.race([sleep(this.pollMs), new Promise<void>((resolve) => (this.wakeUp = resolve))]);
        this.wakeUp = undefined;
      }
    }
  }

  /** Queues an export for the user (scope and filter already checked by the caller). */
  async request(user: AuthUser, input: { kind: string; format: ExportFormat; areaCode: string; filter: Record<string, unknown>; fileBase: string }): Promise<ExportJob> {
    if (!this.options.handlers[input.kind]) throw new Error(`no export handler for ${input.kind}`);
    const em = this.options.em.fork();
    const job = em.create(ExportJob, {
      kind: input.kind,
      format: input.format,
      requestedBy: user.sub,
      requester: requesterOf(user),
      areaCode: input.areaCode,
      filter: input.filter,
      fileName: exportFileName(input.fileBase, input.format),
    });
    await em.flush();
    this.wakeUp?.();
    return job;
  }

  /** The caller's own job; anyone else's is NOT_FOUND (a job id says nothing about other people's exports). */
  async findOwn(user: AuthUser, id: string): Promise<ExportJob> {
    const job = /^[0-9a-f-]{36}$/i.test(id) ? await this.options.em.fork().findOne(ExportJob, { id, requestedBy: user.sub }) : null;
    if (!job) throw notFound('ExportJob', id);
    return job;
  }

  /** The job with a fresh short-lived link when it is done. */
  async view(job: ExportJob): Promise<ExportJobView> {
    const ready = job.status === ExportJobStatus.SUCCEEDED && job.objectKey && this.options.store && (!job.expiresAt || job.expiresAt > new Date());
    const downloadUrl = ready ? await this.options.store!.downloadUrl(job.objectKey!, job.fileName, this.linkTtlSeconds) : null;
    return {
      id: job.id,
      kind: job.kind,
      format: job.format,
      status: job.status,
      rowsDone: job.rowsDone,
      rowsTotal: job.rowsTotal,
      attempts: job.attempts,
      fileName: job.fileName,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
      error: job.error,
      downloadUrl,
      downloadExpiresAt: downloadUrl ? new Date(Date.now() + this.linkTtlSeconds * 1000) : null,
    };
  }

  /** Claims the oldest runnable job and runs it; false when there was none. */
  async runOnce(): Promise<boolean> {
    if (!this.options.store) return false;
    const connection = this.options.em.getConnection();
    // Jobs that have been started too often fail instead of being claimed again.
    await connection.execute(
      `update "export_job" set "status" = 'FAILED', "finished_at" = now(), "error" = coalesce("error", 'the runner stopped ' || "attempts" || ' times')
       where "status" = 'RUNNING' and "lease_until" < now() and "attempts" >= ?`,
      [this.maxAttempts],
    );
    const [claimed] = await connection.execute<Array<{ id: string; attempts: number }>>(
      `update "export_job" set "status" = 'RUNNING', "attempts" = "attempts" + 1, "rows_done" = 0, "started_at" = now(),
         "lease_until" = now() + make_interval(secs => ?), "error" = null
       where "id" = (select "id" from "export_job" where "status" = 'QUEUED' or ("status" = 'RUNNING' and "lease_until" < now())
                     order by "created_at" limit 1 for update skip locked)
       returning "id", "attempts"`,
      [this.leaseMs / 1000],
    );
    if (!claimed) return false;
    await this.run(claimed.id, claimed.attempts);
    return true;
  }

  private async run(id: string, attempt: number): Promise<void> {
    const em = this.options.em.fork();
    const job = await em.findOneOrFail(ExportJob, { id });
    const handler = this.options.handlers[job.kind];
    const context: ExportContext = { job, requester: userOf(job.requester), em };
    if (attempt > 1) this.logger.log({ job: id, kind: job.kind, attempt }, 'export job rerun from the start (its previous runner stopped)');
    const key = `exports/${this.options.service}/${job.id}/${attempt}.${EXTENSIONS[job.format]}`;
    let upload: OpenUpload | undefined;
    try {
      if (!handler) throw new Error(`no export handler for ${job.kind}`);
      upload = this.options.store!.openUpload(key, CONTENT_TYPES[job.format]);
      upload.done.catch(() => undefined);
      const rows = this.inWorker ? await this.writeInWorker(job, attempt, upload) : await this.writeInProcess(handler, context, attempt, upload);
      const bytes = await upload.done;
      await em.fork().transactional(async (tx) => {
        const [done] = await tx.getConnection().execute<Array<{ id: string }>>(
          `update "export_job" set "status" = 'SUCCEEDED', "rows_done" = ?, "rows_total" = ?, "object_key" = ?, "bytes" = ?, "finished_at" = now(),
             "lease_until" = null, "expires_at" = now() + make_interval(hours => ?)
           where "id" = ? and "attempts" = ? and "status" = 'RUNNING' returning "id"`,
          [rows, rows, key, bytes, this.retentionHours, id, attempt],
          'all',
          tx.getTransactionContext(),
        );
        if (!done) throw new LostLease();
        await handler.completed?.(context, rows, tx);
      });
      this.logger.log({ job: id, kind: job.kind, rows, bytes, attempt }, 'export job done');
    } catch (error) {
      upload?.stream.destroy();
      if (error instanceof LostLease) {
        this.logger.warn({ job: id, attempt }, 'export job taken over by another runner; this attempt stops');
        return;
      }
      this.logger.error({ job: id, kind: job.kind, err: error }, 'export job failed');
      await this.options.em
        .getConnection()
        .execute(`update "export_job" set "status" = 'FAILED', "error" = ?, "finished_at" = now(), "lease_until" = null where "id" = ? and "attempts" = ?`, [
          error instanceof Error ? error.message.slice(0, 500) : String(error),
          id,
          attempt,
        ]);
    }
  }

  /** Whether jobs run in a worker thread (a worker module is configured, and useWorker or EXPORT_WORKER=on). */
  get inWorker(): boolean {
    return !!this.options.worker && (this.options.useWorker ?? process.env.EXPORT_WORKER === 'on');
  }

  /** The job in this thread: count, then the rows into the upload, progress every 500 ms. */
  private async writeInProcess(handler: ExportHandler, context: ExportContext, attempt: number, upload: OpenUpload): Promise<number> {
    const id = context.job.id;
    const total = await handler.count(context);
    await this.progress(id, attempt, 0, total);
    let reported = Date.now();
    return writeExport(handler, context, upload.stream, async (rows) => {
      if (Date.now() - reported < 500) return;
      await this.progress(id, attempt, rows);
      reported = Date.now();
    });
  }

  /**
   * The job in a worker thread with its own heap limits (export-worker.ts): the worker reads and writes,
   * this thread uploads what it sends and records progress. A chunk is acknowledged when the upload
   * stream took it, so a slow upload stops the worker. The worker is stopped when the lease is lost or
   * the upload fails; a worker that dies (an error, out of its heap) fails the job.
   */
  private writeInWorker(job: ExportJob, attempt: number, upload: OpenUpload): Promise<number> {
    const limits = this.options.workerLimits ?? {};
    const config = this.options.em.config;
    const password = config.get('password');
    const database: ExportWorkerDatabase = {
      dbName: config.get('dbName')!,
      host: config.get('host') ?? '127.0.0.1',
      port: config.get('port') ?? 5432,
      user: config.get('user') ?? 'postgres',
      ...(typeof password === 'string' ? { password } : {}),
    };
    const workerData: ExportWorkerData = {
      module: compiledModule(this.options.worker!).href,
      job: {
        id: job.id,
        kind: job.kind,
        format: job.format,
        requestedBy: job.requestedBy,
        requester: job.requester,
        areaCode: job.areaCode,
        filter: job.filter,
        fileName: job.fileName,
        attempts: attempt,
        createdAt: job.createdAt,
      },
      database,
      windowBytes: limits.windowBytes ?? envNumber('EXPORT_WORKER_WINDOW_BYTES', 2 * 1024 * 1024),
    };
    const worker = new Worker(compiledModule(WORKER_ENTRY), {
      workerData,
      env: process.env,
      resourceLimits: {
        maxOldGenerationSizeMb: limits.oldSpaceMb ?? envNumber('EXPORT_WORKER_HEAP_MB', 96),
        maxYoungGenerationSizeMb: limits.youngSpaceMb ?? envNumber('EXPORT_WORKER_YOUNG_MB', 16),
      },
    });
    return new Promise<number>((resolve, reject) => {
      let settled = false;
      let finished = false;
      let reported = Date.now();
      // Progress writes one after the other, in the order the worker reported.
      let writes: Promise<void> = Promise.resolve();
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        reject(error);
      };
      const record = (rowsDone: number, rowsTotal?: number) => {
        writes = writes.then(() => this.progress(job.id, attempt, rowsDone, rowsTotal)).catch(fail);
      };
      upload.done.catch(fail);
      worker.on('message', (message: FromWorker) => {
        if (settled) return;
        switch (message.type) {
          case 'total':
            record(0, message.total);
            break;
          case 'data': {
            const chunk = Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength);
            upload.stream.write(chunk, (error) => {
              if (!error && !settled) worker.postMessage({ type: 'ack', bytes: chunk.byteLength } satisfies ToWorker);
            });
            break;
          }
          case 'rows':
            if (Date.now() - reported >= 500) {
              reported = Date.now();
              record(message.rows);
            }
            break;
          case 'finished':
            finished = true;
            void writes.then(() => {
              if (settled) return;
              settled = true;
              upload.stream.end();
              resolve(message.rows);
            });
            break;
          case 'failed':
            fail(new Error(message.message));
            break;
        }
      });
      // An uncaught error in the worker, or its heap exhausted (ERR_WORKER_OUT_OF_MEMORY).
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!finished) fail(new Error(`the export worker stopped (exit code ${code}) before the file was finished`));
      });
    });
  }

  /** Rows done (and the total once counted); renews the lease. Throws LostLease when another runner holds the job now. */
  private async progress(id: string, attempt: number, rowsDone: number, rowsTotal?: number): Promise<void> {
    const rows = await this.options.em.execute<Array<{ id: string }>>(
      `update "export_job" set "rows_done" = ?, "rows_total" = coalesce(?, "rows_total"), "lease_until" = now() + make_interval(secs => ?)
       where "id" = ? and "attempts" = ? and "status" = 'RUNNING' returning "id"`,
      [rowsDone, rowsTotal ?? null, this.leaseMs / 1000, id, attempt],
    );
    if (rows.length === 0) throw new LostLease();
  }
}

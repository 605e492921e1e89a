import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AuthUser, Role } from '@lianxin/auth';
import { notFound } from '@lianxin/graphql';
import { ExportFormat, ExportJobStatus } from './export-enums.js';
import { ExportJob, type ExportRequester } from './export-job.entity.js';
import type { ExportJobView } from './export-job.types.js';
import type { ExportStore } from './export-store.js';
import { CONTENT_TYPES, EXTENSIONS, tableWriter, type Cell, type ExportColumn } from './table-writer.js';

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
}

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

  constructor(private readonly options: ExportRunnerOptions) {
    this.pollMs = options.pollMs ?? 1_000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? MAX_EXPORT_ATTEMPTS;
    this.linkTtlSeconds = options.linkTtlSeconds ?? DEFAULT_LINK_TTL_SECONDS;
    this.retentionHours = options.retentionHours ?? 24;
  }

  onApplicationBootstrap(): void {
    if (this.options.run !== false && process.env.EXPORT_RUNNER !== 'off') this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
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
    let upload: ReturnType<ExportStore['openUpload']> | undefined;
    try {
      if (!handler) throw new Error(`no export handler for ${job.kind}`);
      const total = await handler.count(context);
      await this.progress(id, attempt, 0, total);
      upload = this.options.store!.openUpload(key, CONTENT_TYPES[job.format]);
      upload.done.catch(() => undefined);
      const writer = tableWriter(job.format, upload.stream, handler.sheetName(context), handler.columns(context));
      let rows = 0;
      let reported = Date.now();
      for await (const batch of handler.rows(context)) {
        await writer.addRows(batch);
        rows += batch.length;
        if (Date.now() - reported >= 500) {
          await this.progress(id, attempt, rows);
          reported = Date.now();
        }
      }
      await writer.finish();
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

  /** Rows done (and the total once counted); renews the lease. Throws LostLease when another runner holds the job now. */
  private async progress(id: string, attempt: number, rowsDone: number, rowsTotal?: number): Promise<void> {
    const rows = await this.options.em.getConnection().execute<Array<{ id: string }>>(
      `update "export_job" set "rows_done" = ?, "rows_total" = coalesce(?, "rows_total"), "lease_until" = now() + make_interval(secs => ?)
       where "id" = ? and "attempts" = ? and "status" = 'RUNNING' returning "id"`,
      [rowsDone, rowsTotal ?? null, this.leaseMs / 1000, id, attempt],
    );
    if (rows.length === 0) throw new LostLease();
  }
}

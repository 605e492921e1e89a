import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExportFormat } from './export-enums.js';
import type { ExportRequester } from './export-job.entity.js';
import type { ExportHandler } from './export-runner.js';

/**
 * Export jobs run in a worker thread (export-worker.ts) with a heap of their own, so the rows' garbage
 * and the writer's buffers are bounded by the worker's limits and leave the service's heap alone.
 *
 * The worker needs the service's handlers without the service's Nest container: a service names a
 * module (its "export worker module") that exports `createExportHandlers`, which builds the handlers
 * on an ORM of its own (same database as the service; the worker gets the service's connection
 * settings) — the same handler classes, so the rows and their masking are the same code.
 */
export interface ExportWorkerDatabase {
  dbName: string;
  host: string;
  port: number;
  user: string;
  password?: string;
}

export interface ExportWorkerSetup {
  handlers: Record<string, ExportHandler>;
  em: EntityManager;
  close(): Promise<void>;
}

/** What a service's export worker module exports. */
export interface ExportWorkerModule {
  createExportHandlers(database: ExportWorkerDatabase): Promise<ExportWorkerSetup>;
}

/** The job as the worker gets it (plain data; the entity stays in the service). */
export interface ExportWorkerJob {
  id: string;
  kind: string;
  format: ExportFormat;
  requestedBy: string;
  requester: ExportRequester;
  areaCode: string;
  filter: Record<string, unknown>;
  fileName: string;
  attempts: number;
  createdAt: Date;
}

export interface ExportWorkerData {
  /** file: URL of the service's export worker module. */
  module: string;
  job: ExportWorkerJob;
  database: ExportWorkerDatabase;
  /** Bytes the worker may have sent that the service's upload has not taken yet. */
  windowBytes: number;
}

/** Worker → service. */
export type FromWorker =
  | { type: 'total'; total: number }
  | { type: 'data'; chunk: Uint8Array }
  | { type: 'rows'; rows: number }
  | { type: 'finished'; rows: number }
  | { type: 'failed'; message: string };

/** Service → worker: `bytes` of data were taken by the upload (flow control). */
export type ToWorker = { type: 'ack'; bytes: number };

/**
 * The compiled file of a module URL. Services and libs run from dist/ (node) or from src/ (Jest with
 * SWC, where `import.meta.url` names the .ts source): a worker thread runs plain Node, so a URL into
 * src/ that has no .js beside it is mapped to the same path in dist/ (built by `./lianxin build`).
 */
export function compiledModule(url: URL): URL {
  const path = fileURLToPath(url);
  if (existsSync(path)) return url;
  const built = path.replace(/\/src\/(?!.*\/src\/)/, '/dist/');
  if (built !== path && existsSync(built)) return pathToFileURL(built);
  throw new Error(`export worker module ${path} is not built (run ./lianxin build)`);
}

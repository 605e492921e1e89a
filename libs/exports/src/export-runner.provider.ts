import { EntityManager } from '@mikro-orm/postgresql';
import { Logger, type Provider, type Type } from '@nestjs/common';
import { ObjectStorage } from '@lianxin/storage';
import { ExportJobRunner, type ExportHandler } from './export-runner.js';
import { ObjectStorageExportStore, type ExportStore } from './export-store.js';

/** The object store from the environment (S3_* settings, libs/storage), or null with a warning when none is configured. */
export function exportStoreFromEnv(): ExportStore | null {
  try {
    return new ObjectStorageExportStore(ObjectStorage.fromEnv());
  } catch (error) {
    new Logger('ExportJobRunner').warn(`no object store (${(error as Error).message}): exports stay queued until one is configured`);
    return null;
  }
}

/**
 * A service's ExportJobRunner as a Nest provider: its handlers by kind (Nest providers themselves), and
 * `worker`, the service's export worker module (export-worker-protocol.ts), to run jobs in a worker thread.
 */
export function exportRunnerProvider(service: string, handlers: Record<string, Type<ExportHandler>>, options: { worker?: URL } = {}): Provider {
  const kinds = Object.keys(handlers);
  return {
    provide: ExportJobRunner,
    inject: [EntityManager, ...kinds.map((kind) => handlers[kind])],
    useFactory: (em: EntityManager, ...instances: ExportHandler[]) =>
      new ExportJobRunner({
        service,
        em,
        store: exportStoreFromEnv(),
        handlers: Object.fromEntries(kinds.map((kind, i) => [kind, instances[i]])),
        worker: options.worker,
      }),
  };
}

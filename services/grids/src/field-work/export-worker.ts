/**
 * The grids service's export worker module (libs/exports, export-worker-protocol.ts): the key-place
 * ledger handler on an ORM of the worker thread's own, on the service's database. Runs in the export's
 * worker thread, never in the service's own thread.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import type { ExportWorkerDatabase, ExportWorkerSetup } from '@lianxin/exports';
import { ormConfig } from '../mikro-orm.config.js';
import { KeyPlaceExportHandler } from './key-place-export.js';

export async function createExportHandlers(database: ExportWorkerDatabase): Promise<ExportWorkerSetup> {
  const orm = await MikroORM.init({ ...ormConfig(database), pool: { min: 0, max: 2 } });
  return { em: orm.em, handlers: { 'key-places': new KeyPlaceExportHandler() }, close: () => orm.close() };
}

/**
 * The people service's export worker module (libs/exports, export-worker-protocol.ts): the ledger
 * handler on an ORM of the worker thread's own, on the service's database. Runs in the export's worker
 * thread, never in the service's own thread.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import type { ExportWorkerDatabase, ExportWorkerSetup } from '@lianxin/exports';
import { PersonAccess } from '../access/person-access.service.js';
import { ormConfig } from '../mikro-orm.config.js';
import { LedgerExportHandler } from './ledger-export.handler.js';

export async function createExportHandlers(database: ExportWorkerDatabase): Promise<ExportWorkerSetup> {
  const orm = await MikroORM.init({ ...ormConfig(database), pool: { min: 0, max: 2 } });
  return { em: orm.em, handlers: { ledger: new LedgerExportHandler(new PersonAccess(orm.em)) }, close: () => orm.close() };
}

/**
 * The cases service's export worker module (libs/exports, export-worker-protocol.ts): the case list and
 * statistics handlers on an ORM of the worker thread's own, on the service's database. Runs in the
 * export's worker thread, never in the service's own thread.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import type { ExportWorkerDatabase, ExportWorkerSetup } from '@lianxin/exports';
import { ormConfig } from '../mikro-orm.config.js';
import { StatsService } from '../stats/stats.service.js';
import { CaseListExportHandler, CaseStatsExportHandler } from './case-export.handlers.js';

export async function createExportHandlers(database: ExportWorkerDatabase): Promise<ExportWorkerSetup> {
  const orm = await MikroORM.init({ ...ormConfig(database), pool: { min: 0, max: 2 } });
  return {
    em: orm.em,
    handlers: { cases: new CaseListExportHandler(), 'case-stats': new CaseStatsExportHandler(new StatsService(orm.em)) },
    close: () => orm.close(),
  };
}

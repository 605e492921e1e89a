import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/postgresql';
import { idempotencyEntities, serviceOrmConfig } from '@lianxin/db';
import { countySettingsEntities, eventEntities, personDirectoryEntities } from '@lianxin/events';
import { ExportJob } from '@lianxin/exports';
import { MonthlyReport } from './reports/monthly-report.entity.js';
import { CaseHistory } from './case/case-history.entity.js';
import { CaseNumberCounter } from './case/case-number-counter.entity.js';
import { Case } from './case/case.entity.js';
import { CaseCategory } from './category/case-category.entity.js';
import { CaseStageOverrun } from './clock/stage-overrun.entity.js';
import { CalendarDay } from './deadline/calendar-day.entity.js';
import { DeadlineRule } from './deadline/deadline-rule.entity.js';
import { Dispute, MediationSession } from './dispute/dispute.entity.js';
import { Emergency } from './emergency/emergency.entity.js';
import { GridName } from './grid-names/grid-name.entity.js';
import { migrations } from './migrations/index.js';
import { statEntities } from './stats/stat-entities.js';
import { Supervision } from './supervision/supervision.entity.js';
import { Warning, WarningHistory, WarningTally } from './warnings/warning.entity.js';

export const entities = [
  Case,
  CaseHistory,
  CaseStageOverrun,
  CaseNumberCounter,
  CaseCategory,
  DeadlineRule,
  CalendarDay,
  Supervision,
  Emergency,
  Dispute,
  MediationSession,
  GridName,
  Warning,
  WarningHistory,
  WarningTally,
  ...statEntities,
  ...eventEntities,
  ExportJob,
  MonthlyReport,
  ...personDirectoryEntities,
  ...countySettingsEntities,
  ...idempotencyEntities,
];

export function ormConfig(overrides: Partial<Options> = {}): Options {
  return {
    ...serviceOrmConfig({
      service: 'cases',
      entities,
      migrations,
      migrationsSourceDir: fileURLToPath(new URL('../src/migrations', import.meta.url)),
    }),
    ...overrides,
  };
}

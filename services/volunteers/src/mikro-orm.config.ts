import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/postgresql';
import { idempotencyEntities, serviceOrmConfig } from '@lianxin/db';
import { countySettingsEntities, eventEntities, personDirectoryEntities } from '@lianxin/events';
import { Activity, ActivitySignUp } from './activity/activity.entity.js';
import { DoubleReport } from './double-report/double-report.entity.js';
import { migrations } from './migrations/index.js';
import { ServiceOrder } from './order/service-order.entity.js';
import { PointDeclaration } from './points/declaration.entity.js';
import { LedgerEntry, LedgerPosting } from './points/ledger.entity.js';
import { ManualAward } from './points/manual-award.entity.js';
import { PointAccount } from './points/point-account.entity.js';
import { PointRule } from './points/point-rule.entity.js';
import { PointVeto } from './points/point-veto.entity.js';
import { Redemption, RedemptionItem } from './points/redemption.entity.js';
import { Team, TeamMembership } from './volunteer/team.entity.js';
import { Volunteer } from './volunteer/volunteer.entity.js';

export const entities = [
  Volunteer,
  Team,
  TeamMembership,
  DoubleReport,
  ServiceOrder,
  Activity,
  ActivitySignUp,
  PointAccount,
  LedgerPosting,
  LedgerEntry,
  PointRule,
  PointVeto,
  ManualAward,
  PointDeclaration,
  RedemptionItem,
  Redemption,
  ...eventEntities,
  ...personDirectoryEntities,
  ...idempotencyEntities,
  ...countySettingsEntities,
];

export function ormConfig(overrides: Partial<Options> = {}): Options {
  return {
    ...serviceOrmConfig({
      service: 'volunteers',
      entities,
      migrations,
      migrationsSourceDir: fileURLToPath(new URL('../src/migrations', import.meta.url)),
    }),
    ...overrides,
  };
}

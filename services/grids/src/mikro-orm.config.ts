import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/postgresql';
import { idempotencyEntities, serviceOrmConfig } from '@lianxin/db';
import { countySettingsEntities, eventEntities } from '@lianxin/events';
import { ExportJob } from '@lianxin/exports';
import { CareRecord, CareSlot, CareSubject } from './care/care.entities.js';
import { CoverageLink } from './coverage-link/coverage-link.entity.js';
import { HouseholdAssignment } from './coverage/household-assignment.entity.js';
import { Hazard } from './field-work/hazard.entity.js';
import { KeyPlace } from './field-work/key-place.entity.js';
import { Patrol } from './field-work/patrol.entity.js';
import { Visit } from './field-work/visit.entity.js';
import { Grid } from './grid/grid.entity.js';
import { MicroGrid } from './micro-grid/micro-grid.entity.js';
import { migrations } from './migrations/index.js';
import { GridStaff } from './staff/grid-staff.entity.js';

export const entities = [Grid, MicroGrid, GridStaff, HouseholdAssignment, CoverageLink, KeyPlace, Visit, Patrol, Hazard, CareSubject, CareSlot, CareRecord, ...eventEntities, ExportJob, ...idempotencyEntities, ...countySettingsEntities];

export function ormConfig(overrides: Partial<Options> = {}): Options {
  return {
    ...serviceOrmConfig({
      service: 'grids',
      entities,
      migrations,
      migrationsSourceDir: fileURLToPath(new URL('../src/migrations', import.meta.url)),
    }),
    ...overrides,
  };
}

import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/postgresql';
import { idempotencyEntities, serviceOrmConfig } from '@lianxin/db';
import { OutboxEvent, ProcessedEvent } from '@lianxin/events';
import { Area } from './area/area.entity.js';
import { CalendarDayChange, CalendarDayEntry } from './county-settings/calendar-day.entity.js';
import { CountySettingChange } from './county-settings/county-setting-change.entity.js';
import { Department } from './department/department.entity.js';
import { migrations } from './migrations/index.js';
import { Organization } from './organization/organization.entity.js';

export const entities = [Area, Department, Organization, CountySettingChange, CalendarDayEntry, CalendarDayChange, OutboxEvent, ProcessedEvent, ...idempotencyEntities];

export function ormConfig(overrides: Partial<Options> = {}): Options {
  return {
    ...serviceOrmConfig({
      service: 'organizations',
      entities,
      migrations,
      migrationsSourceDir: fileURLToPath(new URL('../src/migrations', import.meta.url)),
    }),
    ...overrides,
  };
}

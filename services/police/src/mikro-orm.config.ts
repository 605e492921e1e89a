import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/postgresql';
import { serviceOrmConfig } from '@lianxin/db';
import { eventEntities } from '@lianxin/events';
import { migrations } from './migrations/index.js';
import { PoliceRecord } from './record/record.entity.js';

export const entities = [PoliceRecord, ...eventEntities];

export function ormConfig(overrides: Partial<Options> = {}): Options {
  return {
    ...serviceOrmConfig({
      service: 'police',
      entities,
      migrations,
      migrationsSourceDir: fileURLToPath(new URL('../src/migrations', import.meta.url)),
    }),
    ...overrides,
  };
}

import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/postgresql';
import { idempotencyEntities, serviceOrmConfig } from '@lianxin/db';
import { eventEntities } from '@lianxin/events';
import { migrations } from './migrations/index.js';
import { CommunityOfficer } from './officer/officer.entity.js';
import { PolicePatrol } from './patrol/patrol.entity.js';

export const entities = [CommunityOfficer, PolicePatrol, ...eventEntities, ...idempotencyEntities];

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

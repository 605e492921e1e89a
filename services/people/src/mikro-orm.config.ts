import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/postgresql';
import { idempotencyEntities, serviceOrmConfig } from '@lianxin/db';
import { eventEntities } from '@lianxin/events';
import { ExportJob } from '@lianxin/exports';
import { PersonLinkCode } from './account/link-code.entity.js';
import { AuditLogEntry } from './audit/audit-log.entity.js';
import { EditConflict } from './conflict/edit-conflict.entity.js';
import { DepartmentCasePerson } from './department-cases/department-case-person.entity.js';
import { Household } from './household/household.entity.js';
import { migrations } from './migrations/index.js';
import { PartyMembership } from './party/party-membership.entity.js';
import { populationCountEntities } from './population/population-count.entities.js';
import { Person } from './person/person.entity.js';
import { Residence } from './person/residence.entity.js';
import { TagAssignment } from './person/tag-assignment.entity.js';
import { Tag } from './tag/tag.entity.js';

export const entities = [
  Tag,
  Person,
  TagAssignment,
  Residence,
  Household,
  PartyMembership,
  AuditLogEntry,
  DepartmentCasePerson,
  PersonLinkCode,
  ...populationCountEntities,
  ...eventEntities,
  ...idempotencyEntities,
  EditConflict,
  ExportJob,
];

export function ormConfig(overrides: Partial<Options> = {}): Options {
  return {
    ...serviceOrmConfig({
      service: 'people',
      entities,
      migrations,
      migrationsSourceDir: fileURLToPath(new URL('../src/migrations', import.meta.url)),
    }),
    ...overrides,
  };
}

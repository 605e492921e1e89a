import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/postgresql';
import { serviceOrmConfig } from '@lianxin/db';
import { countySettingsEntities, eventEntities } from '@lianxin/events';
import { Attachment } from './attachment/attachment.entity.js';
import { migrations } from './migrations/index.js';
import { MediaOwner } from './owner/media-owner.entity.js';
import { MediaDeletion } from './retention/media-deletion.entity.js';
import { MediaFile } from './upload/media-file.entity.js';

// The county-settings copy (issue 15): each county's MEDIA_RETENTION.
export const entities = [MediaFile, Attachment, MediaOwner, MediaDeletion, ...eventEntities, ...countySettingsEntities];

export function ormConfig(overrides: Partial<Options> = {}): Options {
  return {
    ...serviceOrmConfig({
      service: 'media',
      entities,
      migrations,
      migrationsSourceDir: fileURLToPath(new URL('../src/migrations', import.meta.url)),
    }),
    ...overrides,
  };
}

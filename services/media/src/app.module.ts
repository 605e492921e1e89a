import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { countySettingsConsumer, CountySettings, EventsModule } from '@lianxin/events';
import { PlatformModule, subgraphGraphQLModule } from '@lianxin/platform';
import { AttachmentResolver } from './attachment/attachment.resolver.js';
import { AttachmentService } from './attachment/attachment.service.js';
import { ormConfig } from './mikro-orm.config.js';
import { OWNER_CONSUMERS } from './owner/owner-events.consumers.js';
import { OWNER_FIELD_RESOLVERS, OWNER_REFS } from './owner/owner-fields.resolver.js';
import { RetentionJob } from './retention/retention.job.js';
import { MediaStorageModule } from './storage/storage.module.js';
import { TusUploads } from './upload/tus-uploads.js';
import { UploadService } from './upload/upload.service.js';

@Module({
  imports: [
    PlatformModule.forService('media'),
    MikroOrmModule.forRoot(ormConfig()),
    EventsModule.forService({ domain: 'media', consumers: [...OWNER_CONSUMERS, countySettingsConsumer('media')] }),
    MediaStorageModule,
    // The owners' stubs are reached only through _entities: listed so the schema has them.
    subgraphGraphQLModule({ orphanedTypes: OWNER_REFS }),
  ],
  providers: [UploadService, TusUploads, AttachmentService, AttachmentResolver, ...OWNER_FIELD_RESOLVERS, ...OWNER_CONSUMERS, RetentionJob, CountySettings],
})
export class AppModule {}

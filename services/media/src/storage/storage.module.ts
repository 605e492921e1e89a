import { Global, Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ObjectStorage } from '@lianxin/storage';
import { MEDIA_CONFIG, mediaConfig } from '../media-config.js';

/** Media keeps its objects under `media/` in the stack's bucket (exports keep theirs elsewhere). */
export const MEDIA_PREFIX = 'media/';

@Injectable()
export class MediaStorage implements OnModuleInit, OnApplicationShutdown {
  readonly storage: ObjectStorage;

  constructor() {
    // Without S3_BUCKET (e.g. printing the schema) the dev bucket's name; requests then fail, not the start.
    const base = ObjectStorage.fromEnv({ bucket: process.env.S3_BUCKET || 'lianxin' });
    this.storage = new ObjectStorage({ ...base.config, prefix: base.config.prefix + MEDIA_PREFIX });
    base.destroy();
  }

  /** Creates the bucket where that is allowed (development, tests); production buckets are provisioned. */
  async onModuleInit(): Promise<void> {
    await this.storage.ensureBucket().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.storage.destroy();
  }
}

@Global()
@Module({
  providers: [MediaStorage, { provide: MEDIA_CONFIG, useFactory: () => mediaConfig() }],
  exports: [MediaStorage, MEDIA_CONFIG],
})
export class MediaStorageModule {}

export const InjectMediaConfig = () => Inject(MEDIA_CONFIG);

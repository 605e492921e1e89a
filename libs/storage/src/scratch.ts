import { randomBytes } from 'node:crypto';
import { ObjectStorage } from './object-storage.js';

/** Bucket of the integration tests (test stacks use lianxin-test<N>, the dev stack lianxin). */
export const SCRATCH_BUCKET = 'lianxin-it';

export interface ScratchStorage {
  storage: ObjectStorage;
  /** Deletes every object under the scratch prefix and closes the client. */
  drop(): Promise<void>;
}

/**
 * A throwaway corner of the development object store for one test file: bucket `lianxin-it` (created
 * when missing), key prefix `<name>-<random>/`. Needs S3_ENDPOINT and the credentials in the environment
 * (eval "$(bash tools/infra/infra.sh env)").
 */
export async function createScratchStorage(name: string): Promise<ScratchStorage> {
  const safe = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 30);
  const storage = ObjectStorage.fromEnv({ bucket: SCRATCH_BUCKET, prefix: `${safe}-${randomBytes(4).toString('hex')}/`, createBucket: true });
  await storage.ensureBucket();
  return {
    storage,
    drop: async () => {
      try {
        await storage.deletePrefix('');
      } finally {
        storage.destroy();
      }
    },
  };
}

export { storageConfigFromEnv, StorageConfigError, type StorageConfig } from './config.js';
export {
  ObjectStorage,
  ObjectTooLargeError,
  PART_SIZE,
  DEFAULT_LINK_SECONDS,
  MAX_LINK_SECONDS,
  type PutOptions,
  type PutResult,
  type ObjectInfo,
  type SignedLink,
  type LinkOptions,
} from './object-storage.js';
export { createScratchStorage, SCRATCH_BUCKET, type ScratchStorage } from './scratch.js';

// Empties the bucket of a test stack (S3_BUCKET, e.g. lianxin-test4) at the start of a run, as the test
// databases are recreated: objects of earlier runs have no rows left to belong to. Run by tools/stack.sh.
import { ObjectStorage } from './object-storage.js';

const storage = ObjectStorage.fromEnv({ createBucket: true });
try {
  if (!/^lianxin-test\d?$/.test(storage.bucket)) throw new Error(`refusing to empty ${storage.bucket}: only test stacks' buckets (lianxin-test, lianxin-test<N>)`);
  await storage.ensureBucket();
  const deleted = await storage.deletePrefix('');
  console.error(`[storage] ${storage.bucket}: ${deleted} objects of earlier runs deleted`);
} finally {
  storage.destroy();
}

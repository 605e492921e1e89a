import { KvBucket, NatsConnector } from '@lianxin/events/kv';
import type { SharedBucketStore, SharedLevel } from './rate-limit.js';

/** GATEWAY_RATE_LIMIT_BUCKET: the NATS KV bucket the gateway replicas share (default gateway_rate_limits). */
export const RATE_LIMIT_BUCKET = 'gateway_rate_limits';

/**
 * The rate-limit buckets in NATS JetStream KV (memory storage: losing them on a NATS restart only
 * refills every bucket). Entries expire after ten minutes without a write.
 */
export async function openNatsBucketStore(url: string | undefined, bucket = RATE_LIMIT_BUCKET): Promise<{ store: SharedBucketStore; close(): Promise<void> }> {
  const connector = new NatsConnector({ url, name: 'gateway-rate-limits', user: 'gateway', maxRetryDelayMs: 10_000 });
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('NATS did not answer within 5 s')), 5_000).unref());
  try {
    const nc = await Promise.race([connector.connection(), timeout]);
    const kv = await KvBucket.open(nc, { bucket, ttlMs: 10 * 60_000, timeoutMs: 1_000 });
    const store: SharedBucketStore = {
      async get(key) {
        const entry = await kv.get(key);
        if (!entry) return null;
        return { level: JSON.parse(Buffer.from(entry.value).toString('utf8')) as SharedLevel, revision: entry.revision };
      },
      async put(key, level, revision) {
        return (await kv.put(key, Buffer.from(JSON.stringify(level)), revision)) !== null;
      },
    };
    return { store, close: () => connector.close() };
  } catch (error) {
    await connector.close();
    throw error;
  }
}

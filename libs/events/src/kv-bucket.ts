import { DiscardPolicy, jetstream, jetstreamManager, StorageType, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export { NatsConnector } from './nats-connection.js';

/**
 * A NATS JetStream key-value bucket with compare-and-set, on the KV wire convention (stream
 * `KV_<bucket>`, subjects `$KV.<bucket>.<key>`, one message per key), so `nats kv` tools can read it.
 * For small shared state (the gateway's rate-limit buckets); events go through the outbox instead.
 * Loaded as `@lianxin/events/kv`: it pulls in no ORM.
 */
export interface KvBucketOptions {
  bucket: string;
  /** Entries not written for this long disappear (stream max_age). */
  ttlMs: number;
  /** Memory storage (default) or file. */
  storage?: 'memory' | 'file';
  /** Request timeout of each get/put. */
  timeoutMs?: number;
}

export interface KvEntry {
  value: Uint8Array;
  /** The stream sequence of the entry: pass it to put() to write only if nobody wrote since. */
  revision: number;
}

const KEY = /^[-/_=.a-zA-Z0-9]+$/;

export class KvBucket {
  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly prefix: string,
  ) {}

  /** Opens the bucket, creating its stream when it does not exist. */
  static async open(nc: NatsConnection, options: KvBucketOptions): Promise<KvBucket> {
    const timeout = options.timeoutMs ?? 2_000;
    const jsm = await jetstreamManager(nc, { timeout });
    const stream = `KV_${options.bucket}`;
    const prefix = `$KV.${options.bucket}`;
    try {
      await jsm.streams.info(stream);
    } catch {
      await jsm.streams.add({
        name: stream,
        subjects: [`${prefix}.>`],
        max_msgs_per_subject: 1,
        max_age: options.ttlMs * 1_000_000,
        storage: options.storage === 'file' ? StorageType.File : StorageType.Memory,
        allow_direct: true,
        allow_rollup_hdrs: true,
        deny_delete: true,
        discard: DiscardPolicy.Old,
        num_replicas: 1,
      });
    }
    return new KvBucket(jetstream(nc, { timeout }), jsm, stream, prefix);
  }

  async get(key: string): Promise<KvEntry | null> {
    const message = await this.jsm.direct.getMessage(this.stream, { last_by_subj: this.subject(key) });
    if (!message) return null;
    return { value: message.data, revision: message.seq };
  }

  /**
   * Writes the value if the key's last revision is still `revision` (0: the key must not exist yet).
   * Resolves to the new revision, or null when someone else wrote first.
   */
  async put(key: string, value: Uint8Array, revision: number): Promise<number | null> {
    try {
      const ack = await this.js.publish(this.subject(key), value, { expect: { lastSubjectSequence: revision } });
      return ack.seq;
    } catch (error) {
      if (/wrong last sequence/i.test((error as Error).message)) return null;
      throw error;
    }
  }

  private subject(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid KV key "${key}"`);
    return `${this.prefix}.${key}`;
  }
}

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
  /** The stream check under way (one at a time), and whether another was asked for meanwhile. */
  private ensuring?: Promise<void>;
  private ensureWanted = false;

  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly prefix: string,
    private readonly options: KvBucketOptions,
  ) {}

  /**
   * Opens the bucket, creating its stream when it does not exist. A memory bucket is lost when NATS restarts
   * (and a file one when its store is): without its stream a get or put is answered by nobody and waits for
   * its timeout, every time. So the stream is checked (and created again) after every reconnect of the
   * connection and after a failed call; the call that failed is not repeated.
   */
  static async open(nc: NatsConnection, options: KvBucketOptions): Promise<KvBucket> {
    const timeout = options.timeoutMs ?? 2_000;
    const jsm = await jetstreamManager(nc, { timeout });
    const bucket = new KvBucket(jetstream(nc, { timeout }), jsm, `KV_${options.bucket}`, `$KV.${options.bucket}`, options);
    await bucket.createStreamIfMissing();
    void bucket.watch(nc);
    return bucket;
  }

  private async createStreamIfMissing(): Promise<void> {
    try {
      await this.jsm.streams.info(this.stream);
      return;
    } catch {
      // Not found (or no answer): create it; creating an existing stream with the same settings changes nothing.
    }
    await this.jsm.streams.add({
      name: this.stream,
      subjects: [`${this.prefix}.>`],
      max_msgs_per_subject: 1,
      max_age: this.options.ttlMs * 1_000_000,
      storage: this.options.storage === 'file' ? StorageType.File : StorageType.Memory,
      allow_direct: true,
      allow_rollup_hdrs: true,
      deny_delete: true,
      discard: DiscardPolicy.Old,
      num_replicas: 1,
    });
  }

  /**
   * Checks the stream (creates it again when it is gone); never rejects. A check asked for while one runs
   * runs again after it (a reconnect during a check begun while disconnected must not be lost), and a check
   * that fails is tried again, up to five times in all.
   */
  private ensureStream(): Promise<void> {
    this.ensureWanted = true;
    this.ensuring ??= (async () => {
      for (let attempt = 1; this.ensureWanted && attempt <= 5; attempt += 1) {
        this.ensureWanted = false;
        try {
          await this.createStreamIfMissing();
        } catch {
          this.ensureWanted = true;
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt).unref());
        }
      }
    })().finally(() => {
      this.ensuring = undefined;
    });
    return this.ensuring;
  }

  /** After each reconnect (NATS may have restarted without the bucket), the stream is checked. */
  private async watch(nc: NatsConnection): Promise<void> {
    try {
      for await (const status of nc.status()) if (status.type === 'reconnect') void this.ensureStream();
    } catch {
      // the connection closed
    }
  }

  async get(key: string): Promise<KvEntry | null> {
    const subject = this.subject(key);
    try {
      const message = await this.jsm.direct.getMessage(this.stream, { last_by_subj: subject });
      if (!message) return null;
      return { value: message.data, revision: message.seq };
    } catch (error) {
      void this.ensureStream();
      throw error;
    }
  }

  /**
   * Writes the value if the key's last revision is still `revision` (0: the key must not exist yet).
   * Resolves to the new revision, or null when someone else wrote first.
   */
  async put(key: string, value: Uint8Array, revision: number): Promise<number | null> {
    const subject = this.subject(key);
    try {
      const ack = await this.js.publish(subject, value, { expect: { lastSubjectSequence: revision } });
      return ack.seq;
    } catch (error) {
      if (/wrong last sequence/i.test((error as Error).message)) return null;
      void this.ensureStream();
      throw error;
    }
  }

  private subject(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid KV key "${key}"`);
    return `${this.prefix}.${key}`;
  }
}

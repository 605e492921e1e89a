import { type EntityManager, LockMode } from '@mikro-orm/core';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { domainOf } from './envelope.js';
import { defaultEventsLogger, type Logger } from './logger.js';
import { type NatsSource, resolveNats } from './nats-connection.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { ensureStream, type StreamOptions } from './streams.js';
import { backoffDelay, errorMessage, Sleeper } from './timing.js';

export interface OutboxRelayOptions {
  /** The relay forks its own EntityManager from this one for every batch. */
  em: EntityManager;
  nats: NatsSource;
  /** Domains whose streams are ensured at start; streams for other subjects are ensured when first seen. */
  domains?: string[];
  /**
   * How often to look for unpublished rows when nothing woke the relay (default 1 s). Commits in
   * this process wake it at once; the poll only finds rows written elsewhere (an importer, a seed,
   * rows left by a crash), so it can be slow, and every idle service saves four transactions a second.
   */
  pollIntervalMs?: number;
  batchSize?: number;
  publishTimeoutMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  stream?: StreamOptions;
  logger?: Logger;
}

interface BatchResult {
  selected: number;
  published: number;
  failure?: unknown;
}

/**
 * Publishes committed outbox rows to JetStream, oldest first, with Nats-Msg-Id = event id.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so several replicas can relay side by side
 * (order then holds per replica, not across them). A row is marked published only after
 * JetStream acknowledged it; on failure the batch stops at that row and is retried with backoff,
 * so nothing is skipped. A publish that JetStream stored but the relay could not record is
 * published again: the duplicate window and the consumers' processed_event table absorb it.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  /** Poll sleeps end early on wake(); backoff sleeps only on stop(), so commits cannot defeat the backoff. */
  private readonly poll = new Sleeper();
  private readonly backoff = new Sleeper();
  private readonly ensuredDomains = new Set<string>();
  private running?: Promise<void>;
  private stopping = false;
  private stopped: Promise<void> = Promise.resolve();
  private signalStopped = () => {};
  private wakeRequested = false;
  private configuredStreamsReady = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.logger = (options.logger ?? defaultEventsLogger()).child({ component: 'outbox-relay' });
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.stopped = new Promise((resolve) => (this.signalStopped = resolve));
    this.running = this.run();
  }

  /** Publishes promptly, e.g. right after a transaction that recorded events committed. */
  wake(): void {
    this.wakeRequested = true;
    this.poll.wake();
  }

  /** Stops polling and waits for the in-flight batch. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signalStopped();
    this.poll.wake();
    this.backoff.wake();
    await this.running;
    this.running = undefined;
  }

  /** Rows not yet published. */
  backlog(): Promise<number> {
    return this.options.em.fork().count(OutboxEvent, { publishedAt: null });
  }

  private async run(): Promise<void> {
    const pollIntervalMs = this.options.pollIntervalMs ?? 1_000;
    let failures = 0;
    while (!this.stopping) {
      let result: BatchResult | undefined;
      try {
        const nc = await this.connection();
        if (!nc) break;
        result = await this.relayBatch(nc);
        if (result.failure) throw result.failure;
        failures = 0;
      } catch (error) {
        failures++;
        // A stream lost with the server's store is created again on the next attempt.
        this.ensuredDomains.clear();
        this.configuredStreamsReady = false;
        const retryInMs = backoffDelay(failures, this.options.retryBaseMs ?? 250, this.options.retryMaxMs ?? 10_000);
        this.logger.error({ err: error, attempt: failures, retryInMs, published: result?.published ?? 0 }, 'outbox relay failed; retrying');
        if (!this.stopping) await this.backoff.sleep(retryInMs);
        continue;
      }
      if (result.selected === (this.options.batchSize ?? 100)) continue;
      if (this.wakeRequested) {
        this.wakeRequested = false;
        continue;
      }
      if (!this.stopping) await this.poll.sleep(pollIntervalMs);
      this.wakeRequested = false;
    }
  }

  private async connection(): Promise<NatsConnection | undefined> {
    return Promise.race([resolveNats(this.options.nats), this.stopped.then(() => undefined)]);
  }

  private async relayBatch(nc: NatsConnection): Promise<BatchResult> {
    const js = jetstream(nc, { timeout: this.options.publishTimeoutMs ?? 5_000 });
    if (!this.configuredStreamsReady) {
      for (const domain of this.options.domains ?? []) await this.ensureDomain(nc, domain);
      this.configuredStreamsReady = true;
    }
    const em = this.options.em.fork();
    return em.transactional(async (tx) => {
      const rows = await tx.find(
        OutboxEvent,
        { publishedAt: null },
        { orderBy: { seq: 'asc' }, limit: this.options.batchSize ?? 100, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      let published = 0;
      for (const row of rows) {
        try {
          await this.ensureDomain(nc, domainOf(row.subject));
          await this.publish(js, row);
          row.publishedAt = new Date();
          row.attempts += 1;
          row.lastError = null;
          published++;
        } catch (error) {
          row.attempts += 1;
          row.lastError = errorMessage(error);
          // Committing the published rows and this row's error is the point: do not throw here.
          return { selected: rows.length, published, failure: error };
        }
      }
      if (published > 0) this.logger.debug({ published }, 'published outbox events');
      return { selected: rows.length, published };
    });
  }

  private async publish(js: JetStreamClient, row: OutboxEvent): Promise<void> {
    const ack = await js.publish(row.subject, JSON.stringify(row.envelope), {
      msgID: row.id,
      timeout: this.options.publishTimeoutMs ?? 5_000,
    });
    if (ack.duplicate) this.logger.info({ eventId: row.id, subject: row.subject }, 'event was already in the stream (duplicate publish)');
  }

  private async ensureDomain(nc: NatsConnection, domain: string): Promise<void> {
    if (this.ensuredDomains.has(domain)) return;
    const jsm = await jetstreamManager(nc, { timeout: this.options.publishTimeoutMs ?? 5_000 });
    const stream = await ensureStream(jsm, domain, this.options.stream);
    this.ensuredDomains.add(domain);
    this.logger.info({ stream, domain }, 'stream ready');
  }
}

import type { EntityManager, QueryResult } from '@mikro-orm/core';
import type { EntityManager as PostgresEntityManager } from '@mikro-orm/postgresql';
import { type Consumer, type ConsumerMessages, jetstream, jetstreamManager, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { type DeadLetterReason, ensureDeadLetterStream, publishDeadLetter } from './dead-letter.js';
import { domainOf, type EventEnvelope, parseEnvelope, streamForSubject } from './envelope.js';
import { eventShapeProblem, type EventSchemas } from './event-schema.js';
import { defaultEventsLogger, type Logger } from './logger.js';
import { type NatsSource, resolveNats } from './nats-connection.js';
import { ensureDurableConsumer, ensureStream, type StreamOptions } from './streams.js';
import { backoffDelay, Sleeper } from './timing.js';

/** What a service declares to consume events. */
export interface ConsumerDefinition<T = unknown> {
  /** Durable consumer name, also the key in processed_event: keep it stable. */
  name: string;
  /** e.g. `organizations.area.*` or `organizations.>` */
  filterSubject: string;
  /** Defaults to the stream of the filter's domain. */
  stream?: string;
  /**
   * The declared shape and schema versions of each consumed event type (`'*'` for the rest of a wildcard
   * filter). An event that does not match is dead-lettered at once and never reaches handle().
   */
  schemas?: EventSchemas;
  /**
   * Applies the event. Runs inside the transaction that also records it as processed: use `em`
   * (persist/flush or queries) and nothing is committed unless both succeed.
   */
  handle(envelope: EventEnvelope<T>, em: PostgresEntityManager): Promise<void>;
}

/** Base class for consumers written as NestJS providers. */
export abstract class IdempotentConsumer<T = unknown> implements ConsumerDefinition<T> {
  abstract readonly name: string;
  abstract readonly filterSubject: string;
  readonly stream?: string;
  readonly schemas?: EventSchemas;
  abstract handle(envelope: EventEnvelope<T>, em: PostgresEntityManager): Promise<void>;
}

export interface EventConsumerOptions {
  em: EntityManager;
  nats: NatsSource;
  logger?: Logger;
  /** Messages per pull request; they are applied one at a time, in order. */
  batchSize?: number;
  /** A pull request's lifetime; stop() may wait this long for the open one to finish. */
  expiresMs?: number;
  /** Redelivery of a message that was neither acked nor nak'ed (e.g. the process died). */
  ackWaitMs?: number;
  maxAckPending?: number;
  /** Handler failures are retried after base * 2^(deliveries-1), capped. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Deliveries of one message (max_deliver); when the last one fails too it goes to the dead-letter stream. Default 5. */
  maxDeliver?: number;
  stream?: StreamOptions;
  /** Called after an event was applied (not for duplicates): how long after it was recorded. */
  onApplied?: (consumer: string, envelope: EventEnvelope, lagMs: number) => void;
  /** Called after a message was moved to the dead-letter stream. */
  onDeadLettered?: (consumer: string, reason: DeadLetterReason, subject: string) => void;
}

export const DEFAULT_MAX_DELIVER = 5;

export type ProcessOutcome = 'applied' | 'duplicate' | 'failed' | 'dead-lettered';

/**
 * A durable pull consumer with explicit ack that applies each event exactly once: the handler's
 * writes and the processed_event row commit in one transaction, the ack follows the commit, and a
 * redelivered event finds its processed_event row and is only acked.
 *
 * A poison message never blocks the consumer: a malformed envelope or an event that does not match the
 * declared schemas goes to the dead-letter stream at once; a failing handler is retried with backoff
 * (nak with delay, other messages go on meanwhile) up to maxDeliver deliveries, then dead-lettered.
 */
export class EventConsumer<T = unknown> {
  private readonly logger: Logger;
  private readonly sleeper = new Sleeper();
  readonly stream: string;
  private running?: Promise<void>;
  private batch?: ConsumerMessages;
  private stopping = false;
  private stopped: Promise<void> = Promise.resolve();
  private js?: JetStreamClient;
  private signalStopped = () => {};

  constructor(
    readonly definition: ConsumerDefinition<T>,
    private readonly options: EventConsumerOptions,
  ) {
    this.stream = definition.stream ?? streamForSubject(definition.filterSubject).name;
    this.logger = (options.logger ?? defaultEventsLogger()).child({
      component: 'event-consumer',
      consumer: definition.name,
      stream: this.stream,
    });
  }

  get name(): string {
    return this.definition.name;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.stopped = new Promise((resolve) => (this.signalStopped = resolve));
    this.running = this.run();
  }

  /**
   * Waits for the messages already pulled to be applied and lets the open pull request finish. Bounded: after expiresMs + 2 s (e.g. NATS is down) it gives up
   * on the pull request; its messages then return after ack_wait.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signalStopped();
    this.sleeper.wake();
    const running = this.running;
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      running.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), (this.options.expiresMs ?? 5_000) + 2_000))),
    ]);
    clearTimeout(timer);
    if (!drained) {
      this.batch?.stop();
      await running;
    }
    this.running = undefined;
  }

  /** Messages in the stream not yet delivered to this consumer, and delivered but not yet acked. */
  async lag(): Promise<{ pending: number; ackPending: number }> {
    const nc = await resolveNats(this.options.nats);
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const info = await jsm.consumers.info(this.stream, this.name);
    return { pending: info.num_pending, ackPending: info.num_ack_pending };
  }

  /** Applies one envelope exactly once; the message loop calls it, tests may too. */
  async apply(envelope: EventEnvelope<T>): Promise<'applied' | 'duplicate'> {
    const em = this.options.em.fork() as PostgresEntityManager;
    return em.transactional(async (tx) => {
      const inserted = await tx.execute<QueryResult>(
        'insert into processed_event (consumer, event_id, processed_at) values (?, ?, ?) on conflict do nothing',
        [this.name, envelope.id, new Date()],
        'run',
      );
      if (inserted.affectedRows === 0) return 'duplicate';
      await this.definition.handle(envelope, tx);
      return 'applied';
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    let consumer: Consumer | undefined;
    while (!this.stopping) {
      try {
        const nc = await Promise.race([resolveNats(this.options.nats), this.stopped.then(() => undefined)]);
        if (!nc) break;
        consumer ??= await this.subscribe(nc);
        // One pull request at a time. On stop() the current one is drained rather than abandoned:
        // a message the server delivers to a pull request nobody listens to any more would only
        // come back after ack_wait.
        this.batch = await consumer.fetch({ max_messages: this.options.batchSize ?? 20, expires: this.options.expiresMs ?? 5_000 });
        // Messages already delivered are applied even while stopping (the loop ends with this pull request).
        // Releasing them with nak() would hand them straight back to this still-open pull request, and each
        // round trip counts a delivery: max_deliver was reached in milliseconds and the server dropped them.
        for await (const msg of this.batch) {
          if ((await this.process(msg)) !== 'failed') failures = 0;
        }
      } catch (error) {
        consumer = undefined;
        failures++;
        const retryInMs = backoffDelay(failures, this.options.retryBaseMs ?? 250, this.options.retryMaxMs ?? 10_000);
        // The NATS user may only use the consumers declared for it (stream, name and filter).
        const hint = /permission/i.test(String((error as Error)?.message))
          ? `NATS refused it: declare { stream: ${this.stream}, durable: ${this.name}, filterSubject: ${this.definition.filterSubject} } for this service in tools/nats/nats-users.json`
          : undefined;
        this.logger.error({ err: error, attempt: failures, retryInMs, hint }, 'event consumer failed; retrying');
        if (!this.stopping) await this.sleeper.sleep(retryInMs);
      } finally {
        this.batch = undefined;
      }
    }
  }

  private async subscribe(nc: NatsConnection): Promise<Consumer> {
    const jsm = await jetstreamManager(nc);
    // Consumers may start before the publishing service ever ran: create its (deterministic) stream.
    if (!this.definition.stream) await ensureStream(jsm, domainOf(this.definition.filterSubject), this.options.stream);
    await ensureDeadLetterStream(jsm);
    await ensureDurableConsumer(jsm, {
      stream: this.stream,
      name: this.name,
      filterSubject: this.definition.filterSubject,
      ackWaitMs: this.options.ackWaitMs ?? 30_000,
      maxAckPending: this.options.maxAckPending ?? 1_000,
      maxDeliver: this.maxDeliver,
    });
    this.js = jetstream(nc);
    const consumer = await this.js.consumers.get(this.stream, this.name);
    this.logger.info({ filterSubject: this.definition.filterSubject }, 'consuming');
    return consumer;
  }

  private get maxDeliver(): number {
    return Math.max(1, this.options.maxDeliver ?? DEFAULT_MAX_DELIVER);
  }

  /**
   * Never throws: a failure is nak'ed with a delay; a malformed or undeclared event, and a failure on the
   * last allowed delivery, go to the dead-letter stream and are terminated.
   */
  async process(msg: JsMsg): Promise<ProcessOutcome> {
    let envelope: EventEnvelope<T>;
    try {
      envelope = parseEnvelope<T>(msg.data);
    } catch (error) {
      return this.deadLetter(msg, 'malformed-envelope', error instanceof Error ? error.message : String(error));
    }
    const problem = eventShapeProblem(this.definition.schemas, envelope);
    if (problem) return this.deadLetter(msg, 'invalid-event', problem, envelope);
    const deliveries = msg.info.deliveryCount;
    const context = { eventId: envelope.id, type: envelope.type, seq: msg.seq, deliveries };
    try {
      const outcome = await this.apply(envelope);
      msg.ack();
      if (outcome === 'applied') this.options.onApplied?.(this.name, envelope, Date.now() - Date.parse(envelope.occurredAt));
      this.logger.debug(context, outcome === 'applied' ? 'event applied' : 'event already applied; acked');
      return outcome;
    } catch (error) {
      if (deliveries >= this.maxDeliver) return this.deadLetter(msg, 'handler-failed', error instanceof Error ? error.message : String(error), envelope);
      const retryInMs = this.retryDelay(deliveries);
      this.logger.error({ ...context, err: error, retryInMs, maxDeliver: this.maxDeliver }, 'event handler failed; will be redelivered');
      msg.nak(retryInMs);
      return 'failed';
    }
  }

  private retryDelay(deliveries: number): number {
    return backoffDelay(deliveries, this.options.retryBaseMs ?? 1_000, this.options.retryMaxMs ?? 60_000);
  }

  /** Stores the message in the dead-letter stream, then terminates it; if that fails (NATS down) it comes back later. */
  private async deadLetter(msg: JsMsg, reason: DeadLetterReason, detail: string, envelope?: EventEnvelope<T>): Promise<ProcessOutcome> {
    const context = { reason, detail, subject: msg.subject, seq: msg.seq, deliveries: msg.info.deliveryCount, eventId: envelope?.id, type: envelope?.type };
    try {
      if (!this.js) throw new Error('not subscribed');
      await publishDeadLetter(this.js, {
        consumer: this.name,
        reason,
        detail,
        subject: msg.subject,
        stream: this.stream,
        sequence: msg.seq,
        deliveries: msg.info.deliveryCount,
        body: msg.data,
      });
    } catch (error) {
      const retryInMs = this.retryDelay(msg.info.deliveryCount);
      this.logger.error({ ...context, err: error, retryInMs }, 'cannot dead-letter the event; will be redelivered');
      msg.nak(retryInMs);
      return 'failed';
    }
    // No reason argument: nats-server before 2.10 ignores a `+TERM <reason>` ack (the message would stay
    // pending); the reason travels in the dead letter's headers.
    msg.term();
    this.logger.error(context, 'event dead-lettered');
    this.options.onDeadLettered?.(this.name, reason, msg.subject);
    return 'dead-lettered';
  }
}

/** Creates and starts a consumer. */
export function startConsumer<T>(definition: ConsumerDefinition<T>, options: EventConsumerOptions): EventConsumer<T> {
  const consumer = new EventConsumer(definition, options);
  consumer.start();
  return consumer;
}

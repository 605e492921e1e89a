import { Counter, Gauge, Histogram, register as defaultRegistry, type Registry } from 'prom-client';
import type { EventConsumer } from './consumer.js';
import type { Logger } from './logger.js';
import type { OutboxRelay } from './outbox-relay.js';

export const OUTBOX_BACKLOG_METRIC = 'lianxin_outbox_backlog';
export const CONSUMER_PENDING_METRIC = 'lianxin_event_consumer_pending_messages';
export const DELIVERY_LAG_METRIC = 'lianxin_event_delivery_lag_seconds';
export const DEAD_LETTERED_METRIC = 'lianxin_events_dead_lettered_total';

/** From the event's recording (inside the writer's transaction) to its consumer's commit; 0.5 s is the target. */
const DELIVERY_LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.175, 0.25, 0.35, 0.5, 0.75, 1, 2.5, 5, 10, 30, 60];

export interface EventMetricsSources {
  relay?: Pick<OutboxRelay, 'backlog'>;
  consumers?: () => Iterable<Pick<EventConsumer, 'name' | 'stream' | 'lag'>>;
  registry?: Registry;
  logger?: Logger;
  /** A scrape gives up on a source after this long and keeps the previous value. */
  timeoutMs?: number;
}

/**
 * Gauges read at scrape time: outbox rows not yet published, and per consumer the messages not
 * yet delivered (`state="pending"`) or delivered but not acked (`state="ack_pending"`).
 * Registering again on the same registry replaces the previous gauges.
 */
export interface EventMetrics {
  /** Records the delivery lag of an applied event. */
  observeDelivery(consumer: string, lagMs: number): void;
  /** Counts a message moved to the dead-letter stream. */
  deadLettered(consumer: string, reason: string): void;
  unregister(): void;
}

export function registerEventMetrics(sources: EventMetricsSources): EventMetrics {
  const registry = sources.registry ?? defaultRegistry;
  const timeoutMs = sources.timeoutMs ?? 2_000;
  const warn = (error: unknown, source: string) => sources.logger?.warn({ err: error, source }, 'cannot read event metric');
  for (const name of [OUTBOX_BACKLOG_METRIC, CONSUMER_PENDING_METRIC, DELIVERY_LAG_METRIC, DEAD_LETTERED_METRIC]) registry.removeSingleMetric(name);

  const backlog = new Gauge({
    name: OUTBOX_BACKLOG_METRIC,
    help: 'Outbox events committed but not yet published to NATS',
    registers: [registry],
    async collect() {
      if (!sources.relay) return;
      try {
        this.set(await withTimeout(sources.relay.backlog(), timeoutMs));
      } catch (error) {
        warn(error, 'outbox');
      }
    },
  });

  const pending = new Gauge({
    name: CONSUMER_PENDING_METRIC,
    help: 'Messages a durable consumer has not yet received (pending) or not yet acknowledged (ack_pending)',
    labelNames: ['consumer', 'stream', 'state'] as const,
    registers: [registry],
    async collect() {
      await Promise.all(
        [...(sources.consumers?.() ?? [])].map(async (consumer) => {
          try {
            const lag = await withTimeout(consumer.lag(), timeoutMs);
            this.set({ consumer: consumer.name, stream: consumer.stream, state: 'pending' }, lag.pending);
            this.set({ consumer: consumer.name, stream: consumer.stream, state: 'ack_pending' }, lag.ackPending);
          } catch (error) {
            warn(error, consumer.name);
          }
        }),
      );
    },
  });

  const deliveryLag = new Histogram({
    name: DELIVERY_LAG_METRIC,
    help: 'Seconds from an event being recorded in the outbox to a consumer having applied it',
    labelNames: ['consumer'] as const,
    buckets: DELIVERY_LAG_BUCKETS,
    registers: [registry],
  });

  const deadLettered = new Counter({
    name: DEAD_LETTERED_METRIC,
    help: 'Events a consumer moved to the DEAD_LETTERS stream (malformed-envelope, invalid-event, handler-failed)',
    labelNames: ['consumer', 'reason'] as const,
    registers: [registry],
  });
  for (const consumer of sources.consumers?.() ?? []) {
    for (const reason of ['malformed-envelope', 'invalid-event', 'handler-failed']) deadLettered.inc({ consumer: consumer.name, reason }, 0);
  }

  return {
    deadLettered(consumer, reason) {
      deadLettered.inc({ consumer, reason });
    },
    observeDelivery(consumer, lagMs) {
      if (Number.isFinite(lagMs)) deliveryLag.observe({ consumer }, Math.max(0, lagMs) / 1000);
    },
    unregister() {
      const ours: Array<[string, unknown]> = [
        [OUTBOX_BACKLOG_METRIC, backlog],
        [CONSUMER_PENDING_METRIC, pending],
        [DELIVERY_LAG_METRIC, deliveryLag],
        [DEAD_LETTERED_METRIC, deadLettered],
      ];
      for (const [name, gauge] of ours) {
        if (registry.getSingleMetric(name) === gauge) registry.removeSingleMetric(name);
      }
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

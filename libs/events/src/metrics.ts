import { Gauge, register as defaultRegistry, type Registry } from 'prom-client';
import type { EventConsumer } from './consumer.js';
import type { Logger } from './logger.js';
import type { OutboxRelay } from './outbox-relay.js';

export const OUTBOX_BACKLOG_METRIC = 'lianxin_outbox_backlog';
export const CONSUMER_PENDING_METRIC = 'lianxin_event_consumer_pending_messages';

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
export function registerEventMetrics(sources: EventMetricsSources): { unregister(): void } {
  const registry = sources.registry ?? defaultRegistry;
  const timeoutMs = sources.timeoutMs ?? 2_000;
  const warn = (error: unknown, source: string) => sources.logger?.warn({ err: error, source }, 'cannot read event metric');
  for (const name of [OUTBOX_BACKLOG_METRIC, CONSUMER_PENDING_METRIC]) registry.removeSingleMetric(name);

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

  return {
    unregister() {
      const ours: Array<[string, unknown]> = [[OUTBOX_BACKLOG_METRIC, backlog], [CONSUMER_PENDING_METRIC, pending]];
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

import { Counter, Gauge, Histogram, register } from 'prom-client';

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** /metrics of the live subscriptions (summed over workers by the cluster primary). */
export const liveMetrics = {
  connections: metric(
    'gateway_live_connections',
    () => new Gauge({ name: 'gateway_live_connections', help: 'Open live subscriptions, by protocol (sse, ws)', labelNames: ['protocol'] as const }),
  ),
  eventsIn: metric(
    'gateway_live_events_in_total',
    () => new Counter({ name: 'gateway_live_events_in_total', help: 'Events the live feed read from JetStream, by stream', labelNames: ['stream'] as const }),
  ),
  eventsOut: metric(
    'gateway_live_events_out_total',
    () => new Counter({ name: 'gateway_live_events_out_total', help: 'Events sent to subscribers, by subscription field', labelNames: ['field'] as const }),
  ),
  filtered: metric(
    'gateway_live_events_filtered_total',
    () =>
      new Counter({
        name: 'gateway_live_events_filtered_total',
        help: 'Events not sent to a subscriber: scope (dropped before resolving) or hidden (the graph did not show the object to the subscriber)',
        labelNames: ['reason'] as const,
      }),
  ),
  fanoutLag: metric(
    'gateway_live_fanout_lag_seconds',
    () =>
      new Histogram({
        name: 'gateway_live_fanout_lag_seconds',
        help: 'From the event stored in JetStream to its payload written to the subscriber (live events, not replays)',
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  ),
  feedLag: metric(
    'gateway_live_feed_lag_seconds',
    () =>
      new Histogram({
        name: 'gateway_live_feed_lag_seconds',
        help: 'From the event stored in JetStream to this process\'s feed handing it to the subscribers (JetStream delivery and event-loop delay)',
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  ),
  resolveDuration: metric(
    'gateway_live_resolve_seconds',
    () =>
      new Histogram({
        name: 'gateway_live_resolve_seconds',
        help: 'One resolution of an event\'s payload through the graph (shared by its visibility class)',
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  ),
  ended: metric(
    'gateway_live_subscriptions_ended_total',
    () =>
      new Counter({
        name: 'gateway_live_subscriptions_ended_total',
        help: 'Live subscriptions the gateway ended, by reason (slow-consumer: dropped slow clients, token-expired, closed, error)',
        labelNames: ['reason'] as const,
      }),
  ),
  refused: metric(
    'gateway_live_refused_total',
    () => new Counter({ name: 'gateway_live_refused_total', help: 'Subscriptions refused at the start, by code', labelNames: ['code'] as const }),
  ),
  resolves: metric(
    'gateway_live_resolves_total',
    () =>
      new Counter({
        name: 'gateway_live_resolves_total',
        help: 'Payload resolutions through the graph (shared by subscribers with the same identity, document and event)',
        labelNames: ['shared'] as const,
      }),
  ),
  capStoreErrors: metric(
    'gateway_live_cap_store_errors_total',
    () =>
      new Counter({
        name: 'gateway_live_cap_store_errors_total',
        help: 'The shared per-user subscription cap (NATS KV) could not be opened, read or written (reason: timeout, error, contention): the cap counted this process only',
        labelNames: ['reason'] as const,
      }),
  ),
  streamReplays: metric(
    'gateway_live_stream_replays_total',
    () => new Counter({ name: 'gateway_live_stream_replays_total', help: 'Replays read from the stream because the events were no longer in memory', labelNames: ['stream'] as const }),
  ),
};

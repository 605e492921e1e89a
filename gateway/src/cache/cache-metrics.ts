import { Counter, Gauge, Histogram, register } from 'prom-client';

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Hits and misses since the process started (the hit ratio gauge). */
export const hitsAndMisses = { hits: 0, misses: 0 };

/** The state the gauges read (the latest cache of this process; tests start several gateways). */
export const cacheGaugeSource: { entries: () => number; bytes: () => number; live: () => boolean } = {
  entries: () => 0,
  bytes: () => 0,
  live: () => false,
};

/** /metrics of the entity cache (issue 20); summed over workers by the cluster primary, except the ratio and `live`. */
export const cacheMetrics = {
  lookups: metric(
    'gateway_entity_cache_lookups_total',
    () =>
      new Counter({
        name: 'gateway_entity_cache_lookups_total',
        help: 'Entity cache look-ups per entity or cached root fetch, by subgraph, type and result (hit, miss; bypass: the cache was not live)',
        labelNames: ['subgraph', 'type', 'result'] as const,
      }),
  ),
  hitRatio: metric(
    'gateway_entity_cache_hit_ratio',
    () =>
      new Gauge({
        name: 'gateway_entity_cache_hit_ratio',
        help: 'Hits / (hits + misses) since the process started (averaged over workers)',
        aggregator: 'average',
        collect() {
          const total = hitsAndMisses.hits + hitsAndMisses.misses;
          this.set(total === 0 ? 0 : hitsAndMisses.hits / total);
        },
      }),
  ),
  evictions: metric(
    'gateway_entity_cache_evictions_total',
    () =>
      new Counter({
        name: 'gateway_entity_cache_evictions_total',
        help: 'Entries dropped for room (lru: entry or byte bound) or age (expired: older than the staleness bound)',
        labelNames: ['reason'] as const,
      }),
  ),
  invalidations: metric(
    'gateway_entity_cache_invalidations_total',
    () => new Counter({ name: 'gateway_entity_cache_invalidations_total', help: 'Entries dropped by events, by subgraph', labelNames: ['subgraph'] as const }),
  ),
  events: metric(
    'gateway_entity_cache_events_total',
    () => new Counter({ name: 'gateway_entity_cache_events_total', help: 'Events the invalidation feed read, by stream', labelNames: ['stream'] as const }),
  ),
  invalidationLag: metric(
    'gateway_entity_cache_invalidation_lag_seconds',
    () =>
      new Histogram({
        name: 'gateway_entity_cache_invalidation_lag_seconds',
        help: 'From an event stored in JetStream to the cache entries it changes dropped',
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      }),
  ),
  dedup: metric(
    'gateway_subgraph_dedup_total',
    () =>
      new Counter({
        name: 'gateway_subgraph_dedup_total',
        help: 'Entities or root fetches not requested because an identical request of the same visibility class was in flight, by subgraph',
        labelNames: ['subgraph'] as const,
      }),
  ),
  entries: metric(
    'gateway_entity_cache_entries',
    () =>
      new Gauge({
        name: 'gateway_entity_cache_entries',
        help: 'Entries in the entity cache',
        collect() {
          this.set(cacheGaugeSource.entries());
        },
      }),
  ),
  bytes: metric(
    'gateway_entity_cache_bytes',
    () =>
      new Gauge({
        name: 'gateway_entity_cache_bytes',
        help: 'Estimated bytes held by the entity cache',
        collect() {
          this.set(cacheGaugeSource.bytes());
        },
      }),
  ),
  live: metric(
    'gateway_entity_cache_live',
    () =>
      new Gauge({
        name: 'gateway_entity_cache_live',
        help: '1 while the invalidation feed follows every stream and the cache serves; 0: calls only (lowest over workers)',
        aggregator: 'min',
        collect() {
          this.set(cacheGaugeSource.live() ? 1 : 0);
        },
      }),
  ),
};

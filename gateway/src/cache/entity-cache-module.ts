import type { Logger } from 'pino';
import type { NatsCredentials } from '@lianxin/events';
import { cacheGaugeSource, cacheMetrics } from './cache-metrics.js';
import { CACHE_POLICY, streamsToFollow, subgraphsInvalidatedBy, type SubgraphCachePolicy } from './cache-policy.js';
import { EntityCacheLayer } from './cached-fetch.js';
import { EntityCache, tagsOf } from './entity-cache.js';
import { InvalidationFeed, type FeedEvent } from './invalidation-feed.js';

/**
 * Settings (environment, defaults) of the entity cache (issue 20):
 *
 * | setting | default | env |
 * |---|---|---|
 * | entity cache on/off | on | GATEWAY_ENTITY_CACHE (`off`) |
 * | in-flight de-duplication of cacheable fetches within a visibility class | on | GATEWAY_SUBGRAPH_DEDUP (`off`) |
 * | staleness bound: no entry is served older than this, even if its event was lost | 30 s | GATEWAY_ENTITY_CACHE_MAX_AGE_MS |
 * | entries per gateway process | 100,000 | GATEWAY_ENTITY_CACHE_MAX_ENTRIES |
 * | estimated bytes per gateway process | 64 MiB | GATEWAY_ENTITY_CACHE_MAX_MIB |
 * | a caller's own reads skip the cache after their mutation for | 2 s | GATEWAY_ENTITY_CACHE_WRITE_BYPASS_MS |
 * | NATS user of the invalidation feed | gateway | NATS_USER (NATS_PASSWORD / NATS_CREDENTIALS_DIR) |
 */
export interface EntityCacheSettings {
  enabled: boolean;
  dedup: boolean;
  maxAgeMs: number;
  maxEntries: number;
  maxBytes: number;
  writeBypassMs: number;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, not "${raw}"`);
  return value;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['on', 'true', '1'].includes(raw)) return true;
  if (['off', 'false', '0'].includes(raw)) return false;
  throw new Error(`${name} must be on or off, not "${env[name]}"`);
}

export function loadEntityCacheSettings(env: NodeJS.ProcessEnv = process.env): EntityCacheSettings {
  return {
    enabled: onOff(env, 'GATEWAY_ENTITY_CACHE', true),
    dedup: onOff(env, 'GATEWAY_SUBGRAPH_DEDUP', true),
    maxAgeMs: integer(env, 'GATEWAY_ENTITY_CACHE_MAX_AGE_MS', 30_000, 1),
    maxEntries: integer(env, 'GATEWAY_ENTITY_CACHE_MAX_ENTRIES', 100_000, 1),
    maxBytes: integer(env, 'GATEWAY_ENTITY_CACHE_MAX_MIB', 64, 1) * 1024 * 1024,
    writeBypassMs: integer(env, 'GATEWAY_ENTITY_CACHE_WRITE_BYPASS_MS', 2_000, 0),
  };
}

/** What an event invalidates: per subgraph its codes and ids, or everything of the subgraph when it names none. */
export function invalidationsFor(event: Pick<FeedEvent, 'stream' | 'subject' | 'envelope'>, policies: Readonly<Record<string, SubgraphCachePolicy>> = CACHE_POLICY) {
  const subgraphs = subgraphsInvalidatedBy(event.stream, event.subject, policies);
  if (subgraphs.length === 0) return [];
  // The actor is who acted, not what changed: left out.
  const tags = tagsOf({ areaCode: event.envelope.areaCode, data: event.envelope.data });
  const codes = [...tags.codes];
  const ids = [...tags.ids];
  const all = codes.length === 0 && ids.length === 0;
  return subgraphs.map((subgraph) => ({ subgraph, codes, ids, all }));
}

export interface RunningEntityCache {
  layer: EntityCacheLayer | null;
  settings: EntityCacheSettings;
  stop(): Promise<void>;
}

/**
 * The entity cache of this gateway process: its store, the layer the data sources call and the invalidation
 * feed (one NATS connection, one ordered consumer per stream). Per process: with GATEWAY_WORKERS=n each
 * worker has its own (test/load/README.md says why).
 */
export function startEntityCache(options: { env: NodeJS.ProcessEnv; logger: Logger; natsCredentials?: NatsCredentials }): RunningEntityCache {
  const settings = loadEntityCacheSettings(options.env);
  if (!settings.enabled && !settings.dedup) return { layer: null, settings, stop: async () => undefined };
  const store = new EntityCache(settings, Date.now, {
    evicted: (reason, count) => cacheMetrics.evictions.inc({ reason }, count),
    invalidated: (subgraph, count) => cacheMetrics.invalidations.inc({ subgraph }, count),
  });
  let feed: InvalidationFeed | undefined;
  if (settings.enabled) {
    feed = new InvalidationFeed({
      streams: streamsToFollow(),
      natsUrl: options.env.NATS_URL,
      credentials: options.natsCredentials,
      logger: options.logger,
      onEvent: (event) => {
        cacheMetrics.events.inc({ stream: event.stream });
        for (const invalidation of invalidationsFor(event)) store.invalidate(invalidation);
        cacheMetrics.invalidationLag.observe(Math.max(0, Date.now() - event.storedAt) / 1000);
      },
      // Forget on both edges: nothing read before the feed went away, or while it was away, is served later.
      onLive: () => store.clear(),
    });
    feed.start();
  }
  const isLive = () => feed?.isLive ?? false;
  const layer = new EntityCacheLayer(store, settings, isLive);
  cacheGaugeSource.entries = () => store.size;
  cacheGaugeSource.bytes = () => store.bytes;
  cacheGaugeSource.live = isLive;
  const sweeper = setInterval(() => store.sweep(), Math.max(1_000, Math.min(settings.maxAgeMs, 10_000)));
  sweeper.unref();
  options.logger.info({ ...settings, streams: feed ? streamsToFollow() : [] }, 'entity cache settings');
  return {
    layer,
    settings,
    stop: async () => {
      clearInterval(sweeper);
      await feed?.stop();
    },
  };
}

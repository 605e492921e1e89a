import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { cacheMetrics, hitsAndMisses } from './cache-metrics.js';
import { CACHE_POLICY, classifyFetch, visibilityClass, type FetchPlan, type SubgraphCachePolicy } from './cache-policy.js';
import { tagsOf, type EntityCache } from './entity-cache.js';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
export type Next = (options: Options) => Promise<GatewayGraphQLResponse>;

export interface CacheLayerSettings {
  /** Serve and store entries (GATEWAY_ENTITY_CACHE). */
  enabled: boolean;
  /** Share identical in-flight fetches of one visibility class (GATEWAY_SUBGRAPH_DEDUP). */
  dedup: boolean;
  /**
   * After a caller's mutation, their own reads skip the cache this long (GATEWAY_ENTITY_CACHE_WRITE_BYPASS_MS):
   * they see their write at once, even before its event has reached this gateway.
   */
  writeBypassMs: number;
}

interface Deferred {
  promise: Promise<string | null>;
  resolve: (text: string | null) => void;
}

function deferred(): Deferred {
  let resolve!: (text: string | null) => void;
  const promise = new Promise<string | null>((done) => (resolve = done));
  return { promise, resolve };
}

const MAX_PLANS = 2_000;
const SEP = '\u0000';

/**
 * The entity cache and in-flight de-duplication between the query plan and a subgraph (issue 20), in front of
 * the merged entity fetches (entity-fetch-batcher.ts): an `_entities` fetch the policy allows is answered from
 * the cache for the representations it holds and sent on for the rest only; a root fetch the policy allows is
 * answered whole. Entries are keyed by subgraph, query, variables, representation and the caller's visibility
 * class (+ subject for per-user types). Nothing is served or stored while the invalidation feed is not live.
 */
export class EntityCacheLayer {
  private readonly plans = new Map<string, FetchPlan | null>();
  /** A short id per subgraph and normalized query, for keys (never reused: the counter only grows). */
  private readonly queryIds = new Map<string, string>();
  private nextQueryId = 0;
  private readonly pending = new Map<string, { epoch: string; deferred: Deferred }>();
  private readonly writers = new Map<string, number>();

  constructor(
    readonly store: EntityCache,
    private readonly settings: CacheLayerSettings,
    private readonly isLive: () => boolean,
    private readonly now: () => number = Date.now,
    private readonly policies: Readonly<Record<string, SubgraphCachePolicy>> = CACHE_POLICY,
  ) {}

  process(subgraph: string, options: Options, next: Next): Promise<GatewayGraphQLResponse> {
    const context = options.context as GatewayContext | undefined;
    const user = context?.user;
    // Health checks and schema loading have no client request; introspection without a token has no user.
    if (!('incomingRequestContext' in options) || !context || !user) return next(options);
    if (context.mutation) {
      if (this.settings.writeBypassMs > 0) this.writers.set(user.sub, this.now() + this.settings.writeBypassMs);
      return next(options);
    }
    const query = options.request.query;
    if (!query) return next(options);
    const plan = this.plan(subgraph, query);
    if (!plan) return next(options);
    const visibility = visibilityClass(user);
    if (visibility === null) return next(options);
    const serve = this.settings.enabled && this.isLive() && !this.justWrote(user.sub);
    if (!serve && !this.settings.dedup) {
      cacheMetrics.lookups.inc({ subgraph, type: plan.kind === 'root' ? plan.label : 'entities', result: 'bypass' });
      return next(options);
    }
    return plan.kind === 'entities'
      ? this.entities(subgraph, plan, visibility, user.sub, serve, options, next)
      : this.root(subgraph, plan, visibility, serve, options, next);
  }

  private plan(subgraph: string, query: string): FetchPlan | null {
    const key = subgraph + SEP + query;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      if (this.plans.size >= MAX_PLANS) this.plans.clear();
      plan = classifyFetch(subgraph, query, this.policies);
      this.plans.set(key, plan);
    }
    return plan;
  }

  private queryId(subgraph: string, query: string): string {
    const text = subgraph + SEP + query;
    let id = this.queryIds.get(text);
    if (id === undefined) {
      if (this.queryIds.size >= MAX_PLANS) this.queryIds.clear();
      this.queryIds.set(text, (id = `${subgraph}#${(this.nextQueryId += 1)}`));
    }
    return id;
  }

  private justWrote(sub: string): boolean {
    const until = this.writers.get(sub);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.writers.delete(sub);
    return false;
  }

  /** Stores only while serving is possible: nothing read while the feed was away is kept. */
  private storing(): boolean {
    return this.settings.enabled && this.isLive();
  }

  private lookup(subgraph: string, type: string, key: string, serve: boolean): string | undefined {
    if (!serve) {
      cacheMetrics.lookups.inc({ subgraph, type, result: 'bypass' });
      return undefined;
    }
    const text = this.store.get(key);
    if (text !== undefined) {
      hitsAndMisses.hits += 1;
      cacheMetrics.lookups.inc({ subgraph, type, result: 'hit' });
    } else {
      hitsAndMisses.misses += 1;
      cacheMetrics.lookups.inc({ subgraph, type, result: 'miss' });
    }
    return text;
  }

  /** An in-flight fetch of the same key and epoch to wait for, or a new one registered for this caller to fill. */
  private join(subgraph: string, key: string, epoch: string): { wait: Promise<string | null> } | { own: Deferred } | null {
    if (!this.settings.dedup) return null;
    const inFlight = this.pending.get(key);
    if (inFlight && inFlight.epoch === epoch) {
      cacheMetrics.dedup.inc({ subgraph });
      return { wait: inFlight.deferred.promise };
    }
    const own = deferred();
    const entry = { epoch, deferred: own };
    this.pending.set(key, entry);
    void own.promise.then(() => {
      if (this.pending.get(key) === entry) this.pending.delete(key);
    });
    return { own };
  }

  private async entities(
    subgraph: string,
    plan: Extract<FetchPlan, { kind: 'entities' }>,
    visibility: string,
    sub: string,
    serve: boolean,
    options: Options,
    next: Next,
  ): Promise<GatewayGraphQLResponse> {
    const variables = options.request.variables ?? {};
    const representations = variables.representations;
    if (!Array.isArray(representations)) return next(options);
    const others = { ...variables };
    delete others.representations;
    const base = this.queryId(subgraph, plan.query) + SEP + visibility + SEP + JSON.stringify(others) + SEP;
    const typeOf = (representation: unknown) => (representation as { __typename?: unknown } | null)?.__typename;
    const keys = representations.map((representation) => {
      const type = typeOf(representation);
      if (typeof type !== 'string' || !plan.types.has(type)) return null;
      return base + (plan.perUser.has(type) ? sub : '') + SEP + JSON.stringify(representation);
    });
    const epoch = this.store.epoch(subgraph);
    const result: unknown[] = new Array(representations.length).fill(null);
    const toFetch: number[] = [];
    const waits: Array<{ index: number; promise: Promise<string | null> }> = [];
    const owned = new Map<number, Deferred>();
    keys.forEach((key, index) => {
      if (key === null) return void toFetch.push(index);
      const text = this.lookup(subgraph, String(typeOf(representations[index])), key, serve);
      if (text !== undefined) return void (result[index] = JSON.parse(text));
      const joined = this.join(subgraph, key, epoch);
      if (joined && 'wait' in joined) return void waits.push({ index, promise: joined.wait });
      if (joined) owned.set(index, joined.own);
      toFetch.push(index);
    });
    if (toFetch.length === 0 && waits.length === 0) return { data: { _entities: result } };

    const errors: GraphQLFormattedError[] = [];
    try {
      if (toFetch.length > 0) {
        const whole = toFetch.length === representations.length;
        const response = await next(whole ? options : withRepresentations(options, toFetch.map((index) => representations[index])));
        const placed = this.place(subgraph, response, toFetch, keys, representations, result, errors, epoch, owned);
        if (!placed) {
          // Not the shape an `_entities` answer has: as it is when it was the whole fetch, else the whole fetch again.
          if (whole && waits.length === 0) return response;
          return await next(options);
        }
      }
      const refetch: number[] = [];
      for (const { index, promise } of waits) {
        const text = await promise;
        if (text === null) refetch.push(index);
        else result[index] = JSON.parse(text);
      }
      if (refetch.length > 0) {
        // The fetch we waited for brought no storable answer for these (an error, null): ask for them ourselves.
        const response = await next(withRepresentations(options, refetch.map((index) => representations[index])));
        if (!this.place(subgraph, response, refetch, keys, representations, result, errors, epoch, new Map())) return await next(options);
      }
    } finally {
      for (const own of owned.values()) own.resolve(null);
    }
    return errors.length > 0 ? { data: { _entities: result }, errors } : { data: { _entities: result } };
  }

  /**
   * Puts the answer for `indexes` in `result` (errors renumbered to the original positions), stores what is
   * storable and hands it to the callers waiting for it. false: the answer is not a list of that length.
   */
  private place(
    subgraph: string,
    response: GatewayGraphQLResponse,
    indexes: number[],
    keys: Array<string | null>,
    representations: unknown[],
    result: unknown[],
    errors: GraphQLFormattedError[],
    epoch: string,
    owned: Map<number, Deferred>,
  ): boolean {
    const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
    if (!Array.isArray(entities) || entities.length !== indexes.length) return false;
    const failed = new Set<number>();
    let unplaced = false;
    for (const error of response.errors ?? []) {
      const [root, position, ...rest] = error.path ?? [];
      if (root === '_entities' && typeof position === 'number' && position < indexes.length) {
        failed.add(position);
        errors.push({ ...error, path: ['_entities', indexes[position], ...rest] });
      } else {
        unplaced = true;
        errors.push(error);
      }
    }
    const store = this.storing() && !unplaced;
    entities.forEach((entity, position) => {
      const index = indexes[position];
      result[index] = entity;
      const key = keys[index];
      const storable = key !== null && !failed.has(position) && entity !== null && typeof entity === 'object';
      const text = storable ? JSON.stringify(entity) : null;
      if (text !== null && store) {
        const tags = tagsOf(entity, tagsOf(representations[index]));
        this.store.set(key!, subgraph, text, { codes: [...tags.codes], ids: [...tags.ids] }, epoch);
      }
      owned.get(index)?.resolve(unplaced ? null : text);
    });
    return true;
  }

  private async root(
    subgraph: string,
    plan: Extract<FetchPlan, { kind: 'root' }>,
    visibility: string,
    serve: boolean,
    options: Options,
    next: Next,
  ): Promise<GatewayGraphQLResponse> {
    const variables = options.request.variables ?? {};
    const key = `${this.queryId(subgraph, plan.query)}${SEP}${visibility}${SEP}${JSON.stringify(variables)}`;
    const text = this.lookup(subgraph, plan.label, key, serve);
    if (text !== undefined) return { data: JSON.parse(text) as Record<string, unknown> };
    const epoch = this.store.epoch(subgraph);
    const joined = this.join(subgraph, key, epoch);
    if (joined && 'wait' in joined) {
      const shared = await joined.wait;
      if (shared !== null) return { data: JSON.parse(shared) as Record<string, unknown> };
      return next(options);
    }
    let stored: string | null = null;
    try {
      const response = await next(options);
      if (!response.errors?.length && response.data && typeof response.data === 'object') {
        stored = JSON.stringify(response.data);
        if (this.storing()) {
          const tags = tagsOf(response.data, tagsOf(variables));
          this.store.set(key, subgraph, stored, { codes: [...tags.codes], ids: [...tags.ids] }, epoch);
        }
      }
      return response;
    } finally {
      joined?.own.resolve(stored);
    }
  }
}

function withRepresentations(options: Options, representations: unknown[]): Options {
  return { ...options, request: { ...options.request, variables: { ...options.request.variables, representations } } } as Options;
}

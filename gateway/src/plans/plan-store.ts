import type { QueryPlan, QueryPlanCache } from '@apollo/query-planner';
import { planMetrics } from './plan-metrics.js';

/** The gateway's estimate of a plan's size (its own store measures them the same way). */
function approximateSize(plan: QueryPlan): number {
  return Buffer.byteLength(JSON.stringify(plan), 'utf8');
}

/**
 * The gateway's query-plan store (issue 20), handed to @apollo/gateway as `queryPlannerConfig.cache`
 * (apollo-gateway-contract.ts). Two parts:
 *
 * - **prepared**: the plans of the registered operations, written at start-up and after each new
 *   supergraph; never evicted (their number is the manifest's), so a flood of arbitrary documents cannot
 *   push the registered ones out.
 * - **built on request**: every other plan the gateway builds, least recently used first out past
 *   `maxBytes` (the gateway's own store did the same, estimated by JSON size).
 *
 * `clear()` (the gateway calls it with each new supergraph) empties both and starts a new *generation*:
 * a plan prepared for an older supergraph is refused (`prime` returns false), so a preparation that a
 * second reload overtook cannot leave stale plans behind.
 */
export class PlanStore implements QueryPlanCache {
  private readonly prepared = new Map<string, QueryPlan>();
  private readonly built = new Map<string, { plan: QueryPlan; bytes: number }>();
  private builtBytes = 0;
  private currentGeneration = 0;
  private readonly metrics = planMetrics();

  constructor(private readonly maxBytes: number) {}

  get generation(): number {
    return this.currentGeneration;
  }

  /** Prepared plans held now. */
  get preparedCount(): number {
    return this.prepared.size;
  }

  /** Plans the gateway built on request and that are held now. */
  get builtCount(): number {
    return this.built.size;
  }

  async get(key: string): Promise<QueryPlan | undefined> {
    const prepared = this.prepared.get(key);
    if (prepared) {
      this.metrics.lookups.inc({ result: 'prepared' });
      return prepared;
    }
    const entry = this.built.get(key);
    if (entry) {
      // Most recently used last: Map keeps insertion order.
      this.built.delete(key);
      this.built.set(key, entry);
      this.metrics.lookups.inc({ result: 'hit' });
      return entry.plan;
    }
    this.metrics.lookups.inc({ result: 'miss' });
    return undefined;
  }

  /** The gateway stores a plan it had to build (a miss before): counted as built on request. */
  async set(key: string, plan: QueryPlan): Promise<void> {
    this.metrics.built.inc();
    if (this.prepared.has(key)) return;
    const bytes = approximateSize(plan);
    if (bytes > this.maxBytes) return;
    const previous = this.built.get(key);
    if (previous) {
      this.built.delete(key);
      this.builtBytes -= previous.bytes;
    }
    this.built.set(key, { plan, bytes });
    this.builtBytes += bytes;
    for (const [oldest, entry] of this.built) {
      if (this.builtBytes <= this.maxBytes) break;
      this.built.delete(oldest);
      this.builtBytes -= entry.bytes;
      this.metrics.evictions.inc();
    }
  }

  async delete(key: string): Promise<boolean> {
    const entry = this.built.get(key);
    if (entry) {
      this.built.delete(key);
      this.builtBytes -= entry.bytes;
    }
    return this.prepared.delete(key) || entry !== undefined;
  }

  clear(): void {
    this.prepared.clear();
    this.built.clear();
    this.builtBytes = 0;
    this.currentGeneration += 1;
  }

  /** Stores a prepared plan under its keys, unless the supergraph changed since `generation`. */
  prime(keys: readonly string[], plan: QueryPlan, generation: number): boolean {
    if (generation !== this.currentGeneration) return false;
    for (const key of keys) {
      this.prepared.set(key, plan);
      const entry = this.built.get(key);
      if (entry) {
        this.built.delete(key);
        this.builtBytes -= entry.bytes;
      }
    }
    return true;
  }
}

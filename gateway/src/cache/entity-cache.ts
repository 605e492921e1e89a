/**
 * The gateway's entity cache store (issue 20), pure: no NATS, no GraphQL. Entries are JSON text (every hit
 * is parsed into fresh objects, so no request can change what another one reads), bounded by count and by
 * bytes (least recently used first out), never served older than `maxAgeMs`, and indexed by the area codes
 * and ids they mention so that an event drops exactly the entries it may have changed.
 */
export interface EntityCacheSettings {
  maxEntries: number;
  maxBytes: number;
  /** No entry is served older than this, even if its invalidating event was lost. */
  maxAgeMs: number;
}

export interface EntryTags {
  /** Area codes (province … micro-grid) the answer is about or mentions. */
  codes: readonly string[];
  /** Ids (UUIDs) the answer is about or mentions. */
  ids: readonly string[];
}

interface Entry extends EntryTags {
  key: string;
  subgraph: string;
  value: string;
  bytes: number;
  storedAt: number;
}

/** Lengths of area codes per level (libs/db AREA_CODE_LENGTHS: province 2 … micro-grid 18; a spec checks). */
export const AREA_LEVEL_LENGTHS = [2, 4, 6, 9, 12, 15, 18] as const;

/** Bytes an entry costs besides its text (key, indexes, bookkeeping): a rough, fixed estimate. */
const ENTRY_OVERHEAD = 200;

export type EvictionReason = 'lru' | 'expired';

export interface EntityCacheListener {
  evicted?(reason: EvictionReason, count: number): void;
  invalidated?(subgraph: string, count: number): void;
}

export interface Invalidation {
  subgraph: string;
  codes?: readonly string[];
  ids?: readonly string[];
  /** Drop every entry of the subgraph (an event that names nothing the cache can match). */
  all?: boolean;
}

export class EntityCache {
  /** Insertion order = recency order (a hit moves its entry to the end). */
  private readonly entries = new Map<string, Entry>();
  private readonly byExactCode = new Map<string, Set<Entry>>();
  /** Entries by every level prefix of the codes they mention (descendants of an area). */
  private readonly byCodePrefix = new Map<string, Set<Entry>>();
  private readonly byId = new Map<string, Set<Entry>>();
  private readonly epochs = new Map<string, number>();
  private globalEpoch = 0;
  private totalBytes = 0;

  constructor(
    readonly settings: EntityCacheSettings,
    private readonly now: () => number = Date.now,
    private readonly listener: EntityCacheListener = {},
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /**
   * A token to take before fetching what will be stored: `set` with it stores nothing if the subgraph's
   * entries were invalidated (or the cache cleared) meanwhile, so an answer read before an event never
   * outlives that event.
   */
  epoch(subgraph: string): string {
    return `${this.globalEpoch}:${this.epochs.get(subgraph) ?? 0}`;
  }

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.settings.maxAgeMs) {
      this.remove(entry);
      this.listener.evicted?.('expired', 1);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores unless the epoch moved since `epoch` was taken; false when not stored. */
  set(key: string, subgraph: string, value: string, tags: EntryTags, epoch: string): boolean {
    if (epoch !== this.epoch(subgraph)) return false;
    const bytes = value.length * 2 + key.length * 2 + ENTRY_OVERHEAD;
    if (bytes > this.settings.maxBytes) return false;
    const existing = this.entries.get(key);
    if (existing) this.remove(existing);
    const entry: Entry = { key, subgraph, value, bytes, storedAt: this.now(), codes: tags.codes, ids: tags.ids };
    this.entries.set(key, entry);
    this.totalBytes += bytes;
    for (const code of entry.codes) {
      add(this.byExactCode, code, entry);
      for (const length of AREA_LEVEL_LENGTHS) if (length <= code.length) add(this.byCodePrefix, code.slice(0, length), entry);
    }
    for (const id of entry.ids) add(this.byId, id, entry);
    let evicted = 0;
    while (this.entries.size > this.settings.maxEntries || this.totalBytes > this.settings.maxBytes) {
      const oldest = this.entries.values().next().value as Entry;
      this.remove(oldest);
      evicted += 1;
    }
    if (evicted > 0) this.listener.evicted?.('lru', evicted);
    return true;
  }

  /**
   * Drops the subgraph's entries an event may have changed: those that mention one of its codes, an area
   * above one (a township's rename changes its villages' `parent`) or below one (a grid's change, its
   * township's figures), or one of its ids. Always moves the subgraph's epoch.
   */
  invalidate(invalidation: Invalidation): number {
    const { subgraph } = invalidation;
    this.epochs.set(subgraph, (this.epochs.get(subgraph) ?? 0) + 1);
    const doomed = new Set<Entry>();
    if (invalidation.all) {
      for (const entry of this.entries.values()) if (entry.subgraph === subgraph) doomed.add(entry);
    } else {
      for (const code of invalidation.codes ?? []) {
        // The code itself and the areas above it.
        for (const length of AREA_LEVEL_LENGTHS) if (length <= code.length) collect(this.byExactCode.get(code.slice(0, length)), subgraph, doomed);
        collect(this.byExactCode.get(code), subgraph, doomed);
        // The areas below it (the longest level prefix of the code, then exactly under the code).
        const level = [...AREA_LEVEL_LENGTHS].reverse().find((length) => length <= code.length);
        const candidates = level === undefined ? this.entries.values() : (this.byCodePrefix.get(code.slice(0, level)) ?? []);
        for (const entry of candidates) {
          if (entry.subgraph === subgraph && entry.codes.some((mentioned) => mentioned.startsWith(code))) doomed.add(entry);
        }
      }
      for (const id of invalidation.ids ?? []) collect(this.byId.get(id), subgraph, doomed);
    }
    for (const entry of doomed) this.remove(entry);
    if (doomed.size > 0) this.listener.invalidated?.(subgraph, doomed.size);
    return doomed.size;
  }

  /** Drops everything and moves every epoch (the invalidation feed went away or came back). */
  clear(): void {
    this.globalEpoch += 1;
    this.entries.clear();
    this.byExactCode.clear();
    this.byCodePrefix.clear();
    this.byId.clear();
    this.totalBytes = 0;
  }

  /** Drops entries past their age (called now and then; `get` drops them on the way too). */
  sweep(): number {
    const oldest = this.now() - this.settings.maxAgeMs;
    let count = 0;
    for (const entry of [...this.entries.values()]) {
      if (entry.storedAt <= oldest) {
        this.remove(entry);
        count += 1;
      }
    }
    if (count > 0) this.listener.evicted?.('expired', count);
    return count;
  }

  private remove(entry: Entry): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    this.totalBytes -= entry.bytes;
    for (const code of entry.codes) {
      drop(this.byExactCode, code, entry);
      for (const length of AREA_LEVEL_LENGTHS) if (length <= code.length) drop(this.byCodePrefix, code.slice(0, length), entry);
    }
    for (const id of entry.ids) drop(this.byId, id, entry);
  }
}

function add(index: Map<string, Set<Entry>>, key: string, entry: Entry): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(entry);
}

function drop(index: Map<string, Set<Entry>>, key: string, entry: Entry): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(entry);
  if (set.size === 0) index.delete(key);
}

function collect(entries: Iterable<Entry> | undefined, subgraph: string, into: Set<Entry>): void {
  if (!entries) return;
  for (const entry of entries) if (entry.subgraph === subgraph) into.add(entry);
}

const AREA_CODE = /^\d{2,18}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The codes and ids a value mentions: strings under keys named `code`/`…Code` that are area codes, and UUID
 * strings under any key (personId, id, staffId …). Walks objects and arrays to `maxDepth`.
 */
export function tagsOf(value: unknown, into: { codes: Set<string>; ids: Set<string> } = { codes: new Set(), ids: new Set() }, maxDepth = 8): { codes: Set<string>; ids: Set<string> } {
  visit(value, undefined, into, maxDepth);
  return into;
}

function visit(value: unknown, key: string | undefined, into: { codes: Set<string>; ids: Set<string> }, depth: number): void {
  if (typeof value === 'string') {
    if (key !== undefined && (key === 'code' || key.endsWith('Code')) && AREA_CODE.test(value)) into.codes.add(value);
    else if (UUID.test(value)) into.ids.add(value.toLowerCase());
    return;
  }
  if (depth <= 0 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) visit(item, key, into, depth - 1);
    return;
  }
  for (const [name, item] of Object.entries(value)) visit(item, name, into, depth - 1);
}

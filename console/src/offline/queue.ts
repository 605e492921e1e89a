import { openDB, type IDBPDatabase } from 'idb';

/**
 * The field outbox: work recorded on the device (visits, patrols, hazards) waits here until it is sent.
 * Each item gets its idempotency key and the time it happened when it is recorded, never when it is sent,
 * so a send that is repeated (the answer was lost, the app was closed mid-send) is the same write.
 */
export type FieldWorkKind = 'visit' | 'patrol' | 'hazard';

export interface QueuedWork {
  /** Client-generated idempotency key (UUID), fixed at recording time. */
  key: string;
  kind: FieldWorkKind;
  /** The mutation input as recorded (without key and time; see toMutationInput). */
  input: Record<string, unknown>;
  /** When it happened on the device (ISO). */
  occurredAt: string;
  /** Insertion order. */
  seq: number;
  attempts: number;
  /** The last refusal from the server (kept visible; the item stays until the user discards it). */
  lastError?: string;
}

export interface QueueStore {
  all(): Promise<QueuedWork[]>;
  put(item: QueuedWork): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What a send answered: sent, refused by the server (keep, show), or no network (stop, retry later). */
export type SendOutcome = { ok: true } | { ok: false; retry: boolean; reason: string };
export type Sender = (item: QueuedWork) => Promise<SendOutcome>;

export function indexedDbStore(name = 'lianxin-field'): QueueStore {
  let db: Promise<IDBPDatabase> | undefined;
  const open = () =>
    (db ??= openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('outbox', { keyPath: 'key' });
      },
    }));
  return {
    all: async () => ((await (await open()).getAll('outbox')) as QueuedWork[]).sort((a, b) => a.seq - b.seq),
    put: async (item) => void (await (await open()).put('outbox', item)),
    delete: async (key) => (await open()).delete('outbox', key),
  };
}

export function memoryStore(): QueueStore {
  const items = new Map<string, QueuedWork>();
  return {
    all: async () => [...items.values()].map((item) => ({ ...item })).sort((a, b) => a.seq - b.seq),
    put: async (item) => void items.set(item.key, { ...item }),
    delete: async (key) => void items.delete(key),
  };
}

export class FieldQueue {
  private flushing: Promise<FlushResult> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: QueueStore,
    private readonly newKey: () => string = () => crypto.randomUUID(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  async add(kind: FieldWorkKind, input: Record<string, unknown>): Promise<QueuedWork> {
    const existing = await this.store.all();
    const item: QueuedWork = {
      key: this.newKey(),
      kind,
      input,
      occurredAt: this.now().toISOString(),
      seq: existing.reduce((max, entry) => Math.max(max, entry.seq), 0) + 1,
      attempts: 0,
    };
    await this.store.put(item);
    this.changed();
    return item;
  }

  items(): Promise<QueuedWork[]> {
    return this.store.all();
  }

  async discard(key: string): Promise<void> {
    await this.store.delete(key);
    this.changed();
  }

  /**
   * Sends what waits, oldest first. One flush at a time: a second call while one runs gets the same
   * result, so the 'online' event and a tap on "send now" never send an item twice at once.
   */
  flush(send: Sender): Promise<FlushResult> {
    this.flushing ??= this.run(send).finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async run(send: Sender): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, refused: 0, remaining: 0 };
    const items = await this.store.all();
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (item.lastError) {
        result.refused++;
        continue;
      }
      const outcome = await send(item).catch((error: unknown): SendOutcome => ({ ok: false, retry: true, reason: String(error) }));
      if (outcome.ok) {
        await this.store.delete(item.key);
        result.sent++;
      } else if (outcome.retry) {
        await this.store.put({ ...item, attempts: item.attempts + 1 });
        result.remaining = items.length - index - result.refused;
        this.changed();
        return result;
      } else {
        await this.store.put({ ...item, attempts: item.attempts + 1, lastError: outcome.reason });
        result.refused++;
      }
      this.changed();
    }
    return result;
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }
}

export interface FlushResult {
  sent: number;
  /** Items the server refused (kept with their reason). */
  refused: number;
  /** Items not tried because the network went away. */
  remaining: number;
}

/**
 * The mutation input for a queued item. With offline-safe creates (the API's idempotencyKey and
 * occurredAt, /work/notes/idempotency-api.md) a repeated send returns the first result and writes
 * nothing; against an older schema the recorded time goes where the input has a time of its own.
 */
export function toMutationInput(item: QueuedWork, offlineSafe: boolean): Record<string, unknown> {
  if (offlineSafe) return { ...item.input, idempotencyKey: item.key, occurredAt: item.occurredAt };
  switch (item.kind) {
    case 'visit':
      return { ...item.input, visitedAt: item.occurredAt };
    case 'patrol':
      return { ...item.input, patrolledAt: item.occurredAt };
    case 'hazard':
      return { ...item.input };
  }
}

import { openDB, type IDBPDatabase } from 'idb';

/**
 * The field outbox: work recorded on the device (visits, patrols, hazards) waits here until it is sent.
 * Each item gets its idempotency key and the time it happened when it is recorded, never when it is sent,
 * so a send that is repeated (the answer was lost, the app was closed mid-send) is the same write.
 */
export type FieldWorkKind = 'visit' | 'patrol' | 'hazard';

/** A photo recorded with the work; its bytes wait in IndexedDB with the item until they are uploaded. */
export interface QueuedPhoto {
  name: string;
  type: string;
  /** The bytes (dropped once the upload has finished: the server has them). */
  blob?: Blob;
  /** The tus URL once the server created the upload: a later try resumes it instead of uploading again. */
  uploadUrl?: string;
  /** The finished upload's id (what attachMedia takes). */
  uploadId?: string;
}

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
  /** Photos to upload (tus) and attach to what the write created. */
  photos?: QueuedPhoto[];
  /** The id the write answered (a replay of the key answers the same id); set once the write went through. */
  ownerId?: string;
}

export interface QueueStore {
  all(): Promise<QueuedWork[]>;
  put(item: QueuedWork): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What a send answered: sent, refused by the server (keep, show), or no network (stop, retry later). */
export type SendOutcome = { ok: true } | { ok: false; retry: boolean; reason: string };
/**
 * Sends one item. `save` records progress within the item (an upload's URL and id, the written owner's id)
 * in the store at once, so a send cut half-way resumes where it stopped instead of repeating a step.
 */
export type Sender = (item: QueuedWork, save: (patch: Partial<QueuedWork>) => Promise<void>) => Promise<SendOutcome>;

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

  async add(kind: FieldWorkKind, input: Record<string, unknown>, photos: ReadonlyArray<{ name: string; type: string; blob: Blob }> = []): Promise<QueuedWork> {
    const existing = await this.store.all();
    const item: QueuedWork = {
      key: this.newKey(),
      kind,
      input,
      occurredAt: this.now().toISOString(),
      seq: existing.reduce((max, entry) => Math.max(max, entry.seq), 0) + 1,
      attempts: 0,
      ...(photos.length > 0 ? { photos: photos.map(({ name, type, blob }) => ({ name, type, blob })) } : {}),
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
      let item = items[index];
      if (item.lastError) {
        result.refused++;
        continue;
      }
      const save = async (patch: Partial<QueuedWork>) => {
        item = { ...item, ...patch };
        await this.store.put(item);
      };
      const outcome = await send({ ...item }, save).catch((error: unknown): SendOutcome => ({ ok: false, retry: true, reason: String(error) }));
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

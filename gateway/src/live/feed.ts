import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { EventEnvelope } from '@lianxin/events';
import { followStream, readStreamRange, streamBounds, type NatsConnection, type StreamFollower, type StreamMessage } from '@lianxin/events/reader';
import { liveMetrics } from './live-metrics.js';

/** One domain event as the live feed hands it on: the stream sequence is its cursor. */
export interface LiveEvent {
  stream: string;
  seq: number;
  subject: string;
  envelope: EventEnvelope<Record<string, unknown>>;
  /** When JetStream stored it (epoch ms): fan-out lag is measured from here. */
  storedAt: number;
}

export type LiveListener = (event: LiveEvent) => void;

/**
 * What a subscription reads: the live events of one stream (one consumer per gateway process, fanned out
 * in memory) and the events it missed (`replay`), so that a subscriber resumes without gap or duplicate.
 */
export interface Feed {
  readonly stream: string;
  /** The sequence of the last event handed to the listeners (0: none yet). */
  readonly head: number;
  listen(listener: LiveListener): () => void;
  /** The events with after < seq ≤ until, in order (from memory when they are still there, else from the stream). */
  replay(after: number, until: number): AsyncIterable<LiveEvent>;
}

/**
 * The recent events of a stream, in sequence order, at most `capacity` of them (the oldest go first).
 * A resuming subscriber is served from here without touching NATS.
 */
export class EventRing {
  private readonly events: LiveEvent[] = [];
  private start = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.events.length - this.start;
  }

  /** Sequence of the oldest event held (undefined when empty). */
  get firstSeq(): number | undefined {
    return this.events[this.start]?.seq;
  }

  get lastSeq(): number | undefined {
    return this.size > 0 ? this.events[this.events.length - 1].seq : undefined;
  }

  push(event: LiveEvent): void {
    const last = this.lastSeq;
    if (last !== undefined && event.seq <= last) return; // a redelivery after a consumer reset
    this.events.push(event);
    if (this.size > this.capacity) {
      this.evictedUpTo = this.events[this.start].seq;
      this.start += 1;
    }
    // Compact now and then instead of shifting on every push.
    if (this.start > 1024 && this.start * 2 > this.events.length) {
      this.events.splice(0, this.start);
      this.start = 0;
    }
  }

  /** Sequence from which the ring is complete (the feed's start); events before it were never read. */
  coveredFrom = 1;
  private evictedUpTo = 0;

  /**
   * Every event after `after` is held when after ≥ boundary: nothing before coveredFrom is needed and
   * nothing after `after` was evicted. (Sequences are shared by all subjects of a stream, so they have gaps.)
   */
  get boundary(): number {
    return Math.max(this.coveredFrom - 1, this.evictedUpTo);
  }

  covers(after: number): boolean {
    return after >= this.boundary;
  }

  /** The held events with after < seq ≤ until (binary search; a copy). */
  between(after: number, until: number): LiveEvent[] {
    let low = this.start;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle].seq <= after) low = middle + 1;
      else high = middle;
    }
    const out: LiveEvent[] = [];
    for (let index = low; index < this.events.length && this.events[index].seq <= until; index += 1) out.push(this.events[index]);
    return out;
  }
}

export interface JetStreamFeedOptions {
  stream: string;
  filterSubject: string;
  /** Recent events kept in memory for resuming subscribers (LIVE_RING_EVENTS). */
  ringCapacity: number;
  logger: Logger;
  /** Replay batch size when reading missed events from the stream. */
  batch?: number;
}

function toLiveEvent(stream: string, message: StreamMessage): LiveEvent | null {
  // Not an envelope: nothing a subscriber could be told.
  return message.envelope ? { stream, seq: message.seq, subject: message.subject, envelope: message.envelope, storedAt: message.storedAt } : null;
}

/**
 * The one JetStream consumer of this gateway process for a stream: an ordered (ephemeral, unacknowledged)
 * consumer that starts `ringCapacity` events back (so that clients reconnecting after a restart of this
 * process are served from memory) and then follows the stream. The client library recreates it from the
 * last sequence seen when NATS restarts, so the feed has no gap.
 */
export class JetStreamFeed implements Feed {
  readonly stream: string;
  private readonly ring: EventRing;
  private readonly listeners = new Set<LiveListener>();
  private follower?: StreamFollower;
  private stopped = false;
  private lastSeq = 0;
  private serial = 0;
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  /** Caught up with the stream as it was at the start: from here on its delivery lag is measured. */
  private readyNow = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: JetStreamFeedOptions,
  ) {
    this.stream = options.stream;
    this.ring = new EventRing(options.ringCapacity);
    this.ready = new Promise((resolve) => {
      this.markReady = () => {
        this.readyNow = true;
        resolve();
      };
    });
  }

  get head(): number {
    return this.lastSeq;
  }

  /** Resolves once the feed has caught up with the stream as it was when it started. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    const { firstSeq, lastSeq: last } = await streamBounds(this.nc, this.stream);
    const start = Math.max(firstSeq, last - this.options.ringCapacity + 1, 1);
    // Everything before `start` is outside the ring; the ring is complete from `start` on.
    this.ring.coveredFrom = start;
    this.lastSeq = start - 1;
    const follower = await followStream(this.nc, { stream: this.stream, filterSubject: this.options.filterSubject, startSeq: start, namePrefix: this.namePrefix() });
    this.follower = follower;
    if (last < start) this.markReady();
    // No message of the filter between start and last: nothing to catch up with.
    setTimeout(() => this.markReady(), 3_000).unref();
    void (async () => {
      for await (const message of follower.messages) {
        // Handed on already (a redelivery after the consumer was recreated): listeners never get an event twice.
        if (message.seq <= this.lastSeq) continue;
        const event = toLiveEvent(this.stream, message);
        this.lastSeq = message.seq;
        if (event) this.handOn(event);
        if (message.seq >= last || message.pending === 0) this.markReady();
      }
    })().catch((error: unknown) => {
      if (!this.stopped) this.options.logger.error({ err: error, stream: this.stream }, 'live feed stopped');
    });
    this.options.logger.info({ stream: this.stream, filter: this.options.filterSubject, fromSeq: start, lastSeq: last }, 'live feed started');
  }

  private handOn(event: LiveEvent): void {
    this.ring.push(event);
    liveMetrics.eventsIn.inc({ stream: this.stream });
    if (this.readyNow) liveMetrics.feedLag.observe(Math.max(0, Date.now() - event.storedAt) / 1000);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error({ err: error }, 'live listener failed');
      }
    }
  }

  async *replay(after: number, until: number): AsyncIterable<LiveEvent> {
    let position = after;
    while (position < until) {
      const boundary = this.ring.boundary;
      if (position >= boundary) {
        // A copy: the ring may move on while the subscriber takes its time.
        yield* this.ring.between(position, until);
        return;
      }
      // Older than the ring: read that stretch from the stream with a short-lived ordered consumer.
      const upTo = Math.min(until, boundary);
      for await (const event of this.readStream(position, upTo)) yield event;
      position = upTo;
    }
  }

  /** Events with after < seq ≤ until straight from the stream. */
  private async *readStream(after: number, until: number): AsyncIterable<LiveEvent> {
    liveMetrics.streamReplays.inc({ stream: this.stream });
    const range = readStreamRange(this.nc, { stream: this.stream, filterSubject: this.options.filterSubject, after, until, namePrefix: this.namePrefix('r'), batch: this.options.batch });
    for await (const message of range) {
      const event = toLiveEvent(this.stream, message);
      if (event) yield event;
    }
  }

  private namePrefix(kind = 'f'): string {
    this.serial += 1;
    return `gw_${kind}_${hostname().replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}_${process.pid}_${this.serial}`;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listeners.clear();
    await this.follower?.close();
  }
}

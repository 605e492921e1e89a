import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { EventEnvelope, NatsCredentials } from '@lianxin/events';
import { followStream, NatsConnector, streamBounds, type NatsConnection, type StreamFollower } from '@lianxin/events/reader';

export interface FeedEvent {
  stream: string;
  subject: string;
  envelope: EventEnvelope<Record<string, unknown>>;
  storedAt: number;
}

export interface InvalidationFeedOptions {
  streams: Array<{ stream: string; filterSubject: string }>;
  natsUrl?: string;
  credentials?: NatsCredentials;
  logger: Logger;
  onEvent: (event: FeedEvent) => void;
  /** Called with false when the feed stops being complete (the cache must stop serving and forget), true when it is again. */
  onLive: (live: boolean) => void;
}

/**
 * The entity cache's view of the events (issue 20): one ordered consumer per stream per gateway process, with
 * the stream reader the live subscriptions use (@lianxin/events/reader: ephemeral, nothing acknowledged, never
 * disturbing the services' durable consumers), started at the stream's end — an empty cache needs no history.
 *
 * The feed is live only while every follower runs on a connected client. Any doubt — the connection drops or
 * goes stale, a follower ends — makes it not live (the cache forgets everything and the gateway calls the
 * subgraphs); then new followers are started from the streams' current ends and the feed is live again.
 * Followers are never resumed across a disconnect: what the cache held then is gone, so nothing missed can matter.
 */
export class InvalidationFeed {
  private readonly connector: NatsConnector;
  private live = false;
  private stopped = false;
  private serial = 0;
  private wake?: () => void;
  private wakeSleep?: () => void;
  private running?: Promise<void>;

  constructor(private readonly options: InvalidationFeedOptions) {
    this.connector = new NatsConnector({ url: options.natsUrl, name: `gateway-entity-cache-${process.pid}`, user: 'gateway', credentials: options.credentials, logger: options.logger, maxRetryDelayMs: 5_000 });
  }

  get isLive(): boolean {
    return this.live;
  }

  start(): void {
    this.running ??= this.run();
  }

  private setLive(live: boolean): void {
    if (this.live === live) return;
    this.live = live;
    this.options.onLive(live);
    this.options.logger.info({ live }, live ? 'entity cache: invalidation feed live, caching' : 'entity cache: invalidation feed not live, calls only');
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let nc: NatsConnection;
      try {
        nc = await this.connector.connection();
      } catch {
        return; // closed
      }
      const started = Date.now();
      try {
        await this.follow(nc);
      } catch (error) {
        if (!this.stopped) this.options.logger.warn({ err: error }, 'entity cache: invalidation feed interrupted');
      }
      this.setLive(false);
      if (this.stopped) return;
      failures = Date.now() - started > 30_000 ? 1 : failures + 1;
      await this.pause(Math.min(250 * 2 ** Math.min(failures, 5), 5_000));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      this.wakeSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Follows every stream until something goes wrong; resolves or throws then (never while all is well). */
  private async follow(nc: NatsConnection): Promise<void> {
    const followers: StreamFollower[] = [];
    let broken!: (reason: Error) => void;
    const brokenPromise = new Promise<never>((_, reject) => (broken = reject));
    brokenPromise.catch(() => undefined);
    this.wake = () => broken(new Error('stopped'));
    // Watch the connection first: a drop while the followers start must not be missed.
    const status = nc.status();
    void (async () => {
      for await (const event of status) {
        if (event.type === 'disconnect' || event.type === 'staleConnection' || event.type === 'reconnecting') broken(new Error(`NATS ${event.type}`));
      }
      broken(new Error('NATS connection closed'));
    })().catch((error: unknown) => broken(error as Error));
    try {
      if (nc.isClosed()) throw new Error('NATS connection closed');
      for (const { stream, filterSubject } of this.options.streams) {
        const { lastSeq } = await Promise.race([streamBounds(nc, stream), brokenPromise]);
        const follower = await Promise.race([followStream(nc, { stream, filterSubject, startSeq: lastSeq + 1, namePrefix: this.namePrefix() }), brokenPromise]);
        followers.push(follower);
      }
      if (this.stopped) return;
      this.setLive(true);
      await Promise.race([brokenPromise, ...followers.map((follower, index) => this.consume(this.options.streams[index].stream, follower))]);
    } finally {
      this.setLive(false);
      (status as unknown as { stop?: () => void }).stop?.();
      await Promise.all(followers.map((follower) => follower.close().catch(() => undefined)));
    }
  }

  private async consume(stream: string, follower: StreamFollower): Promise<never> {
    for await (const message of follower.messages) {
      if (!message.envelope) continue;
      try {
        this.options.onEvent({ stream, subject: message.subject, envelope: message.envelope, storedAt: message.storedAt });
      } catch (error) {
        this.options.logger.error({ err: error, stream, subject: message.subject }, 'entity cache: invalidation failed');
        throw error;
      }
    }
    throw new Error(`the follower of ${stream} ended`);
  }

  private namePrefix(): string {
    this.serial += 1;
    return `gw_c_${hostname().replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40)}_${process.pid}_${this.serial}`;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    this.wakeSleep?.();
    // Nothing to flush (the feed never publishes or acknowledges): no drain, which would wait for the stream
    // look-ups in flight (a CI run saw this stop take 4 s: drain 2 s, then close 2 s).
    await this.connector.close({ drain: false });
    await this.running?.catch(() => undefined);
  }
}

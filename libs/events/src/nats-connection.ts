import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { defaultEventsLogger, type Logger } from './logger.js';
import { natsInboxPrefix, type NatsCredentials } from './nats-access.js';
import { backoffDelay, fulfilledWithin, Sleeper } from './timing.js';

/** How long close() lets drain() flush before it closes the connection anyway. */
const DRAIN_TIMEOUT_MS = 2_000;

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:54222';

/**
 * Who this process is on NATS (issue 14): NATS_USER / NATS_PASSWORD (a Secret per service in deploy/), else
 * `<NATS_CREDENTIALS_DIR>/<user>.password` for the default user (the service's domain) or SERVICE_NAME:
 * the development and test stacks generate one password per user there. Undefined: anonymous.
 */
export function natsCredentials(env: NodeJS.ProcessEnv = process.env, defaultUser?: string): NatsCredentials | undefined {
  const user = env.NATS_USER ?? defaultUser ?? env.SERVICE_NAME;
  if (!user) return undefined;
  if (env.NATS_PASSWORD) return { user, pass: env.NATS_PASSWORD };
  if (!env.NATS_CREDENTIALS_DIR) return undefined;
  const file = join(env.NATS_CREDENTIALS_DIR, `${user}.password`);
  return existsSync(file) ? { user, pass: readFileSync(file, 'utf8').trim() } : undefined;
}

/** Connection options for the credentials: user, password and the user's own inbox prefix. */
export function natsAuthOptions(credentials: NatsCredentials | undefined): { user?: string; pass?: string; inboxPrefix?: string } {
  return credentials ? { user: credentials.user, pass: credentials.pass, inboxPrefix: natsInboxPrefix(credentials.user) } : {};
}

/** A connection, or something that yields one once it is established. */
export type NatsSource = NatsConnection | (() => Promise<NatsConnection>);

export interface NatsConnectorOptions {
  /** Defaults to NATS_URL, then nats://127.0.0.1:54222. */
  url?: string;
  /** Client name shown in the server's monitoring. */
  name?: string;
  logger?: Logger;
  /** Upper bound of the delay between first-connection attempts. */
  maxRetryDelayMs?: number;
  /** The NATS user when NATS_USER is not set (EventsService: its domain); see natsCredentials(). */
  user?: string;
  /** Explicit credentials (tests); otherwise natsCredentials(process.env, user). */
  credentials?: NatsCredentials;
}

/**
 * The service's shared NATS connection. The first connection is retried in the background
 * (the app starts even when NATS is down); after that the client reconnects forever.
 */
export class NatsConnector {
  private nc?: NatsConnection;
  private up = false;
  private closing = false;
  private started = false;
  private readonly sleeper = new Sleeper();
  private readonly waiters: Array<{ resolve: (nc: NatsConnection) => void; reject: (error: Error) => void }> = [];
  private readonly logger: Logger;
  readonly url: string;

  constructor(private readonly options: NatsConnectorOptions = {}) {
    this.url = options.url ?? process.env.NATS_URL ?? DEFAULT_NATS_URL;
    this.logger = (options.logger ?? defaultEventsLogger()).child({ component: 'nats', url: this.url });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connectLoop();
  }

  /** Resolves once connected; rejects if the connector is closed first. */
  connection(): Promise<NatsConnection> {
    if (this.nc) return Promise.resolve(this.nc);
    if (this.closing) return Promise.reject(new Error('NATS connector is closed'));
    this.start();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  get current(): NatsConnection | undefined {
    return this.nc;
  }

  /** True while the client holds a live connection to a server. */
  isConnected(): boolean {
    return this.up && !!this.nc && !this.nc.isClosed();
  }

  /**
   * Closes the connection. `drain: false` is for readers with nothing to flush (no publishes, no acks: the
   * gateway's entity-cache feed): a drain would only wait for their JetStream API requests in flight.
   */
  async close(options: { drain?: boolean } = {}): Promise<void> {
    this.closing = true;
    this.sleeper.wake();
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('NATS connector is closed'));
    const nc = this.nc;
    if (nc && !nc.isClosed()) {
      // drain() flushes pending acks and publishes; it needs a live connection. NATS may have gone an instant
      // ago without this process knowing yet: then drain() waits for a server that is not there, and a stop
      // (SIGTERM, a test's afterAll) would hang. So drain gets 2 s, then the connection is closed anyway —
      // and close() is bounded too: a stop that waits on it has no way out if it does not end.
      const drained = options.drain !== false && this.up && (await fulfilledWithin(nc.drain(), DRAIN_TIMEOUT_MS));
      if (!drained && !nc.isClosed()) await fulfilledWithin(nc.close(), DRAIN_TIMEOUT_MS);
    }
    this.up = false;
  }

  private async connectLoop(): Promise<void> {
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        const nc = await connect({
          servers: this.url,
          name: this.options.name,
          ...natsAuthOptions(this.options.credentials ?? natsCredentials(process.env, this.options.user)),
          maxReconnectAttempts: -1,
          reconnectTimeWait: 1_000,
        });
        if (this.closing) {
          await nc.close();
          return;
        }
        this.nc = nc;
        this.up = true;
        this.logger.info({ server: nc.getServer() }, 'connected to NATS');
        void this.watch(nc);
        for (const waiter of this.waiters.splice(0)) waiter.resolve(nc);
        return;
      } catch (error) {
        const delay = backoffDelay(attempt, 250, this.options.maxRetryDelayMs ?? 5_000);
        this.logger.warn({ err: error, attempt, retryInMs: delay }, 'cannot connect to NATS; retrying');
        await this.sleeper.sleep(delay);
      }
    }
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      switch (status.type) {
        case 'disconnect':
          this.up = false;
          this.logger.warn({ server: status.server }, 'disconnected from NATS');
          break;
        case 'reconnect':
          this.up = true;
          this.logger.info({ server: status.server }, 'reconnected to NATS');
          break;
        case 'error':
          this.logger.error({ err: status.error }, 'NATS connection error');
          break;
        default:
          break;
      }
    }
    this.up = false;
  }
}

/** One connection for a command (setup, tools), with the user's credentials (natsCredentials). */
export function connectNats(options: { url?: string; user?: string; name?: string; credentials?: NatsCredentials } = {}): Promise<NatsConnection> {
  return connect({
    servers: options.url ?? process.env.NATS_URL ?? DEFAULT_NATS_URL,
    name: options.name,
    ...natsAuthOptions(options.credentials ?? natsCredentials(process.env, options.user)),
    // Once connected, never give up: nats.js's default (10 attempts, 2 s apart) closes the connection for good
    // after a NATS outage of ~20 s, and a long-lived holder (the gateway's live feeds and subscription cap)
    // then stays dead until it restarts. Like NatsConnector above.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
  });
}

export function resolveNats(source: NatsSource): Promise<NatsConnection> {
  return typeof source === 'function' ? source() : Promise.resolve(source);
}

/** Readiness: the connection is up and the server answers a PING within the timeout. */
export async function isNatsReady(source: NatsConnector | NatsConnection | undefined, timeoutMs = 1_000): Promise<boolean> {
  const nc = source instanceof NatsConnector ? (source.isConnected() ? source.current : undefined) : source;
  if (!nc || nc.isClosed()) return false;
  return fulfilledWithin(nc.flush(), timeoutMs);
}

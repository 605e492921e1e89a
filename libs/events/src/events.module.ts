import { MikroORM } from '@mikro-orm/core';
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Registry } from 'prom-client';
import { type ConsumerDefinition, EventConsumer, type EventConsumerOptions } from './consumer.js';
import { streamNameFor } from './envelope.js';
import { defaultEventsLogger, type Logger } from './logger.js';
import { type EventMetrics, registerEventMetrics } from './metrics.js';
import { isNatsReady, NatsConnector } from './nats-connection.js';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
import { OutboxWakeSubscriber } from './outbox-wake.js';

export const EVENTS_MODULE_OPTIONS = Symbol('EVENTS_MODULE_OPTIONS');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyConsumer = ConsumerDefinition<any>;

export interface EventsModuleOptions {
  /** The service's domain: its events go to `<domain>.<entity>.<event>` in stream `<DOMAIN>`. */
  domain: string;
  /** Consumer objects, or provider classes (e.g. extending IdempotentConsumer) registered elsewhere in the app. */
  consumers?: Array<AnyConsumer | Type<AnyConsumer>>;
  /** Defaults to NATS_URL, then nats://127.0.0.1:54222. */
  natsUrl?: string;
  relay?: Omit<OutboxRelayOptions, 'em' | 'nats' | 'logger' | 'domains'>;
  consumer?: Omit<EventConsumerOptions, 'em' | 'nats' | 'logger'>;
  /** Where the outbox backlog and consumer lag gauges are registered; prom-client's default registry if omitted. */
  registry?: Registry;
  logger?: Logger;
}

/**
 * The service's event plumbing: one NATS connection, the outbox relay and the consumers.
 * NATS work runs outside any request, on EntityManagers forked from the root one.
 */
@Injectable()
export class EventsService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  readonly nats: NatsConnector;
  readonly relay: OutboxRelay;
  private readonly consumers: EventConsumer[] = [];
  /** One-off commands (seeding, imports) publish but must not consume: EVENTS_CONSUMERS=off. */
  private readonly consumersEnabled = process.env.EVENTS_CONSUMERS !== 'off';
  private readonly logger: Logger;
  private metrics?: EventMetrics;
  private started = false;

  constructor(
    @Inject(EVENTS_MODULE_OPTIONS) private readonly options: EventsModuleOptions,
    @Inject(MikroORM) private readonly orm: MikroORM,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {
    this.logger = (options.logger ?? defaultEventsLogger()).child({ domain: options.domain });
    streamNameFor(options.domain);
    this.nats = new NatsConnector({ url: options.natsUrl, name: `lianxin-${options.domain}`, user: options.domain, logger: this.logger });
    this.relay = new OutboxRelay({
      ...options.relay,
      em: orm.em,
      nats: () => this.nats.connection(),
      domains: [options.domain],
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    this.orm.em.getEventManager().registerSubscriber(new OutboxWakeSubscriber(() => this.relay.wake()));
    this.nats.start();
    this.relay.start();
    this.started = true;
    if (!this.consumersEnabled) this.logger.info('consumers off for this process');
    for (const consumer of this.consumers) if (this.consumersEnabled) consumer.start();
    for (const consumer of this.options.consumers ?? []) {
      this.addConsumer(typeof consumer === 'function' ? this.moduleRef.get(consumer, { strict: false }) : consumer);
    }
    this.metrics = registerEventMetrics({
      registry: this.options.registry,
      relay: this.relay,
      consumers: () => this.consumers,
      logger: this.logger,
    });
  }

  /** Adds a consumer; it starts now if the application is already running, else at bootstrap. */
  addConsumer<T>(definition: ConsumerDefinition<T>): EventConsumer<T> {
    const consumer = new EventConsumer(definition, {
      ...this.options.consumer,
      em: this.orm.em,
      nats: () => this.nats.connection(),
      logger: this.logger,
      onApplied: (name, _envelope, lagMs) => this.metrics?.observeDelivery(name, lagMs),
      onDeadLettered: (name, reason) => this.metrics?.deadLettered(name, reason),
    });
    this.consumers.push(consumer as EventConsumer);
    if (this.started && this.consumersEnabled) consumer.start();
    return consumer;
  }

  /** Publish promptly; commits that record events already do this through a MikroORM subscriber. */
  wake(): void {
    this.relay.wake();
  }

  /** Readiness: NATS is connected and answers. */
  isReady(timeoutMs?: number): Promise<boolean> {
    return isNatsReady(this.nats, timeoutMs);
  }

  /** Runs before MikroORM closes its pool in onApplicationShutdown. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    await Promise.all([this.relay.stop(), ...this.consumers.map((consumer) => consumer.stop())]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.metrics?.unregister();
    await this.relay.stop();
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.nats.close();
    this.logger.info('events stopped');
  }
}

@Module({})
export class EventsModule {
  static forService(options: EventsModuleOptions): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      providers: [{ provide: EVENTS_MODULE_OPTIONS, useValue: options }, EventsService],
      exports: [EventsService],
    };
  }
}

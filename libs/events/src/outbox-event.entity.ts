import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { EventEnvelope } from './envelope.js';

/** An event written in the same transaction as the state change; the relay publishes it to JetStream. */
@Entity({ tableName: 'outbox_event' })
@Index({ name: 'outbox_event_unpublished_idx', properties: ['seq'], where: { publishedAt: null } })
export class OutboxEvent {
  [OptionalProps]?: 'seq' | 'publishedAt' | 'attempts' | 'lastError';

  /** The envelope id, also the JetStream Nats-Msg-Id. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Insertion order, so events recorded within the same millisecond keep their order. */
  @Property({ type: 'bigint', autoincrement: true })
  seq?: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'jsonb' })
  envelope!: EventEnvelope;

  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt?: Date | null = null;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null = null;
}

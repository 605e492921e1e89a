import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Marks an event as applied by a consumer; written in the same transaction as the consumer's effect. */
@Entity({ tableName: 'processed_event' })
export class ProcessedEvent {
  /** The durable consumer's name. */
  @PrimaryKey({ type: 'text' })
  consumer!: string;

  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'timestamptz' })
  processedAt: Date = new Date();
}

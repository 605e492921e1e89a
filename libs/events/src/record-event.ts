import type { EntityManager } from '@mikro-orm/core';
import { createEnvelope, type EventEnvelope, type NewEvent } from './envelope.js';
import { OutboxEvent } from './outbox-event.entity.js';

/**
 * Adds the event to the caller's unit of work. It does not flush: the caller's flush or
 * transaction commits the state change and the event together, or neither.
 */
export function recordEvent<T>(em: EntityManager, event: NewEvent<T>): EventEnvelope<T> {
  const envelope = createEnvelope(event);
  const row = em.create(OutboxEvent, {
    id: envelope.id,
    subject: envelope.type,
    envelope: envelope as EventEnvelope,
    occurredAt: new Date(envelope.occurredAt),
  });
  em.persist(row);
  return envelope;
}

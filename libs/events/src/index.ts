export * from './consumer.js';
export * from './county-settings.js';
export * from './dead-letter.js';
export * from './envelope.js';
export * from './event-schema.js';
export * from './events.module.js';
export * from './metrics.js';
export * from './nats-access.js';
export * from './nats-connection.js';
export * from './outbox-event.entity.js';
export * from './outbox-relay.js';
export * from './outbox-wake.js';
export * from './person-directory.js';
export * from './processed-event.entity.js';
export * from './record-event.js';
export * from './setup-streams.js';
export * from './streams.js';
export { defaultEventsLogger } from './logger.js';
export { backoffDelay } from './timing.js';

import { OutboxEvent } from './outbox-event.entity.js';
import { ProcessedEvent } from './processed-event.entity.js';

/** Add to the service's MikroORM entities (serviceOrmConfig) so its migrations create both tables. */
export const eventEntities = [OutboxEvent, ProcessedEvent];

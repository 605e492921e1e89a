import { randomUUID } from 'node:crypto';

/** What travels on NATS and sits in the outbox (ARCHITECTURE.md, Events). */
export interface EventEnvelope<T = unknown> {
  id: string;
  /** The subject: `<domain>.<entity>.<event>`, e.g. `organizations.area.created`. */
  type: string;
  /** ISO 8601 timestamp. */
  occurredAt: string;
  areaCode: string;
  /** Keycloak subject of the user who caused it, or 'system'. */
  actor: string;
  data: T;
  schemaVersion: number;
}

export interface NewEvent<T = unknown> {
  type: string;
  areaCode: string;
  actor: string;
  data: T;
  schemaVersion?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[a-z][a-z0-9_-]*\.[a-zA-Z][a-zA-Z0-9_-]*\.[a-zA-Z][a-zA-Z0-9_-]*$/;

export function assertEventType(type: string): void {
  if (!EVENT_TYPE.test(type)) throw new Error(`event type must be <domain>.<entity>.<event>: ${type}`);
}

export function createEnvelope<T>(event: NewEvent<T>, now: Date = new Date()): EventEnvelope<T> {
  assertEventType(event.type);
  return {
    id: randomUUID(),
    type: event.type,
    occurredAt: now.toISOString(),
    areaCode: event.areaCode,
    actor: event.actor,
    data: event.data,
    schemaVersion: event.schemaVersion ?? 1,
  };
}

/** Parses and checks a message body; throws on anything that is not an envelope. */
export function parseEnvelope<T = unknown>(body: string | Uint8Array): EventEnvelope<T> {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  const value = JSON.parse(text) as Partial<EventEnvelope<T>>;
  const valid =
    typeof value === 'object' &&
    value !== null &&
    typeof value.id === 'string' &&
    UUID.test(value.id) &&
    typeof value.type === 'string' &&
    typeof value.occurredAt === 'string' &&
    typeof value.areaCode === 'string' &&
    typeof value.actor === 'string' &&
    typeof value.schemaVersion === 'number' &&
    'data' in value;
  if (!valid) throw new Error('message is not an event envelope');
  return value as EventEnvelope<T>;
}

/** `organizations.area.created` → `organizations` */
export function domainOf(subject: string): string {
  const domain = subject.split('.')[0];
  if (!domain || domain === '*' || domain === '>') throw new Error(`subject has no domain: ${subject}`);
  return domain;
}

/** One stream per domain: `organizations` → `ORGANIZATIONS` (stream names cannot contain '.', '*', '>' or spaces). */
export function streamNameFor(domain: string): string {
  if (!/^[a-z][a-z0-9_-]*$/.test(domain)) throw new Error(`invalid domain: ${domain}`);
  return domain.toUpperCase().replace(/-/g, '_');
}

export interface DomainStream {
  name: string;
  subjects: string[];
}

export function streamForDomain(domain: string): DomainStream {
  return { name: streamNameFor(domain), subjects: [`${domain}.>`] };
}

/** The stream that captures a subject or filter such as `organizations.area.*`. */
export function streamForSubject(subject: string): DomainStream {
  return streamForDomain(domainOf(subject));
}

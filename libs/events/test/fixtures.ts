import { randomUUID } from 'node:crypto';
import { defineConfig, type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Entity, PrimaryKey, Property, ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { pino } from 'pino';
import type { TestDatabase } from '@lianxin/testing';
import { OutboxEvent } from '../src/outbox-event.entity.js';
import { ProcessedEvent } from '../src/processed-event.entity.js';
import { recordEvent } from '../src/record-event.js';
import type { EventEnvelope } from '../src/envelope.js';

/** The state change. */
@Entity({ tableName: 'note' })
export class Note {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  text!: string;
}

/** The consumer's effect. No unique constraint on event_id on purpose: a double application would show as two rows. */
@Entity({ tableName: 'note_effect' })
export class NoteEffect {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'uuid' })
  noteId!: string;
}

export interface NoteCreated {
  noteId: string;
}

export const testEntities = [Note, NoteEffect, OutboxEvent, ProcessedEvent];

export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export function ormConfig(db: TestDatabase) {
  return defineConfig({
    dbName: db.name,
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    entities: testEntities,
    metadataProvider: ReflectMetadataProvider,
    forceUtcTimezone: true,
    pool: { min: 0, max: 10 },
  });
}

export async function createSchema(db: TestDatabase): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(db));
  await orm.schema.create();
  return orm;
}

/** A note and its event, in one transaction. */
export async function createNote(orm: MikroORM, text: string): Promise<EventEnvelope<NoteCreated>> {
  return orm.em.fork().transactional(async (em) => {
    const note = em.create(Note, { text });
    em.persist(note);
    return recordEvent<NoteCreated>(em, { type: 'notes.note.created', areaCode: '330402', actor: 'system', data: { noteId: note.id } });
  });
}

export async function applyNoteCreated(envelope: EventEnvelope<NoteCreated>, em: EntityManager): Promise<void> {
  em.persist(em.create(NoteEffect, { eventId: envelope.id, noteId: envelope.data.noteId }));
}

/** How many times each event id was applied. */
export async function effectCounts(orm: MikroORM): Promise<Map<string, number>> {
  const rows = await orm.em.fork().execute<Array<{ event_id: string; n: string }>>('select event_id, count(*) as n from note_effect group by event_id');
  return new Map(rows.map((row) => [row.event_id, Number(row.n)]));
}

/** Polls until the check returns true; fails with the last observed value after the deadline. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value, replacer)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

function replacer(_key: string, value: unknown) {
  return value instanceof Map ? Object.fromEntries(value) : value;
}

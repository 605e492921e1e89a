import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { type INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Registry } from 'prom-client';
import { createTestDatabase, startNatsServer, type TestDatabase, type TestNatsServer } from '@lianxin/testing';
import { IdempotentConsumer } from '../src/consumer.js';
import type { EventEnvelope } from '../src/envelope.js';
import { EventsModule, EventsService } from '../src/events.module.js';
import { OUTBOX_BACKLOG_METRIC } from '../src/metrics.js';
import { applyNoteCreated, createNote, createSchema, effectCounts, type NoteCreated, ormConfig, testLogger, waitFor } from './fixtures.js';

const TEST_TIMEOUT_MS = 30_000;

@Injectable()
class NoteEffectsConsumer extends IdempotentConsumer<NoteCreated> {
  readonly name = 'module-note-effects';
  readonly filterSubject = 'notes.note.created';

  async handle(envelope: EventEnvelope<NoteCreated>, em: EntityManager): Promise<void> {
    await applyNoteCreated(envelope, em);
  }
}

describe('EventsModule', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplicationContext;
  const registry = new Registry();

  beforeAll(async () => {
    [db, nats] = await Promise.all([createTestDatabase('events_module'), startNatsServer()]);
    await (await createSchema(db)).close(true);

    @Module({
      imports: [
        MikroOrmModule.forRoot(ormConfig(db)),
        EventsModule.forService({
          domain: 'notes',
          natsUrl: nats.url,
          consumers: [NoteEffectsConsumer],
          // A poll this slow means a prompt publish can only come from the commit waking the relay.
          relay: { pollIntervalMs: 60_000 },
          consumer: { expiresMs: 2_000 },
          registry,
          logger: testLogger,
        }),
      ],
      providers: [NoteEffectsConsumer],
    })
    class AppModule {}

    // The application must start while NATS is down.
    await nats.stop();
    app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
    await db?.drop();
  }, TEST_TIMEOUT_MS);

  it('starts without NATS and relays what was committed meanwhile once NATS is up', async () => {
    const orm = app.get<MikroORM>(MikroORM);
    const events = app.get(EventsService);
    expect(await events.isReady()).toBe(false);
    const event = await createNote(orm, 'before NATS');
    expect(await events.relay.backlog()).toBe(1);

    await nats.start();
    await waitFor(() => events.isReady(), (ready) => ready);
    const counts = await waitFor(() => effectCounts(orm), (counts) => counts.has(event.id));
    expect(counts.get(event.id)).toBe(1);
  }, TEST_TIMEOUT_MS);

  it('relays committed events to the registered consumers and reports readiness and backlog', async () => {
    const orm = app.get<MikroORM>(MikroORM);
    const events = app.get(EventsService);
    await waitFor(() => events.isReady(), (ready) => ready);

    const before = await effectCounts(orm);
    const created = [await createNote(orm, 'one'), await createNote(orm, 'two')];
    const counts = await waitFor(() => effectCounts(orm), (counts) => counts.size === before.size + created.length, 10_000);
    expect(created.map((event) => counts.get(event.id))).toEqual([1, 1]);

    await waitFor(() => events.relay.backlog(), (backlog) => backlog === 0);
    expect(await registry.metrics()).toContain(`${OUTBOX_BACKLOG_METRIC} 0`);
  }, TEST_TIMEOUT_MS);

  it('stops the relay, consumers and NATS connection on shutdown', async () => {
    const events = app.get(EventsService);
    const nc = events.nats.current!;
    await app.close();
    expect(nc.isClosed()).toBe(true);
    expect(await events.isReady()).toBe(false);
    expect(await registry.metrics()).not.toContain(OUTBOX_BACKLOG_METRIC);
  }, TEST_TIMEOUT_MS);
});

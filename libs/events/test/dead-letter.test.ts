import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { type JetStreamClient, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { createTestDatabase, startNatsServer, type TestDatabase, type TestNatsServer } from '@lianxin/testing';
import { EventConsumer } from '../src/consumer.js';
import { DEAD_LETTER_HEADERS, DEAD_LETTER_STREAM } from '../src/dead-letter.js';
import type { EventEnvelope } from '../src/envelope.js';
import { DEAD_LETTERED_METRIC, registerEventMetrics } from '../src/metrics.js';
import { NatsConnector } from '../src/nats-connection.js';
import { applyNoteCreated, createSchema, effectCounts, type NoteCreated, testLogger, waitFor } from './fixtures.js';

const CONSUMER = 'note-effects-dlq';
const MAX_DELIVER = 3;
const TEST_TIMEOUT_MS = 30_000;

/** Issue 14: declared event shapes, bounded redelivery and the dead-letter stream. */
describe('consumer: event validation, bounded redelivery, dead letters', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let orm: MikroORM;
  let connector: NatsConnector;
  let js: JetStreamClient;
  let consumer: EventConsumer<NoteCreated>;
  const registry = new Registry();
  const metrics = registerEventMetrics({ registry });
  /** Note ids whose handler always throws, and how often each was handed to the handler. */
  const poison = new Set<string>();
  /** Note ids whose handler throws on the first call only. */
  const flaky = new Set<string>();
  const handled = new Map<string, number>();

  const envelope = (data: unknown, overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
    id: randomUUID(),
    type: 'notes.note.created',
    occurredAt: new Date().toISOString(),
    areaCode: '330402',
    actor: 'system',
    data,
    schemaVersion: 1,
    ...overrides,
  });
  const publish = async (body: EventEnvelope | string, subject = 'notes.note.created') => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    await js.publish(subject, text, { msgID: typeof body === 'string' ? randomUUID() : body.id });
  };
  const applied = async (eventId: string) => (await effectCounts(orm)).get(eventId) ?? 0;
  const deadLetters = async () => {
    const jsm = await jetstreamManager(await connector.connection());
    const info = await jsm.streams.info(DEAD_LETTER_STREAM);
    const letters = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(DEAD_LETTER_STREAM, { seq });
      if (message) letters.push({ subject: message.subject, headers: message.header, body: message.string() });
    }
    return letters;
  };
  const counterValue = async (reason: string) => {
    const metric = await registry.getSingleMetric(DEAD_LETTERED_METRIC)?.get();
    return metric?.values.find((value) => value.labels.consumer === CONSUMER && value.labels.reason === reason)?.value ?? 0;
  };

  beforeAll(async () => {
    [db, nats] = await Promise.all([createTestDatabase('events_dlq'), startNatsServer()]);
    orm = await createSchema(db);
    connector = new NatsConnector({ url: nats.url, logger: testLogger });
    connector.start();
    js = jetstream(await connector.connection());
    consumer = new EventConsumer<NoteCreated>(
      {
        name: CONSUMER,
        filterSubject: 'notes.note.*',
        schemas: { 'notes.note.created': { versions: [1], data: z.object({ noteId: z.uuid() }) } },
        handle: async (event, em) => {
          const { noteId } = event.data;
          handled.set(noteId, (handled.get(noteId) ?? 0) + 1);
          if (poison.has(noteId)) throw new Error(`note ${noteId} cannot be applied`);
          if (flaky.delete(noteId)) throw new Error(`note ${noteId} fails once`);
          await applyNoteCreated(event, em);
        },
      },
      {
        em: orm.em,
        nats: () => connector.connection(),
        logger: testLogger,
        expiresMs: 1_000,
        retryBaseMs: 100,
        retryMaxMs: 300,
        maxDeliver: MAX_DELIVER,
        onDeadLettered: (name, reason) => metrics.deadLettered(name, reason),
      },
    );
    consumer.start();
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await consumer?.stop();
    await connector?.close();
    await orm?.close(true);
    await nats?.dispose();
    await db?.drop();
  }, TEST_TIMEOUT_MS);

  it('declares max_deliver on the durable consumer (bounded redelivery)', async () => {
    await waitFor(() => consumer.lag().catch(() => null), (lag) => lag !== null);
    const jsm = await jetstreamManager(await connector.connection());
    expect((await jsm.consumers.info('NOTES', CONSUMER)).config.max_deliver).toBe(MAX_DELIVER);
  });

  it('a poison message is retried max_deliver times, then dead-lettered with a metric, and the next good message is applied', async () => {
    const poisonNote = randomUUID();
    poison.add(poisonNote);
    const bad = envelope({ noteId: poisonNote });
    const good = envelope({ noteId: randomUUID() });
    await publish(bad);
    await publish(good);

    // The good one behind it does not wait for the poison message's retries.
    await waitFor(() => applied(good.id), (n) => n === 1, 5_000);
    const letters = await waitFor(deadLetters, (all) => all.some((letter) => letter.headers?.get(DEAD_LETTER_HEADERS.subject) === 'notes.note.created' && letter.body.includes(bad.id)));
    const letter = letters.find((candidate) => candidate.body.includes(bad.id))!;
    expect(letter.subject).toBe(`dlq.${CONSUMER}.notes.note.created`);
    expect(letter.headers?.get(DEAD_LETTER_HEADERS.reason)).toBe('handler-failed');
    expect(letter.headers?.get(DEAD_LETTER_HEADERS.deliveries)).toBe(String(MAX_DELIVER));
    expect(letter.headers?.get(DEAD_LETTER_HEADERS.detail)).toContain('cannot be applied');
    expect(JSON.parse(letter.body)).toEqual(bad);
    expect(handled.get(poisonNote)).toBe(MAX_DELIVER);
    expect(await applied(bad.id)).toBe(0);
    expect(await counterValue('handler-failed')).toBe(1);

    // Nothing is left pending: the consumer is not blocked, and the poison message is not delivered again.
    await waitFor(() => consumer.lag(), (lag) => lag.pending === 0 && lag.ackPending === 0);
    const after = envelope({ noteId: randomUUID() });
    await publish(after);
    await waitFor(() => applied(after.id), (n) => n === 1, 5_000);
    expect(handled.get(poisonNote)).toBe(MAX_DELIVER);
  });

  it('a malformed envelope is dead-lettered at once, without retries', async () => {
    const good = envelope({ noteId: randomUUID() });
    await publish('{"this is": "not an envelope"');
    await publish(good);
    await waitFor(() => applied(good.id), (n) => n === 1, 5_000);
    const letters = await waitFor(deadLetters, (all) => all.some((letter) => letter.headers?.get(DEAD_LETTER_HEADERS.reason) === 'malformed-envelope'));
    const letter = letters.find((candidate) => candidate.headers?.get(DEAD_LETTER_HEADERS.reason) === 'malformed-envelope')!;
    expect(letter.body).toBe('{"this is": "not an envelope"');
    expect(letter.headers?.get(DEAD_LETTER_HEADERS.deliveries)).toBe('1');
    expect(await counterValue('malformed-envelope')).toBe(1);
  });

  it('an event that does not match its declared shape or version is dead-lettered at once and never reaches the handler', async () => {
    const wrongShape = envelope({ noteId: 'not-a-uuid' });
    const wrongVersion = envelope({ noteId: randomUUID() }, { schemaVersion: 2 });
    const undeclared = envelope({ noteId: randomUUID() }, { type: 'notes.note.archived' });
    for (const event of [wrongShape, wrongVersion]) await publish(event);
    await publish(undeclared, 'notes.note.archived');
    const letters = await waitFor(deadLetters, (all) => [wrongShape, wrongVersion, undeclared].every((event) => all.some((letter) => letter.body.includes(event.id))));
    const reasonOf = (event: EventEnvelope) => letters.find((letter) => letter.body.includes(event.id))!.headers;
    expect(reasonOf(wrongShape)?.get(DEAD_LETTER_HEADERS.reason)).toBe('invalid-event');
    expect(reasonOf(wrongShape)?.get(DEAD_LETTER_HEADERS.detail)).toMatch(/^data\.noteId: /);
    expect(reasonOf(wrongVersion)?.get(DEAD_LETTER_HEADERS.detail)).toMatch(/schemaVersion 2 is not understood/);
    expect(reasonOf(undeclared)?.get(DEAD_LETTER_HEADERS.subject)).toBe('notes.note.archived');
    expect(handled.has((wrongVersion.data as NoteCreated).noteId)).toBe(false);
    expect(await counterValue('invalid-event')).toBe(3);
  });

  it('a handler that throws once is retried and the event applied exactly once', async () => {
    const noteId = randomUUID();
    flaky.add(noteId);
    const event = envelope({ noteId });
    await publish(event);
    await waitFor(() => applied(event.id), (n) => n === 1, 5_000);
    await waitFor(() => consumer.lag(), (lag) => lag.ackPending === 0);
    expect(handled.get(noteId)).toBe(2);
    expect(await applied(event.id)).toBe(1);
    expect((await deadLetters()).some((letter) => letter.body.includes(event.id))).toBe(false);
  });
});

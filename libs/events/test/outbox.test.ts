import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Registry } from 'prom-client';
import { createTestDatabase, startNatsServer, type TestDatabase, type TestNatsServer } from '@lianxin/testing';
import { EventConsumer, type EventConsumerOptions } from '../src/consumer.js';
import type { EventEnvelope } from '../src/envelope.js';
import { CONSUMER_PENDING_METRIC, DELIVERY_LAG_METRIC, OUTBOX_BACKLOG_METRIC, registerEventMetrics } from '../src/metrics.js';
import { isNatsReady, NatsConnector } from '../src/nats-connection.js';
import { OutboxEvent } from '../src/outbox-event.entity.js';
import { OutboxRelay } from '../src/outbox-relay.js';
import { recordEvent } from '../src/record-event.js';
import { applyNoteCreated, createNote, createSchema, effectCounts, Note, type NoteCreated, testLogger, waitFor } from './fixtures.js';

const CONSUMER = 'note-effects';
const TEST_TIMEOUT_MS = 60_000;

/** Holds the consumer inside its n-th handler call until released. */
class HandlerGate {
  private seen = 0;
  readonly reached: Promise<void>;
  readonly released: Promise<void>;
  private signalReached!: () => void;
  release!: () => void;

  constructor(private readonly at: number) {
    this.reached = new Promise((resolve) => (this.signalReached = resolve));
    this.released = new Promise((resolve) => (this.release = resolve));
  }

  async pass(): Promise<void> {
    if (++this.seen !== this.at) return;
    this.signalReached();
    await this.released;
  }
}

describe('outbox → JetStream → idempotent consumer', () => {
  let db: TestDatabase;
  let nats: TestNatsServer;
  let orm: MikroORM;
  let connector: NatsConnector;
  let relay: OutboxRelay;
  let consumer: EventConsumer<NoteCreated>;
  /** Every event the tests committed; each must end up applied exactly once. */
  const committed: EventEnvelope<NoteCreated>[] = [];
  let gate: HandlerGate | undefined;

  const newConsumer = (onApplied?: EventConsumerOptions['onApplied']) =>
    new EventConsumer<NoteCreated>(
      {
        name: CONSUMER,
        filterSubject: 'notes.note.*',
        handle: async (envelope, em) => {
          await gate?.pass();
          await applyNoteCreated(envelope, em);
        },
      },
      { em: orm.em, nats: () => connector.connection(), logger: testLogger, expiresMs: 2_000, retryMaxMs: 1_000, ackWaitMs: 10_000, onApplied },
    );
  const commitNotes = async (count: number, label: string) => {
    for (let i = 0; i < count; i++) committed.push(await createNote(orm, `${label} ${i}`));
  };
  const allAppliedOnce = async () => {
    // Messages of a pull request abandoned at stop() come back only after ack_wait (10 s here): on a loaded
    // CI machine the whole round can pass 20 s, so wait longer than two ack_waits before calling anything lost.
    const counts = await waitFor(() => effectCounts(orm), (counts) => committed.every((event) => counts.has(event.id)), 45_000);
    expect([...counts.keys()].sort()).toEqual(committed.map((event) => event.id).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  };
  const consumerInfo = async () => {
    const jsm = await jetstreamManager(await connector.connection());
    return jsm.consumers.info('NOTES', CONSUMER);
  };

  beforeAll(async () => {
    [db, nats] = await Promise.all([createTestDatabase('events'), startNatsServer()]);
    orm = await createSchema(db);
    connector = new NatsConnector({ url: nats.url, logger: testLogger });
    relay = new OutboxRelay({
      em: orm.em,
      nats: () => connector.connection(),
      domains: ['notes'],
      pollIntervalMs: 100,
      publishTimeoutMs: 2_000,
      retryMaxMs: 1_000,
      logger: testLogger,
    });
    consumer = newConsumer();
    connector.start();
    relay.start();
    consumer.start();
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await connector?.close();
    await orm?.close(true);
    await nats?.dispose();
    await db?.drop();
  }, TEST_TIMEOUT_MS);

  it('commits a change and its event together, and a rolled-back transaction leaves neither', async () => {
    const event = await createNote(orm, 'first');
    committed.push(event);
    const row = await orm.em.fork().findOneOrFail(OutboxEvent, event.id);
    expect(row.subject).toBe('notes.note.created');
    expect(row.envelope).toEqual(event);
    expect(await orm.em.fork().count(Note, { id: event.data.noteId })).toBe(1);

    const rolledBack = orm.em.fork().transactional(async (em) => {
      const note = em.create(Note, { text: 'rolled back' });
      em.persist(note);
      recordEvent(em, { type: 'notes.note.created', areaCode: '330402', actor: 'system', data: { noteId: note.id } });
      await em.flush();
      throw new Error('abort');
    });
    await expect(rolledBack).rejects.toThrow('abort');
    expect(await orm.em.fork().count(Note, { text: 'rolled back' })).toBe(0);
    expect(await orm.em.fork().count(OutboxEvent, {})).toBe(1);

    // recordEvent only adds to the unit of work: nothing is written until the caller flushes.
    const em = orm.em.fork();
    recordEvent(em, { type: 'notes.note.created', areaCode: '330402', actor: 'system', data: { noteId: randomUUID() } });
    expect(await orm.em.fork().count(OutboxEvent, {})).toBe(1);
    em.clear();

    await allAppliedOnce();
    const published = await orm.em.fork().findOneOrFail(OutboxEvent, event.id);
    expect(published.publishedAt).toBeInstanceOf(Date);
  }, TEST_TIMEOUT_MS);

  it('applies every event exactly once when NATS was down while they were committed', async () => {
    await nats.stop();
    await waitFor(() => isNatsReady(connector, 200), (ready) => !ready);
    await commitNotes(20, 'offline');
    expect(await relay.backlog()).toBe(20);
    // The relay tried, failed and keeps the rows for its next attempt.
    await waitFor(() => orm.em.fork().count(OutboxEvent, { lastError: { $ne: null }, publishedAt: null }), (failed) => failed > 0);
    expect(await relay.backlog()).toBe(20);

    await nats.start();
    await waitFor(() => relay.backlog(), (backlog) => backlog === 0, 30_000);
    await allAppliedOnce();
    expect(await isNatsReady(connector)).toBe(true);
  }, TEST_TIMEOUT_MS);

  it('applies an event delivered twice only once', async () => {
    const event = committed[0]!;
    const js = jetstream(await connector.connection());
    // A different msgID defeats JetStream's de-duplication: the consumer sees the event again.
    const ack = await js.publish(event.type, JSON.stringify(event), { msgID: randomUUID() });
    expect(ack.duplicate).toBe(false);
    await waitFor(consumerInfo, (info) => info.ack_floor.stream_seq >= ack.seq && info.num_ack_pending === 0);
    expect(await consumer.apply(event)).toBe('duplicate');
    await allAppliedOnce();
  }, TEST_TIMEOUT_MS);

  it('loses and doubles nothing when the consumer restarts mid-stream', async () => {
    const before = committed.length;
    gate = new HandlerGate(5);
    await commitNotes(30, 'stream');
    await gate.reached;
    // Stop while the 5th handler is running: stop() waits for it and for the messages already pulled.
    const stopped = consumer.stop();
    gate.release();
    await stopped;
    gate = undefined;
    const appliedAtStop = (await effectCounts(orm)).size - before;
    expect(appliedAtStop).toBeGreaterThanOrEqual(5);
    expect(appliedAtStop).toBeLessThan(30);

    await commitNotes(10, 'while stopped');
    consumer = newConsumer();
    consumer.start();
    await allAppliedOnce();
  }, TEST_TIMEOUT_MS);

  it('reports the outbox backlog and consumer lag as gauges', async () => {
    await waitFor(consumerInfo, (info) => info.num_pending === 0 && info.num_ack_pending === 0);
    const registry = new Registry();
    const metrics = registerEventMetrics({ registry, relay, consumers: () => [consumer] });
    const text = await registry.metrics();
    expect(text).toContain(`${OUTBOX_BACKLOG_METRIC} 0`);
    expect(text).toContain(`${CONSUMER_PENDING_METRIC}{consumer="${CONSUMER}",stream="NOTES",state="pending"} 0`);
    metrics.unregister();
    expect(await registry.metrics()).not.toContain(OUTBOX_BACKLOG_METRIC);
  }, TEST_TIMEOUT_MS);

  it('records the delivery lag of applied events, not of duplicates', async () => {
    const registry = new Registry();
    const metrics = registerEventMetrics({ registry, relay, consumers: () => [consumer] });
    await consumer.stop();
    consumer = newConsumer((name, _envelope, lagMs) => metrics.observeDelivery(name, lagMs));
    consumer.start();
    const before = Date.now();
    await commitNotes(3, 'lag');
    await allAppliedOnce();
    const elapsedS = (Date.now() - before) / 1000;
    const lag = (await registry.getSingleMetric(DELIVERY_LAG_METRIC)!.get()).values;
    const count = lag.find((v) => v.metricName === `${DELIVERY_LAG_METRIC}_count` && v.labels.consumer === CONSUMER)!.value;
    const sum = lag.find((v) => v.metricName === `${DELIVERY_LAG_METRIC}_sum` && v.labels.consumer === CONSUMER)!.value;
    expect(count).toBe(3);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThanOrEqual(3 * elapsedS);
    // A replay under the same id is a duplicate: applied once, observed once.
    await consumer.apply(committed.at(-1)!);
    const after = (await registry.getSingleMetric(DELIVERY_LAG_METRIC)!.get()).values;
    expect(after.find((v) => v.metricName === `${DELIVERY_LAG_METRIC}_count` && v.labels.consumer === CONSUMER)!.value).toBe(3);
    metrics.unregister();
  }, TEST_TIMEOUT_MS);
});

import type { JsMsg } from '@nats-io/jetstream';
import { jetstreamManager } from '@nats-io/jetstream';
import { createTestDatabase, startNatsServer } from '@lianxin/testing';
import { EventConsumer, type ProcessOutcome } from '../src/consumer.js';
import type { EventEnvelope } from '../src/envelope.js';
import { isNatsReady, NatsConnector } from '../src/nats-connection.js';
import { OutboxRelay } from '../src/outbox-relay.js';
import { applyNoteCreated, createNote, createSchema, effectCounts, type NoteCreated, testLogger, waitFor } from './fixtures.js';

/**
 * Issue 21: "every event applied exactly once" with messages IN FLIGHT — delivered to the consumer but not
 * acknowledged — when NATS restarts, and when the consumer dies mid-batch. Redelivery is real (a short
 * ack_wait), the tests wait past it, and they assert counts: one effect row and one processed_event row per
 * committed event, one 'applied' outcome per event, never two.
 *
 * A handler that throws is retried and applied once: dead-letter.test.ts ('a handler that throws once is
 * retried and the event applied exactly once'); a malformed envelope is terminated: same file.
 */

const ACK_WAIT_MS = 2_000;
const BATCH = 10;
const TEST_TIMEOUT_MS = 45_000;
/** Clean-up: each of its steps is bounded to 10 s (settle). */
const CLEANUP_TIMEOUT_MS = 90_000;

/** What the consumer did with one delivery (seen by wrapping EventConsumer.process). */
interface Delivery {
  eventId: string;
  seq: number;
  deliveryCount: number;
  /** When the consumer got it (ms). */
  at: number;
  outcome: ProcessOutcome | 'abandoned';
}

/** Holds the n-th handler call until released; `release(error)` makes that call throw (its transaction rolls back). */
class HandlerGate {
  private seen = 0;
  readonly reached: Promise<void>;
  private signalReached!: () => void;
  private signalReleased!: (error?: Error) => void;
  private readonly released: Promise<Error | undefined>;

  constructor(private readonly at: number) {
    this.reached = new Promise((resolve) => (this.signalReached = resolve));
    this.released = new Promise((resolve) => (this.signalReleased = resolve));
  }

  /** Handler calls so far. */
  get calls(): number {
    return this.seen;
  }

  release(error?: Error): void {
    this.signalReleased(error);
  }

  async pass(): Promise<void> {
    if (++this.seen !== this.at) return;
    this.signalReached();
    const error = await this.released;
    if (error) throw error;
  }
}

/** Waits for a clean-up step at most 10 s and never throws. */
async function settle(step: Promise<unknown> | undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.resolve(step).catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
  clearTimeout(timer);
}

/** Outbox → JetStream → consumer, on a database and a nats-server of its own. */
async function startPipeline(label: string) {
  const [db, nats] = await Promise.all([createTestDatabase(label), startNatsServer()]);
  const orm = await createSchema(db);
  const connector = new NatsConnector({ url: nats.url, logger: testLogger });
  const relay = new OutboxRelay({
    em: orm.em,
    nats: () => connector.connection(),
    domains: ['notes'],
    pollIntervalMs: 100,
    publishTimeoutMs: 2_000,
    retryMaxMs: 500,
    logger: testLogger,
  });
  connector.start();
  relay.start();
  const committed: EventEnvelope<NoteCreated>[] = [];
  return {
    db,
    nats,
    orm,
    connector,
    relay,
    committed,
    async commitNotes(count: number, text: string) {
      for (let i = 0; i < count; i++) committed.push(await createNote(orm, `${text} ${i}`));
    },
    /** Every step bounded and attempted, so a failed test (or a PostgreSQL restarted under it) cannot hang the run. */
    async dispose(...consumers: Array<EventConsumer<NoteCreated> | undefined>) {
      for (const consumer of consumers) await settle(consumer?.stop());
      await settle(relay.stop());
      await settle(connector.close());
      await settle(orm.close(true));
      await settle(nats.dispose());
      await settle(db.drop());
    },
  };
}
type Pipeline = Awaited<ReturnType<typeof startPipeline>>;

/**
 * A consumer whose every delivery is recorded. `acks.lost` decides, when the consumer acks/naks/terms, whether
 * that reply is lost (the connection died with it on the wire, or the process died before sending it).
 */
function observedConsumer(pipeline: Pipeline, name: string, gate: HandlerGate | undefined, acks: { lost: () => boolean; dropped: Delivery[] }, deliveries: Delivery[], options: { dead?: () => Promise<void> | undefined } = {}) {
  const consumer = new EventConsumer<NoteCreated>(
    {
      name,
      filterSubject: 'notes.note.*',
      handle: async (envelope, em) => {
        await gate?.pass();
        await applyNoteCreated(envelope, em);
      },
    },
    { em: pipeline.orm.em, nats: () => pipeline.connector.connection(), logger: testLogger, batchSize: BATCH, expiresMs: 1_000, ackWaitMs: ACK_WAIT_MS, retryBaseMs: 100, retryMaxMs: 500 },
  );
  const process = consumer.process.bind(consumer);
  consumer.process = async (msg: JsMsg) => {
    const delivery: Delivery = { eventId: (JSON.parse(msg.string()) as EventEnvelope).id, seq: msg.seq, deliveryCount: msg.info.deliveryCount, at: Date.now(), outcome: 'abandoned' };
    deliveries.push(delivery);
    // A dead consumer never gets to this message (nor acks nor naks it): its loop hangs until the test ends.
    const dead = options.dead?.();
    if (dead) {
      await dead;
      return 'failed';
    }
    const replies = new Set<string | symbol>(['ack', 'nak', 'term', 'working']);
    const guarded = new Proxy(msg, {
      get(target, property) {
        if (replies.has(property)) {
          return (...args: unknown[]) => {
            if (acks.lost()) acks.dropped.push(delivery);
            else (target[property as 'ack'] as (...a: unknown[]) => void).apply(target, args);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    delivery.outcome = await process(guarded);
    return delivery.outcome;
  };
  return consumer;
}

/** Every committed event has exactly one effect row and one processed_event row; nothing else was applied. */
async function expectEachAppliedOnce(pipeline: Pipeline, consumerName: string, deliveries: Delivery[]) {
  const ids = pipeline.committed.map((event) => event.id).sort();
  const effects = await effectCounts(pipeline.orm);
  expect([...effects.keys()].sort()).toEqual(ids);
  expect([...effects.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  const [{ rows, distinct_events }] = await pipeline.orm.em
    .fork()
    .execute<Array<{ rows: string; distinct_events: string }>>(`select count(*) as rows, count(distinct event_id) as distinct_events from processed_event where consumer = ?`, [consumerName]);
  expect({ rows: Number(rows), distinctEvents: Number(distinct_events) }).toEqual({ rows: ids.length, distinctEvents: ids.length });
  const applied = deliveries.filter((delivery) => delivery.outcome === 'applied').map((delivery) => delivery.eventId).sort();
  expect(applied).toEqual(ids);
}

async function consumerState(pipeline: Pipeline, name: string) {
  const jsm = await jetstreamManager(await pipeline.connector.connection());
  const info = await jsm.consumers.info('NOTES', name);
  return { pending: info.num_pending, ackPending: info.num_ack_pending };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('every event applied exactly once across a NATS restart with messages delivered but not acknowledged', () => {
  const NAME = 'note-effects-nats-restart';
  let pipeline: Pipeline;
  let consumer: EventConsumer<NoteCreated>;

  beforeAll(async () => {
    pipeline = await startPipeline('events_nats_restart');
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await pipeline?.dispose(consumer);
  }, CLEANUP_TIMEOUT_MS);

  it('NATS stops while a handler runs and a batch is pulled; the acks sent meanwhile are lost; after the restart and past ack_wait each event is applied exactly once', async () => {
    const gate = new HandlerGate(5);
    const deliveries: Delivery[] = [];
    let natsDown = false;
    const acks = { lost: () => natsDown, dropped: [] as Delivery[] };
    consumer = observedConsumer(pipeline, NAME, gate, acks, deliveries);
    consumer.start();

    // 30 events: the 5th is in its handler, up to 10 are pulled (unacked), the rest wait in the stream.
    await pipeline.commitNotes(30, 'in flight');
    await gate.reached;
    const inHandler = deliveries.at(-1)!;
    await pipeline.nats.stop();
    natsDown = true;
    await waitFor(() => isNatsReady(pipeline.connector, 200), (ready) => !ready);

    // The handler commits while NATS is down; its ack (and those of the rest of the pulled batch) is lost.
    gate.release();
    await waitFor(async () => acks.dropped.map((delivery) => delivery.eventId), (lost) => lost.includes(inHandler.eventId));
    await pipeline.commitNotes(5, 'committed while NATS is down');
    await pipeline.nats.start();
    natsDown = false;

    // Every event arrives; every event whose ack was lost is delivered again after ack_wait.
    await waitFor(() => effectCounts(pipeline.orm), (counts) => pipeline.committed.every((event) => counts.has(event.id)), 30_000);
    const lost = [...new Set(acks.dropped.map((delivery) => delivery.eventId))];
    expect(lost.length).toBeGreaterThanOrEqual(1);
    expect(acks.dropped.every((delivery) => delivery.outcome === 'applied')).toBe(true);
    const redeliveriesOf = (eventId: string) => deliveries.filter((delivery) => delivery.eventId === eventId).slice(1);
    await waitFor(async () => lost.filter((eventId) => redeliveriesOf(eventId).length === 0), (notRedelivered) => notRedelivered.length === 0, ACK_WAIT_MS * 5);
    // Past the redelivery time again: nothing is pending, and each event was applied exactly once.
    await pause(ACK_WAIT_MS + 1_000);
    await waitFor(() => consumerState(pipeline, NAME), (state) => state.pending === 0 && state.ackPending === 0);
    expect(pipeline.committed).toHaveLength(35);
    await expectEachAppliedOnce(pipeline, NAME, deliveries);
    // The redelivered ones were recognised (processed_event) and only acked.
    expect(lost.flatMap(redeliveriesOf).map((delivery) => delivery.outcome)).toEqual(lost.flatMap(redeliveriesOf).map(() => 'duplicate'));
  }, TEST_TIMEOUT_MS);
});

describe('every event applied exactly once when the consumer dies mid-batch', () => {
  const NAME = 'note-effects-consumer-death';
  let pipeline: Pipeline;
  let dying: EventConsumer<NoteCreated> | undefined;
  let replacement: EventConsumer<NoteCreated> | undefined;
  let revive: () => void = () => undefined;

  beforeAll(async () => {
    pipeline = await startPipeline('events_consumer_death');
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    // The dead instance's loop is let go only now; stop() releases whatever it still holds.
    const stopping = dying?.stop();
    revive();
    await settle(stopping);
    await pipeline?.dispose(replacement);
  }, CLEANUP_TIMEOUT_MS);

  it('the instance dies in a handler, with two applied events unacked and a pulled batch untouched; a new instance gets them after ack_wait and each event is applied exactly once', async () => {
    const gate = new HandlerGate(5);
    const deliveries: Delivery[] = [];
    let dead = false;
    const hung = new Promise<void>((resolve) => (revive = resolve));
    // The 3rd and 4th acks are still in the socket buffer when the process dies: committed, never acked.
    const acks = { lost: () => dead || gate.calls >= 3, dropped: [] as Delivery[] };
    dying = observedConsumer(pipeline, NAME, gate, acks, deliveries, { dead: () => (dead ? hung : undefined) });
    dying.start();

    await pipeline.commitNotes(30, 'in flight');
    await gate.reached;
    const inHandler = deliveries.at(-1)!;
    // Death: the open transaction rolls back (its connection is gone), no ack or nak is ever sent, and the
    // instance touches none of the messages it pulled after this one.
    dead = true;
    gate.release(new Error('the process died'));
    await waitFor(async () => deliveries.filter((delivery) => delivery.outcome === 'failed').length, (n) => n === 1);
    expect(deliveries.find((delivery) => delivery.outcome === 'failed')!.eventId).toBe(inHandler.eventId);
    expect((await effectCounts(pipeline.orm)).has(inHandler.eventId)).toBe(false);
    const appliedBeforeDeath = deliveries.filter((delivery) => delivery.outcome === 'applied');
    expect(appliedBeforeDeath).toHaveLength(4);
    const unacked = acks.dropped.filter((delivery) => delivery.outcome === 'applied').map((delivery) => delivery.eventId);
    expect(unacked).toEqual(appliedBeforeDeath.slice(2).map((delivery) => delivery.eventId));

    replacement = observedConsumer(pipeline, NAME, undefined, { lost: () => false, dropped: [] }, deliveries);
    replacement.start();
    await pipeline.commitNotes(5, 'after the death');

    await waitFor(() => effectCounts(pipeline.orm), (counts) => pipeline.committed.every((event) => counts.has(event.id)), 30_000);
    const redeliveriesOf = (eventId: string) => deliveries.filter((delivery) => delivery.eventId === eventId).slice(1);
    await waitFor(async () => unacked.filter((eventId) => redeliveriesOf(eventId).length === 0), (notRedelivered) => notRedelivered.length === 0, ACK_WAIT_MS * 5);
    // The message that died in its handler came back only after ack_wait, as a redelivery, and was applied then.
    const redelivered = deliveries.find((delivery) => delivery.eventId === inHandler.eventId && delivery.outcome === 'applied')!;
    expect(redelivered.deliveryCount).toBeGreaterThanOrEqual(2);
    expect(redelivered.at - inHandler.at).toBeGreaterThanOrEqual(ACK_WAIT_MS - 250);

    await pause(ACK_WAIT_MS + 1_000);
    await waitFor(() => consumerState(pipeline, NAME), (current) => current.pending === 0 && current.ackPending === 0);
    expect(pipeline.committed).toHaveLength(35);
    await expectEachAppliedOnce(pipeline, NAME, deliveries);
    // The two committed-but-unacked events came back to the new instance and were only acked.
    expect(unacked.flatMap(redeliveriesOf).map((delivery) => delivery.outcome)).toEqual(['duplicate', 'duplicate']);
  }, TEST_TIMEOUT_MS);
});

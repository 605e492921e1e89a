import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startNatsServer, type TestNatsServer } from '@lianxin/testing';
import { createEnvelope } from '../src/envelope.js';
import { NatsConnector } from '../src/nats-connection.js';
import { readStreamRange, streamBounds, type StreamMessage } from '../src/stream-reader.js';
import { testLogger } from './fixtures.js';

/**
 * The stream reader the gateway's live feed and entity cache use (@lianxin/events/reader), against a real
 * nats-server: a bounded range read once with an ordered consumer, nothing acknowledged, and the stream's
 * bounds. (followStream is exercised by gateway/test/live-feed.test.ts and live-nats-restart.test.ts.)
 */
describe('stream reader (real NATS JetStream)', () => {
  const STREAM = 'READER_TEST';
  let nats: TestNatsServer;
  let connector: NatsConnector;

  const publish = async (subject: string, body: string) => (await jetstream(await connector.connection()).publish(subject, body)).seq;
  const event = (n: number) => JSON.stringify(createEnvelope({ type: 'test.note.created', areaCode: '330402', actor: 'test', data: { n } }));

  beforeAll(async () => {
    nats = await startNatsServer();
    connector = new NatsConnector({ url: nats.url, logger: testLogger });
    connector.start();
    const jsm = await jetstreamManager(await connector.connection());
    await jsm.streams.add({ name: STREAM, subjects: ['reader.>'] });
    await publish('reader.note.created', event(1)); // seq 1
    await publish('reader.other.created', event(2)); // seq 2: outside reader.note.>
    await publish('reader.note.created', 'not an envelope'); // seq 3
    await publish('reader.note.created', event(4)); // seq 4
  });

  afterAll(async () => {
    await connector?.close();
    await nats?.stop();
  });

  it('knows the stream bounds', async () => {
    expect(await streamBounds(await connector.connection(), STREAM)).toEqual({ firstSeq: 1, lastSeq: 4 });
  });

  it('reads a range once (after < seq ≤ until, the filter only; a non-envelope as null) and leaves no consumer behind', async () => {
    const connection = await connector.connection();
    const read = async (filterSubject: string, after: number, until: number) => {
      const messages: StreamMessage[] = [];
      for await (const message of readStreamRange(connection, { stream: STREAM, filterSubject, after, until, namePrefix: 'reader_range', batch: 2 })) messages.push(message);
      return messages;
    };
    expect((await read('reader.>', 0, 3)).map((message) => message.seq)).toEqual([1, 2, 3]);
    const notes = await read('reader.note.>', 1, 4);
    expect(notes.map((message) => message.seq)).toEqual([3, 4]);
    expect(notes[0].envelope).toBeNull();
    expect(notes[1].envelope?.data).toEqual({ n: 4 });
    expect(notes[1].subject).toBe('reader.note.created');
    expect(notes[1].storedAt).toBeGreaterThan(Date.now() - 600_000);
    expect(notes[1].pending).toBe(0);
    const { lastSeq } = await streamBounds(connection, STREAM);
    expect(await read('reader.>', lastSeq, lastSeq + 10)).toEqual([]);
    const consumers = await (await jetstreamManager(connection)).consumers.list(STREAM).next();
    expect(consumers.filter((consumer) => consumer.name.startsWith('reader_range'))).toEqual([]);
  });
});

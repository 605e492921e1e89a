import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { type NatsCredentials, type NatsUserAccess } from '@lianxin/events';
import { connectNats, followStream, streamBounds, type NatsConnection } from '@lianxin/events/reader';
import { type TestNatsServer } from '@lianxin/testing';
import { startPrivateNats } from './fixtures/private-nats.js';
import { JetStreamFeed, type LiveEvent } from '../src/live/feed.js';

const { users } = JSON.parse(readFileSync(join(process.cwd(), 'tools', 'nats', 'nats-users.json'), 'utf8')) as { users: Record<string, NatsUserAccess> };

/**
 * The gateway's live feed (issue 16) on a nats-server with the users and permissions of
 * tools/nats/nats-users.json: the gateway user reads CASES with ordered consumers, serves a resume older
 * than its memory from the stream and the rest from memory (each event once, in order), follows new
 * events, and may read no other stream.
 */
describe('live feed on JetStream, as the gateway user', () => {
  let nats: TestNatsServer;
  let setup: NatsConnection;
  let gateway: NatsConnection;
  let feed: JetStreamFeed | undefined;
  const credentials: Record<string, NatsCredentials> = {};

  const publish = async (count: number) => {
    for (let index = 0; index < count; index += 1) {
      const caseId = randomUUID();
      const envelope = { id: randomUUID(), type: 'cases.case.reported', occurredAt: new Date().toISOString(), areaCode: '330402001001001', actor: 'system', schemaVersion: 1, data: { caseId, gridCode: '330402001001001' } };
      setup.publish('cases.case.reported', JSON.stringify(envelope));
      // Other subjects of the stream in between: the sequences the feed sees have gaps.
      if (index % 3 === 0) setup.publish('cases.hotline.status_changed', JSON.stringify({ ...envelope, id: randomUUID(), type: 'cases.hotline.status_changed' }));
    }
    await setup.flush();
  };

  beforeAll(async () => {
    const started = await startPrivateNats(users, ['cases', 'people', 'assessments']);
    ({ nats, setup } = started);
    Object.assign(credentials, started.credentials);
    gateway = await connectNats({ url: nats.url, credentials: credentials.gateway });
  }, 30_000);

  afterAll(async () => {
    await feed?.stop();
    await gateway?.close();
    await setup?.close();
    await nats?.dispose();
  });

  it('serves a resume older than its memory from the stream, the rest from memory, then follows: each event once, in order', async () => {
    await publish(30);
    const { lastSeq } = await streamBounds(setup, 'CASES');
    feed = new JetStreamFeed(gateway, { stream: 'CASES', filterSubject: 'cases.>', ringCapacity: 8, logger: pino({ level: 'silent' }), batch: 7 });
    await feed.start();
    await feed.whenReady();
    expect(feed.head).toBe(lastSeq);

    const replayed: LiveEvent[] = [];
    for await (const event of feed.replay(0, feed.head)) replayed.push(event);
    const sequences = replayed.map((event) => event.seq);
    expect(sequences).toHaveLength(40); // 30 reported + 10 hotline events, from the stream and then from memory
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(sequences.at(-1)).toBe(lastSeq);

    const middle: number[] = [];
    for await (const event of feed.replay(sequences[4], sequences[20])) middle.push(event.seq);
    expect(middle).toEqual(sequences.slice(5, 21));

    const live: number[] = [];
    feed.listen((event) => live.push(event.seq));
    await publish(3);
    const after = await streamBounds(setup, 'CASES');
    for (let waited = 0; live.at(-1) !== after.lastSeq && waited < 100; waited += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(live).toEqual(Array.from({ length: after.lastSeq - lastSeq }, (_, index) => lastSeq + 1 + index));
  });

  it('follows the stream across a NATS restart (1.5 s outage, same store): what is published afterwards arrives once, in order', async () => {
    expect(feed).toBeDefined();
    const seen: number[] = [];
    feed!.listen((event) => seen.push(event.seq));
    const before = feed!.head;
    await nats.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await nats.start();
    // The publisher's connection comes back on its own too; publish once both are connected again.
    for (let waited = 0; (setup.isClosed() || gateway.isClosed() || !(await setup.flush().then(() => true, () => false))) && waited < 100; waited += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await publish(4);
    const after = await streamBounds(setup, 'CASES');
    for (let waited = 0; seen.at(-1) !== after.lastSeq && waited < 200; waited += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual(Array.from({ length: after.lastSeq - before }, (_, index) => before + 1 + index));
    expect(feed!.head).toBe(after.lastSeq);
  }, 60_000);

  it('may read no stream it has no reader line for', async () => {
    // PEOPLE, ORGANIZATIONS and GRIDS are read by the entity cache's invalidation feed (issue 20); ASSESSMENTS is not the gateway's.
    await expect(followStream(gateway, { stream: 'ASSESSMENTS', filterSubject: 'assessments.>', startSeq: 1, namePrefix: 'gw_not_allowed' })).rejects.toThrow();
  });
});

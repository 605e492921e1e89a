import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { pino } from 'pino';
import type { AuthUser } from '@lianxin/auth';
import { type NatsCredentials, type NatsUserAccess } from '@lianxin/events';
import { KvBucket } from '@lianxin/events/kv';
import { connectNats, streamBounds, type NatsConnection } from '@lianxin/events/reader';
import { type TestNatsServer } from '@lianxin/testing';
import { startPrivateNats } from './fixtures/private-nats.js';
import { JetStreamFeed } from '../src/live/feed.js';
import { caseBoard } from '../src/live/live-fields.js';
import { prepareLiveOperation } from '../src/live/live-operation.js';
import { LiveSubscription, type ObjectAnswer, type ResolveObject } from '../src/live/live-subscription.js';
import { LIVE_CAP_BUCKET, withLiveSchema } from '../src/live/live.js';
import { SubscriptionCap } from '../src/live/subscription-cap.js';

const { users } = JSON.parse(readFileSync(join(process.cwd(), 'tools', 'nats', 'nats-users.json'), 'utf8')) as { users: Record<string, NatsUserAccess> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const logger = pino({ level: 'silent' });

const schema = withLiveSchema(
  buildSchema(`
    scalar DateTime
    enum CaseStatus { REPORTED VERIFIED CLOSED }
    type Case { id: ID! number: String! status: CaseStatus! }
    type ServiceOrder { id: ID! title: String! }
    type Query { case(id: ID!): Case! serviceOrder(id: ID!): ServiceOrder! }
  `),
);
const township: AuthUser = { sub: 'u-township', username: 'jianshe.admin', roles: ['township-admin'], areaCode: '330402001' };

/** The graph's answer for every case (the payload's resolution is not what these tests are about). */
const resolve: ResolveObject = async (_operation, event, _auth, id) => ({ data: { case: { id, number: `N-${event.seq}`, status: 'REPORTED' } } }) satisfies ObjectAnswer;

/**
 * Issue 16 / 21: live subscriptions across a restart of NATS, on a private nats-server with the users and
 * permissions of tools/nats/nats-users.json, as the gateway user. The defect the e2e tier's second pass found:
 * the per-user cap's NATS KV bucket (memory storage) is gone after NATS restarts, and the cap kept calling the
 * old bucket — every get waited for its timeout (nobody answers a direct get of a stream that does not exist),
 * serially per user, and the processes never counted each other again.
 */
describe('live subscriptions across a NATS restart, as the gateway user', () => {
  let nats: TestNatsServer;
  let setup: NatsConnection;
  const connections: NatsConnection[] = [];
  const credentials: Record<string, NatsCredentials> = {};

  const gatewayConnection = async () => {
    const nc = await connectNats({ url: nats.url, credentials: credentials.gateway });
    connections.push(nc);
    return nc;
  };

  /** Stops NATS for `outageMs` (same store, same port) and waits until every connection is back. */
  const restartNats = async (outageMs: number) => {
    await nats.stop();
    await sleep(outageMs);
    await nats.start();
    for (const nc of [setup, ...connections]) {
      for (let waited = 0; !(await nc.flush().then(() => true, () => false)) && waited < 100; waited += 1) await sleep(100);
    }
  };

  const report = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const caseId = randomUUID();
      ids.push(caseId);
      const envelope = { id: randomUUID(), type: 'cases.case.reported', occurredAt: new Date().toISOString(), areaCode: '330402001001001', actor: 'system', schemaVersion: 1, data: { caseId, gridCode: '330402001001001', status: 'REPORTED' } };
      setup.publish('cases.case.reported', JSON.stringify(envelope));
      // Another township's case and another subject between them: gaps in the sequences the board sees.
      setup.publish('cases.case.reported', JSON.stringify({ ...envelope, id: randomUUID(), areaCode: '330402002001001', data: { caseId: randomUUID(), gridCode: '330402002001001', status: 'REPORTED' } }));
      setup.publish('cases.hotline.status_changed', JSON.stringify({ ...envelope, id: randomUUID(), type: 'cases.hotline.status_changed' }));
    }
    await setup.flush();
    return ids;
  };

  beforeAll(async () => {
    const started = await startPrivateNats(users, ['cases']);
    ({ nats, setup } = started);
    Object.assign(credentials, started.credentials);
  }, 30_000);

  afterAll(async () => {
    for (const nc of connections) await nc.close().catch(() => undefined);
    await setup?.close();
    await nats?.dispose();
  });

  it('the per-user cap: two gateway processes count each other again after NATS restarts (the memory bucket is created again)', async () => {
    /** A gateway process's cap as LiveGateway builds it: the bucket opened once on its connection. */
    const capOf = async (processId: string) => {
      const nc = await gatewayConnection();
      let kv: Promise<KvBucket> | undefined;
      return new SubscriptionCap({
        max: 2,
        processId,
        logger,
        retryMs: 500,
        store: () =>
          (kv ??= KvBucket.open(nc, { bucket: LIVE_CAP_BUCKET, ttlMs: 60_000, timeoutMs: 1_000 }).catch((error: unknown) => {
            kv = undefined;
            throw error;
          })),
      });
    };
    const [first, second] = [await capOf('gw-1'), await capOf('gw-2')];
    const timings: number[] = [];
    const acquire = async (cap: SubscriptionCap, user: string) => {
      const started = performance.now();
      const taken = await cap.acquire(user);
      timings.push(performance.now() - started);
      return taken;
    };
    /** A user's places taken in both processes: [true, true, false] when they count each other (max 2). */
    const acrossProcesses = async () => {
      const user = `u-${randomUUID()}`;
      return [await acquire(first, user), await acquire(second, user), await acquire(first, user)];
    };
    expect(await acrossProcesses()).toEqual([true, true, false]);

    await restartNats(1_500);
    const kvStream = `KV_${LIVE_CAP_BUCKET}`;
    // The restart lost the bucket (memory storage)…
    let across = await acrossProcesses();
    // …and within a few seconds both processes share it again (while they cannot, each counts its own: fail open).
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && across.join() !== 'true,true,false'; ) {
      await sleep(250);
      across = await acrossProcesses();
    }
    expect(across).toEqual([true, true, false]);
    // The bucket's stream is there again (created by the gateway user, as nats-users.json allows).
    expect((await streamBounds(setup, kvStream)).lastSeq).toBeGreaterThan(0);
    console.log(`[live cap] acquire after the NATS restart: ${timings.length} calls, slowest ${Math.round(Math.max(...timings))} ms`);
    await Promise.all([first.stop(), second.stop()]);
  }, 60_000);

  it.each<[string, number]>([
    ['short', 1_500],
    ['long', 10_000],
  ])('a %s outage (%i ms): an open subscription gets every event once, in order; one opened afterwards gets the next ones', async (_kind, outageMs) => {
    const feed = new JetStreamFeed(await gatewayConnection(), { stream: 'CASES', filterSubject: 'cases.>', ringCapacity: 100, logger });
    try {
      await feed.start();
      await feed.whenReady();
      const subscribe = async () => {
        const operation = prepareLiveOperation(schema, { query: 'subscription { caseBoard { cursor event case { id } } }' });
        const state = await caseBoard.prepare(township, operation.args, async () => ({ data: null }));
        const subscription = new LiveSubscription({ feed, operation, auth: { token: 't', user: township, expiresAt: Date.now() + 3_600_000 }, state, resolve, capacity: 100 });
        const received: Array<{ cursor: string; id: string }> = [];
        void (async () => {
          for await (const result of subscription.results()) {
            const change = result.data?.caseBoard as { cursor: string; case: { id: string } } | undefined;
            if (change) received.push({ cursor: change.cursor, id: change.case.id });
          }
        })();
        await sleep(50); // listening
        return { subscription, received };
      };
      const waitForIds = async (received: Array<{ id: string }>, ids: string[], what: string) => {
        for (let waited = 0; !ids.every((id) => received.some((event) => event.id === id)); waited += 1) {
          if (waited > 600) throw new Error(`timed out waiting for ${what}`);
          await sleep(50);
        }
      };

      const open = await subscribe();
      const before = await report(3);
      await waitForIds(open.received, before, 'the events before the restart');

      await restartNats(outageMs);
      const after = await report(3);
      await waitForIds(open.received, after, 'the events after the restart on the open subscription');
      const fresh = await subscribe();
      const later = await report(2);
      await waitForIds(open.received, later, 'the later events on the open subscription');
      await waitForIds(fresh.received, later, 'the later events on the new subscription');
      await sleep(300); // anything extra would show up now
      open.subscription.close();
      fresh.subscription.close();

      expect(open.received.map((event) => event.id)).toEqual([...before, ...after, ...later]);
      expect(fresh.received.map((event) => event.id)).toEqual(later);
      const cursors = open.received.map((event) => Number(event.cursor));
      expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
      expect(new Set(cursors).size).toBe(cursors.length);
      expect(feed.head).toBe((await streamBounds(setup, 'CASES')).lastSeq);
    } finally {
      await feed.stop();
    }
  }, 90_000);
});

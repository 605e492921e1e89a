import { buildSchema, type ExecutionResult } from 'graphql';
import type { AuthUser } from '@lianxin/auth';
import { EventRing, type Feed, type LiveEvent, type LiveListener } from './feed.js';
import { caseBoard, serviceOrdersInMyVillage } from './live-fields.js';
import { prepareLiveOperation, type LiveOperation } from './live-operation.js';
import { LiveSubscription, parseCursor, SharedResolutions, type LiveAuth, type ObjectAnswer, type ResolveObject } from './live-subscription.js';
import { withLiveSchema } from './live.js';

const schema = withLiveSchema(
  buildSchema(`
    scalar DateTime
    enum CaseStatus { REPORTED VERIFIED CLOSED }
    type Person { name: String! }
    type Grid { code: String! staff: [Person!]! }
    type Case { id: ID! number: String! status: CaseStatus! grid: Grid! reporter: Person awaitsMyAction: Boolean! }
    type ServiceOrder { id: ID! title: String! }
    type Query { case(id: ID!): Case! serviceOrder(id: ID!): ServiceOrder! }
  `),
);

const township: AuthUser = { sub: 'u-township', username: 'jianshe.admin', roles: ['township-admin'], areaCode: '330402001' };
const otherTownship: AuthUser = { sub: 'u-xinjia', username: 'xinjia.admin', roles: ['township-admin'], areaCode: '330402002' };
const auth = (user: AuthUser, expiresAt = Date.now() + 3_600_000): LiveAuth => ({ token: `token-of-${user.sub}`, user, expiresAt });

function caseEvent(seq: number, gridCode = '330402001001001', status = 'REPORTED', caseId = `case-${seq}`): LiveEvent {
  return {
    stream: 'CASES',
    seq,
    subject: 'cases.case.reported',
    storedAt: Date.now(),
    envelope: { id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, type: 'cases.case.reported', occurredAt: '2026-12-07T11:00:00.000Z', areaCode: gridCode, actor: 'u-worker', schemaVersion: 1, data: { caseId, gridCode, status } },
  };
}

/** A feed held in memory: what the JetStream feed does, without NATS. */
class MemoryFeed implements Feed {
  readonly stream = 'CASES';
  readonly events: LiveEvent[] = [];
  private readonly listeners = new Set<LiveListener>();
  get head(): number {
    return this.events.at(-1)?.seq ?? 0;
  }
  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async *replay(after: number, until: number): AsyncIterable<LiveEvent> {
    for (const event of this.events.filter((candidate) => candidate.seq > after && candidate.seq <= until)) {
      await Promise.resolve();
      yield event;
    }
  }
  publish(event: LiveEvent): void {
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }
}

function boardOperation(variables: Record<string, unknown> = {}): LiveOperation {
  return prepareLiveOperation(schema, {
    query: 'subscription B($after: String, $statuses: [CaseStatus!]) { caseBoard(after: $after, statuses: $statuses) { cursor event c: case { number status } } }',
    variables,
  });
}

/** Resolves every case as visible, counting the calls. */
function visibleResolver(): ResolveObject & { calls: string[] } {
  const calls: string[] = [];
  const resolve = (async (_operation, event, _auth, id) => {
    calls.push(id);
    return { data: { case: { number: `N-${event.seq}`, status: 'REPORTED', __liveId: id } } } satisfies ObjectAnswer;
  }) as ResolveObject & { calls: string[] };
  resolve.calls = calls;
  return resolve;
}

async function take(results: AsyncGenerator<ExecutionResult>, count: number): Promise<ExecutionResult[]> {
  const out: ExecutionResult[] = [];
  while (out.length < count) {
    const next = await results.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

const cursors = (results: ExecutionResult[]) => results.map((result) => (result.data?.caseBoard as { cursor: string } | undefined)?.cursor);

async function subscription(feed: MemoryFeed, options: { user?: AuthUser; after?: number; capacity?: number; resolve?: ResolveObject; expiresAt?: number; variables?: Record<string, unknown> } = {}) {
  const user = options.user ?? township;
  const operation = boardOperation(options.variables);
  const state = await caseBoard.prepare(user, operation.args, async () => ({ data: null }));
  return new LiveSubscription({ feed, operation, auth: auth(user, options.expiresAt), state, resolve: options.resolve ?? visibleResolver(), after: options.after, capacity: options.capacity ?? 100 });
}

describe('live: the event ring (recent events kept for resuming clients)', () => {
  it('keeps at most its capacity, oldest out first, and says from where it is complete', () => {
    const ring = new EventRing(3);
    ring.coveredFrom = 1;
    for (const seq of [1, 2, 4, 7]) ring.push(caseEvent(seq));
    expect(ring.size).toBe(3);
    expect(ring.firstSeq).toBe(2);
    // Event 1 was evicted: a client at cursor 0 needs the stream, one at cursor 1 or later does not.
    expect(ring.covers(0)).toBe(false);
    expect(ring.covers(1)).toBe(true);
    expect(ring.between(2, 7).map((event) => event.seq)).toEqual([4, 7]);
    expect(ring.between(4, 5).map((event) => event.seq)).toEqual([]);
    ring.push(caseEvent(7));
    expect(ring.size).toBe(3); // a redelivered sequence is not held twice
  });
});

describe('live: cursors, replay and live events', () => {
  it('a malformed cursor is BAD_USER_INPUT; none means from now on', () => {
    expect(parseCursor(undefined)).toBeUndefined();
    expect(parseCursor('42')).toBe(42);
    expect(() => parseCursor('abc')).toThrow(/cursor/);
  });

  it('replays what was missed, then goes live: each event once, in order, with its sequence as cursor', async () => {
    const feed = new MemoryFeed();
    for (const seq of [1, 2, 3, 5]) feed.publish(caseEvent(seq));
    const live = await subscription(feed, { after: 2 });
    const results = live.results();
    const first = await take(results, 2); // 3 and 5 from the replay
    feed.publish(caseEvent(8));
    feed.publish(caseEvent(9));
    const rest = await take(results, 2);
    expect(cursors([...first, ...rest])).toEqual(['3', '5', '8', '9']);
    expect((first[0].data?.caseBoard as { c: { number: string } }).c).toEqual({ number: 'N-3', status: 'REPORTED' }); // aliases kept, internal fields removed
    live.close();
  });

  it('events that arrive while the replay runs are sent after it, without gap or duplicate', async () => {
    const feed = new MemoryFeed();
    for (let seq = 1; seq <= 5; seq += 1) feed.publish(caseEvent(seq));
    const live = await subscription(feed, { after: 0 });
    const results = live.results();
    const first = await take(results, 1);
    feed.publish(caseEvent(6)); // during the replay of 2..5
    feed.publish(caseEvent(7));
    const rest = await take(results, 6);
    expect(cursors([...first, ...rest])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    live.close();
  });

  it('resuming from the cursor of a stream that ended mid-way gives every event exactly once', async () => {
    const feed = new MemoryFeed();
    for (let seq = 1; seq <= 4; seq += 1) feed.publish(caseEvent(seq));
    const before = await subscription(feed, { after: 0 });
    const firstResults = before.results();
    const seen = cursors(await take(firstResults, 2));
    before.close(); // the connection is gone
    await firstResults.return(undefined);
    feed.publish(caseEvent(5));
    const after = await subscription(feed, { after: Number(before.cursor) });
    const resumed = after.results();
    seen.push(...cursors(await take(resumed, 3)));
    expect(seen).toEqual(['1', '2', '3', '4', '5']);
    after.close();
  });

  it('a cursor ahead of this process (from another gateway) sends nothing twice', async () => {
    const feed = new MemoryFeed();
    for (let seq = 1; seq <= 3; seq += 1) feed.publish(caseEvent(seq));
    const live = await subscription(feed, { after: 5 });
    const results = live.results();
    const pending = take(results, 1);
    feed.publish(caseEvent(4)); // not after the cursor: skipped
    feed.publish(caseEvent(6));
    expect(cursors(await pending)).toEqual(['6']);
    live.close();
  });
});

describe('live: scope before resolving', () => {
  it('drops events outside the subscriber\'s area (and outside the status filter) before any resolving', async () => {
    const feed = new MemoryFeed();
    const resolve = visibleResolver();
    const live = await subscription(feed, { resolve, variables: { statuses: ['REPORTED'] } });
    const results = live.results();
    const pending = take(results, 1);
    feed.publish(caseEvent(1, '330402002001001')); // another township
    feed.publish(caseEvent(2, '330402001001001', 'CLOSED')); // filtered by status
    feed.publish(caseEvent(3, '330402001002001'));
    expect(cursors(await pending)).toEqual(['3']);
    expect(resolve.calls).toEqual(['case-3']);
    live.close();
  });

  it('an object the graph does not show the subscriber is not sent (the subgraph decides last)', async () => {
    const feed = new MemoryFeed();
    const resolve: ResolveObject = async (_operation, event) =>
      event.seq === 1 ? { data: null, errors: [{ message: 'not yours', extensions: { code: 'FORBIDDEN' } }] } : { data: { case: { number: 'x', status: 'REPORTED' } } };
    const live = await subscription(feed, { resolve });
    const results = live.results();
    const pending = take(results, 1);
    feed.publish(caseEvent(1));
    feed.publish(caseEvent(2));
    expect(cursors(await pending)).toEqual(['2']);
    live.close();
  });

  it('a board of an area outside the token is FORBIDDEN at the start', async () => {
    await expect(caseBoard.prepare(township, { areaCode: '330402002' }, async () => ({ data: null }))).rejects.toThrow(/outside your area/);
  });

  it('a new token (role or area changed) decides from the next event on', async () => {
    const feed = new MemoryFeed();
    const live = await subscription(feed);
    const results = live.results();
    const pending = take(results, 1);
    feed.publish(caseEvent(1, '330402001001001'));
    expect(cursors(await pending)).toEqual(['1']);
    // The same user moved to another township: the old township's events stop at once.
    live.updateAuth(auth({ ...township, areaCode: '330402002' }), await caseBoard.prepare({ ...township, areaCode: '330402002' }, {}, async () => ({ data: null })));
    const next = take(results, 1);
    feed.publish(caseEvent(2, '330402001001001'));
    feed.publish(caseEvent(3, '330402002001001'));
    expect(cursors(await next)).toEqual(['3']);
    live.close();
  });

  it('service orders: volunteers follow their village, staff their area', async () => {
    const volunteer: AuthUser = { sub: 'v', username: 'volunteer.demo', roles: ['volunteer'], areaCode: '330402001001001' };
    const state = await serviceOrdersInMyVillage.prepare(volunteer, {}, async () => ({ data: null }));
    const order = (areaCode: string): LiveEvent => ({ ...caseEvent(1), subject: 'volunteers.order.published', envelope: { ...caseEvent(1).envelope, areaCode, data: { orderId: 'o', areaCode } } });
    expect(serviceOrdersInMyVillage.admits(order('330402001001'), volunteer, {}, state)).toBe(true);
    expect(serviceOrdersInMyVillage.admits(order('330402001001002'), volunteer, {}, state)).toBe(true);
    expect(serviceOrdersInMyVillage.admits(order('330402001002'), volunteer, {}, state)).toBe(false);
  });
});

describe('live: backpressure and expiry', () => {
  it('a subscriber that does not keep up is ended with SLOW_CONSUMER and the cursor to resume after', async () => {
    const feed = new MemoryFeed();
    const live = await subscription(feed, { capacity: 2 });
    const results = live.results();
    const first = take(results, 1);
    feed.publish(caseEvent(1));
    expect(cursors(await first)).toEqual(['1']);
    // The client reads nothing more while 3 events arrive: one more than the queue holds.
    for (const seq of [2, 3, 4]) feed.publish(caseEvent(seq));
    const rest = await take(results, 5);
    expect(rest).toHaveLength(1);
    expect(rest[0].errors?.[0].extensions).toMatchObject({ code: 'SLOW_CONSUMER', cursor: '1', capacity: 2 });
    expect((await results.next()).done).toBe(true);
  });

  it('an expired token ends the stream with UNAUTHENTICATED, TOKEN_EXPIRED and the cursor', async () => {
    const feed = new MemoryFeed();
    feed.publish(caseEvent(1));
    const live = await subscription(feed, { after: 0, expiresAt: Date.now() - 1 });
    const results = await take(live.results(), 5);
    expect(results).toHaveLength(1);
    expect(results[0].errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED', cursor: '0' });
  });
});

describe('live: one resolution per identity, document and event', () => {
  it('subscribers with the same identity share it; another identity resolves on its own', async () => {
    let executed = 0;
    const shared = new SharedResolutions(async () => {
      executed += 1;
      return { data: { case: { number: 'x' } } };
    });
    const operation = boardOperation();
    const event = caseEvent(1);
    await Promise.all([shared.resolve(operation, event, auth(township), 'case-1'), shared.resolve(operation, event, { ...auth(township), token: 'another token, same user' }, 'case-1')]);
    expect(executed).toBe(1);
    await shared.resolve(operation, event, auth(otherTownship), 'case-1');
    expect(executed).toBe(2);
  });
});

describe('live: the per-event query', () => {
  it('is the subscriber\'s selection on the object, with the fragments and variables it uses', () => {
    const operation = prepareLiveOperation(schema, {
      query: `subscription S($after: String, $withStaff: Boolean!) { board: caseBoard(after: $after) { cursor case { ...F grid { staff @include(if: $withStaff) { name } } } } }
              fragment F on Case { number reporter { name } }`,
      variables: { after: '7', withStaff: true },
    });
    expect(operation.responseKey).toBe('board');
    expect(operation.args).toEqual({ after: '7' });
    expect(operation.objectQuery).toContain('query Live_caseBoard($liveId: ID!, $withStaff: Boolean!) { case(id: $liveId)');
    expect(operation.objectQuery).toContain('fragment F on Case');
    expect(operation.objectQuery).not.toContain('$after');
    expect(operation.objectVariables).toEqual({ withStaff: true });
  });

  it('refuses queries, unknown fields and two root fields', () => {
    expect(() => prepareLiveOperation(schema, { query: '{ case(id: "1") { number } }' })).toThrow(/only subscriptions/);
    expect(() => prepareLiveOperation(schema, { query: 'subscription { nope { cursor } }' })).toThrow(/Cannot query field/);
    expect(() => prepareLiveOperation(schema, { query: 'subscription { caseBoard { cursor } myCaseProgress { cursor } }' })).toThrow();
  });
});

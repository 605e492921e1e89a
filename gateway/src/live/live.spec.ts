import { buildSchema, type ExecutionResult } from 'graphql';
import { register } from 'prom-client';
import type { AuthUser } from '@lianxin/auth';
import { EventRing, type Feed, type LiveEvent, type LiveListener } from './feed.js';
import { caseBoard, serviceOrdersInMyVillage } from './live-fields.js';
import { prepareLiveOperation, type LiveOperation } from './live-operation.js';
import { LiveSubscription, parseCursor, SharedResolutions, type LiveAuth, type ObjectAnswer, type ResolveObject } from './live-subscription.js';
import { withLiveSchema } from './live.js';
import { SubscriptionCap, type CapStore } from './subscription-cap.js';
import { visibilityClass } from './visibility-class.js';
import type { Logger } from 'pino';

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

describe('live: one resolution per visibility class, document and event', () => {
  const auditor: AuthUser = { sub: 'u-auditor', username: 'jianshe.auditor', roles: ['auditor'], areaCode: '330402001' };
  const colleague: AuthUser = { sub: 'u-township-2', username: 'jianshe.deputy', roles: ['township-admin'], areaCode: '330402001' };
  const clerk: AuthUser = { sub: 'u-clerk', username: 'civil.staff', roles: ['department-staff'], areaCode: '330402001', departmentCode: 'CIVIL_AFFAIRS' };
  const plain = () => prepareLiveOperation(schema, { query: 'subscription { caseBoard { cursor case { id number status grid { code } } } }' });

  it('the same user shares; a user of another area resolves on its own', async () => {
    let executed = 0;
    const shared = new SharedResolutions(async () => {
      executed += 1;
      return { data: { case: { number: 'x' } } };
    });
    const operation = boardOperation();
    const event = caseEvent(1);
    const classOf = (user: AuthUser) => visibilityClass(user, operation.viewerIndependent);
    await Promise.all([
      shared.resolve(operation, event, auth(township), 'case-1', classOf(township)),
      shared.resolve(operation, event, { ...auth(township), token: 'another token, same user' }, 'case-1', classOf(township)),
    ]);
    expect(executed).toBe(1);
    await shared.resolve(operation, event, auth(otherTownship), 'case-1', classOf(otherTownship));
    expect(executed).toBe(2);
  });

  it('a class is exactly roles, area and department, plus the user when a selected field depends on the viewer', () => {
    const operation = plain();
    expect(operation.viewerIndependent).toBe(true);
    expect(visibilityClass(township, true)).toBe(visibilityClass(colleague, true));
    expect(visibilityClass(township, true)).not.toBe(visibilityClass(auditor, true)); // another role
    expect(visibilityClass(township, true)).not.toBe(visibilityClass(otherTownship, true)); // another area
    expect(visibilityClass(clerk, true)).not.toBe(visibilityClass({ ...clerk, sub: 'u-clerk-2' }, true)); // department staff: per user
    expect(visibilityClass({ ...township, roles: ['township-admin', 'resident'] }, true)).toContain('user:'); // a role outside the table: per user
    expect(visibilityClass(township, false)).not.toBe(visibilityClass(colleague, false));
    // Person (people's SELF row), the gateway's own awaitsMyAction, fields not in the table: per user.
    expect(prepareLiveOperation(schema, { query: 'subscription { caseBoard { cursor case { id reporter { name } } } }' }).viewerIndependent).toBe(false);
    expect(prepareLiveOperation(schema, { query: 'subscription { caseBoard { cursor case { id grid { staff { name } } } } }' }).viewerIndependent).toBe(false);
    expect(prepareLiveOperation(schema, { query: 'subscription { casesAwaitingMyAction { cursor case { id } } }' }).viewerIndependent).toBe(false);
    expect(prepareLiveOperation(schema, { query: 'subscription { caseBoard { cursor case { ... on Case { id number } } } }' }).viewerIndependent).toBe(true);
  });

  it('two roles with different views never see each other\'s payload; two users of one class share one resolution and one serialization', async () => {
    const feed = new MemoryFeed();
    const runs: string[] = [];
    // What the subgraphs would answer: the status reads differently per role (a stand-in for any role-masked field).
    const shared = new SharedResolutions(async (_query, variables, who) => {
      runs.push(who.user.sub);
      return { data: { case: { id: variables.liveId, number: `seen by ${who.user.roles.join(',')}`, status: who.user.roles.includes('auditor') ? 'CLOSED' : 'REPORTED', grid: { code: '330402001001001' } } } };
    });
    const start = async (user: AuthUser) => {
      const operation = plain();
      const state = await caseBoard.prepare(user, operation.args, async () => ({ data: null }));
      return new LiveSubscription({ feed, operation, auth: auth(user), state, resolve: shared.resolve, capacity: 100 });
    };
    const subscribers = await Promise.all([township, colleague, auditor].map(start));
    const streams = subscribers.map((subscriber) => subscriber.messages());
    const first = streams.map((stream) => stream.next());
    await Promise.resolve();
    feed.publish(caseEvent(1));
    const [mine, theirs, audited] = (await Promise.all(first)).map((next) => (next.value as { json: string }).json);
    expect(JSON.parse(mine).data.caseBoard.case.number).toBe('seen by township-admin');
    expect(JSON.parse(audited).data.caseBoard.case).toMatchObject({ number: 'seen by auditor', status: 'CLOSED' });
    expect(audited).not.toBe(mine);
    expect(theirs).toBe(mine); // the same class: the same string
    expect(runs.sort()).toEqual(['u-auditor', 'u-township']); // one resolution per class
    for (const subscriber of subscribers) subscriber.close();
  });
});

describe('live: the per-user cap over all gateway processes', () => {
  /** A compare-and-set store in memory (the NATS KV bucket's semantics: revision 0 = absent). */
  class MemoryStore implements CapStore {
    private readonly entries = new Map<string, { value: Uint8Array; revision: number }>();
    private revision = 0;
    failing = false;
    async get(key: string) {
      if (this.failing) throw new Error('NATS is down');
      return this.entries.get(key) ?? null;
    }
    async put(key: string, value: Uint8Array, revision: number) {
      if (this.failing) throw new Error('NATS is down');
      if ((this.entries.get(key)?.revision ?? 0) !== revision) return null;
      this.revision += 1;
      this.entries.set(key, { value, revision: this.revision });
      return this.revision;
    }
  }
  const logger = { warn: () => undefined } as unknown as Logger;

  it('counts a user\'s subscriptions in every process; a dead process stops counting; KV down counts this process only', async () => {
    const store = new MemoryStore();
    let now = 1_000_000;
    const make = (processId: string) => new SubscriptionCap({ max: 3, store: async () => store, logger, processId, heartbeatMs: 10_000, now: () => now });
    const [first, second] = [make('gw-1'), make('gw-2')];
    // Racing for the last places: compare-and-set lets exactly three through.
    const taken = await Promise.all([first.acquire('u'), second.acquire('u'), first.acquire('u'), second.acquire('u')]);
    expect(taken.filter(Boolean)).toHaveLength(3);
    expect(await first.acquire('u')).toBe(false);
    expect(await second.acquire('u')).toBe(false);
    expect(await first.acquire('someone else')).toBe(true);
    // A place given back in one process is free in the other.
    const holder = first.held('u') > 0 ? first : second;
    const other = holder === first ? second : first;
    holder.release('u');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await other.acquire('u')).toBe(true);
    expect(await holder.acquire('u')).toBe(false);
    // gw-2 dies: its counts stop being rewritten and no longer count after 3 heartbeats.
    const survivors = first.held('u');
    now += 31_000;
    for (let index = survivors; index < 3; index += 1) expect(await first.acquire('u')).toBe(true);
    expect(await first.acquire('u')).toBe(false);
    // NATS KV unreachable: fail open to this process's own count (still at most max here).
    store.failing = true;
    const lone = make('gw-3');
    expect([await lone.acquire('v'), await lone.acquire('v'), await lone.acquire('v'), await lone.acquire('v')]).toEqual([true, true, true, false]);
  });
});

describe('live: the per-user cap when NATS KV does not answer', () => {
  const warnings: unknown[] = [];
  const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
  const errors = async (reason: string) => (await register.getSingleMetric('gateway_live_cap_store_errors_total')!.get()).values.find((value) => value.labels.reason === reason)?.value ?? 0;

  it('a call that never answers fails open after callTimeoutMs (warning, metric); the store is left alone for retryMs, then opened again', async () => {
    let opened = 0;
    let answering = false;
    const store: CapStore = {
      get: () => (answering ? Promise.resolve(null) : new Promise<null>(() => undefined)),
      put: async () => 1,
    };
    const cap = new SubscriptionCap({ max: 2, logger, callTimeoutMs: 50, retryMs: 200, store: async () => ((opened += 1), store) });
    const timeoutsBefore = await errors('timeout');
    // Without a timeout this would wait for ever (and every later call of this user after it).
    expect(await cap.acquire('u')).toBe(true);
    expect(await errors('timeout')).toBe(timeoutsBefore + 1);
    expect(warnings).toHaveLength(1);
    // Meanwhile: this process's count only, without asking the store.
    expect(await cap.acquire('u')).toBe(true);
    expect(await cap.acquire('u')).toBe(false);
    expect(opened).toBe(1);
    expect(await errors('timeout')).toBe(timeoutsBefore + 1);
    // After retryMs the store is opened again and used.
    answering = true;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await cap.acquire('v')).toBe(true);
    expect(opened).toBe(2);
    expect(await errors('timeout')).toBe(timeoutsBefore + 1);
  });

  it('an open that never answers fails open too', async () => {
    const cap = new SubscriptionCap({ max: 1, logger, callTimeoutMs: 20, retryMs: 10_000, store: () => new Promise<CapStore>(() => undefined) });
    expect([await cap.acquire('w'), await cap.acquire('w')]).toEqual([true, false]);
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

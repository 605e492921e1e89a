import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { AuthUser } from '@lianxin/auth';
import type { GatewayContext } from '../context.js';
import { EntityCacheLayer, type Next } from './cached-fetch.js';
import { EntityCache } from './entity-cache.js';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

const NAMES = 'query Q__people__4($representations:[_Any!]!){_entities(representations:$representations){...on Person{name}}}';
const VILLAGE = 'query Q__organizations__3($representations:[_Any!]!){_entities(representations:$representations){...on Area{name parent{code name}}}}';
const GRID = 'query Q__grids__0($code:String!){grid(code:$code){__typename code name staff{role name person{__typename id}}}}';
const CASES = 'query Q__cases__1($representations:[_Any!]!){_entities(representations:$representations){...on Grid{openCases(first:10){totalCount}}}}';

const person = (n: number) => ({ __typename: 'Person', id: `00000000-0000-4000-8000-00000000000${n}` });
const area = (code: string) => ({ __typename: 'Area', code });

const countyAdmin: AuthUser = { sub: 'a1', username: 'county.admin', roles: ['county-admin'], areaCode: '330402' };
const otherCountyAdmin: AuthUser = { ...countyAdmin, sub: 'a2', username: 'county.admin2' };
const auditor: AuthUser = { sub: 'u1', username: 'county.auditor', roles: ['auditor'], areaCode: '330402' };
const resident: AuthUser = { sub: 'r1', username: 'resident.demo', roles: ['resident'], areaCode: '330402001001' };

function fetchOf(user: AuthUser | undefined, query: string, variables: Record<string, unknown>, mutation = false): Options {
  return {
    kind: 'incoming operation',
    request: { query, variables },
    incomingRequestContext: {},
    context: { headers: {}, user, mutation } as GatewayContext,
  } as unknown as Options;
}

/** A stand-in subgraph: answers by a function of the caller and the representation; records every call. */
function subgraph(answer: (user: AuthUser | undefined, representation: Record<string, string>) => unknown = (user, r) => ({ name: `${r.id ?? r.code}@${user?.sub}` })) {
  const calls: Array<{ user?: string; representations?: unknown[]; variables?: unknown }> = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const next: Next = async (options) => {
    const user = (options.context as GatewayContext).user;
    const representations = options.request.variables?.representations as Array<Record<string, string>> | undefined;
    calls.push({ user: user?.sub, representations, variables: options.request.variables });
    if (gate) await gate;
    if (!representations) return { data: { grid: { __typename: 'Grid', code: options.request.variables?.code, name: `grid@${user?.sub}`, staff: [] } } };
    return { data: { _entities: representations.map((representation) => answer(user, representation)) } };
  };
  return {
    calls,
    next,
    hold: () => {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => {
      gate = undefined;
      release?.();
    },
  };
}

function layer(options: { live?: boolean; enabled?: boolean; dedup?: boolean } = {}) {
  let live = options.live ?? true;
  let now = 1_000_000;
  const store = new EntityCache({ maxEntries: 1000, maxBytes: 1 << 20, maxAgeMs: 30_000 }, () => now);
  const cache = new EntityCacheLayer(store, { enabled: options.enabled ?? true, dedup: options.dedup ?? true, writeBypassMs: 2_000 }, () => live, () => now);
  return { cache, store, setLive: (value: boolean) => (live = value), advance: (ms: number) => (now += ms) };
}

describe('EntityCacheLayer (issue 20: cache and de-duplication between the plan and a subgraph)', () => {
  it('answers the entities it holds and sends only the others; the answer is in the order asked', async () => {
    const { cache } = layer();
    const sub = subgraph();
    await cache.process('organizations', fetchOf(countyAdmin, VILLAGE, { representations: [area('330402001001'), area('330402001002')] }), sub.next);
    const response = await cache.process('organizations', fetchOf(countyAdmin, VILLAGE, { representations: [area('330402001003'), area('330402001001'), area('330402001002')] }), sub.next);
    expect(sub.calls.map((call) => call.representations)).toEqual([[area('330402001001'), area('330402001002')], [area('330402001003')]]);
    expect(response.data?._entities).toEqual([{ name: '330402001003@a1' }, { name: '330402001001@a1' }, { name: '330402001002@a1' }]);
    // All held: no call at all.
    await cache.process('organizations', fetchOf(countyAdmin, VILLAGE, { representations: [area('330402001003')] }), sub.next);
    expect(sub.calls).toHaveLength(2);
  });

  it('a visibility class shares entries; another class never sees them', async () => {
    const { cache } = layer();
    const sub = subgraph();
    const ask = (user: AuthUser) => cache.process('organizations', fetchOf(user, VILLAGE, { representations: [area('330402001001')] }), sub.next);
    await ask(countyAdmin);
    expect((await ask(otherCountyAdmin)).data?._entities).toEqual([{ name: '330402001001@a1' }]); // same class: shared
    expect((await ask(auditor)).data?._entities).toEqual([{ name: '330402001001@u1' }]); // another role: its own answer
    expect(sub.calls.map((call) => call.user)).toEqual(['a1', 'u1']);
  });

  it('per-user types (Person) are never shared, not even within a class', async () => {
    const { cache } = layer();
    const sub = subgraph();
    const ask = (user: AuthUser) => cache.process('people', fetchOf(user, NAMES, { representations: [person(1)] }), sub.next);
    await ask(countyAdmin);
    expect((await ask(otherCountyAdmin)).data?._entities).toEqual([{ name: `${person(1).id}@a2` }]);
    expect((await ask(countyAdmin)).data?._entities).toEqual([{ name: `${person(1).id}@a1` }]);
    expect(sub.calls.map((call) => call.user)).toEqual(['a1', 'a2']);
  });

  it('residents, fetches outside the policy and calls without a user are always sent', async () => {
    const { cache } = layer();
    const sub = subgraph();
    for (let i = 0; i < 2; i += 1) {
      await cache.process('organizations', fetchOf(resident, VILLAGE, { representations: [area('330402001001')] }), sub.next);
      await cache.process('cases', fetchOf(countyAdmin, CASES, { representations: [{ __typename: 'Grid', code: '330402001001001' }] }), sub.next);
      await cache.process('organizations', fetchOf(undefined, VILLAGE, { representations: [area('330402001001')] }), sub.next);
    }
    expect(sub.calls).toHaveLength(6);
  });

  it('keeps no null, no entity with an error, and moves errors to the positions asked', async () => {
    const { cache } = layer();
    const calls: unknown[][] = [];
    const next: Next = async (options) => {
      const representations = options.request.variables!.representations as Array<{ code: string }>;
      calls.push(representations);
      return {
        data: { _entities: representations.map((r) => (r.code.endsWith('2') ? null : { name: r.code })) },
        errors: representations.flatMap((r, i) => (r.code.endsWith('3') ? [{ message: 'boom', path: ['_entities', i, 'name'] }] : [])),
      };
    };
    await cache.process('organizations', fetchOf(countyAdmin, VILLAGE, { representations: [area('330402001001')] }), next);
    const response = await cache.process('organizations', fetchOf(countyAdmin, VILLAGE, { representations: [area('330402001001'), area('330402001002'), area('330402001003')] }), next);
    expect(response.errors).toEqual([{ message: 'boom', path: ['_entities', 2, 'name'] }]);
    expect(response.data?._entities).toEqual([{ name: '330402001001' }, null, { name: '330402001003' }]);
    await cache.process('organizations', fetchOf(countyAdmin, VILLAGE, { representations: [area('330402001002'), area('330402001003')] }), next);
    expect(calls).toEqual([[area('330402001001')], [area('330402001002'), area('330402001003')], [area('330402001002'), area('330402001003')]]);
  });

  it('every hit is a fresh object: what one request does to its answer never reaches another', async () => {
    const { cache } = layer();
    const sub = subgraph();
    const ask = () => cache.process('organizations', fetchOf(countyAdmin, VILLAGE, { representations: [area('330402001001')] }), sub.next);
    const first = await ask();
    (first.data!._entities as Array<Record<string, unknown>>)[0].name = 'changed by the executor';
    expect((await ask()).data?._entities).toEqual([{ name: '330402001001@a1' }]);
  });

  it('root fetches (grid(code)) are kept whole, by class and variables', async () => {
    const { cache } = layer();
    const sub = subgraph();
    const ask = (user: AuthUser, code: string) => cache.process('grids', fetchOf(user, GRID, { code }), sub.next);
    await ask(countyAdmin, '330402001001001');
    expect((await ask(otherCountyAdmin, '330402001001001')).data).toEqual({ grid: { __typename: 'Grid', code: '330402001001001', name: 'grid@a1', staff: [] } });
    await ask(countyAdmin, '330402001001002');
    await ask(auditor, '330402001001001');
    expect(sub.calls.map((call) => `${call.user}:${(call.variables as { code: string }).code}`)).toEqual(['a1:330402001001001', 'a1:330402001001002', 'u1:330402001001001']);
  });

  it('while the invalidation feed is not live: calls only, nothing stored; after it, warm again', async () => {
    const { cache, store, setLive } = layer({ live: false });
    const sub = subgraph();
    const ask = () => cache.process('organizations', fetchOf(countyAdmin, VILLAGE, { representations: [area('330402001001')] }), sub.next);
    await ask();
    await ask();
    expect(sub.calls).toHaveLength(2);
    expect(store.size).toBe(0);
    setLive(true);
    await ask();
    await ask();
    expect(sub.calls).toHaveLength(3);
  });

  it('after their own mutation a caller reads around the cache for a moment (they see their write at once)', async () => {
    const { cache, advance } = layer();
    const sub = subgraph();
    const ask = () => cache.process('organizations', fetchOf(countyAdmin, VILLAGE, { representations: [area('330402001001')] }), sub.next);
    await ask();
    await ask();
    expect(sub.calls).toHaveLength(1);
    await cache.process('organizations', fetchOf(countyAdmin, 'mutation{updateArea(input:{code:"330402001001",name:"x"}){area{code}}}', {}, true), sub.next);
    await ask();
    expect(sub.calls).toHaveLength(3);
    advance(2_001);
    await ask();
    expect(sub.calls).toHaveLength(3);
  });

  it('in flight: identical fetches of one class are sent once; another class is sent on its own', async () => {
    const { cache } = layer({ enabled: false });
    const sub = subgraph();
    sub.hold();
    const asks = [countyAdmin, otherCountyAdmin, countyAdmin, auditor].map((user) =>
      cache.process('organizations', fetchOf(user, VILLAGE, { representations: [area('330402001001')] }), sub.next),
    );
    await new Promise((resolve) => setImmediate(resolve));
    sub.release();
    const answers = await Promise.all(asks);
    expect(sub.calls.map((call) => call.user)).toEqual(['a1', 'u1']);
    expect(answers.map((answer) => (answer.data?._entities as Array<{ name: string }>)[0].name)).toEqual(['330402001001@a1', '330402001001@a1', '330402001001@a1', '330402001001@u1']);
    // Each caller has its own objects.
    expect(answers[0].data?._entities).not.toBe(answers[1].data?._entities);
  });

  it('an event during a fetch: the answer is used but not kept, and nobody joins the old fetch', async () => {
    const { cache, store } = layer();
    const sub = subgraph();
    sub.hold();
    const first = cache.process('organizations', fetchOf(countyAdmin, VILLAGE, { representations: [area('330402001001')] }), sub.next);
    await new Promise((resolve) => setImmediate(resolve));
    store.invalidate({ subgraph: 'organizations', codes: ['330402001001'] });
    const second = cache.process('organizations', fetchOf(otherCountyAdmin, VILLAGE, { representations: [area('330402001001')] }), sub.next);
    await new Promise((resolve) => setImmediate(resolve));
    sub.release();
    await Promise.all([first, second]);
    expect(sub.calls).toHaveLength(2);
    expect(store.size).toBe(1); // only the second (read after the event) is kept
  });
});

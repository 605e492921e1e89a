import { AREA_CODE_LENGTHS } from '@lianxin/db';
import { AREA_LEVEL_LENGTHS, EntityCache, tagsOf, type EntryTags } from './entity-cache.js';

const VILLAGE = '330402001001';
const GRID = '330402001001001';
const OTHER_GRID = '330402001001002';
const TOWNSHIP = '330402001';
const PERSON = '6f0c2a8e-1b7d-4c53-9a41-2f8e5d7c9b10';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function cache(settings: Partial<ConstructorParameters<typeof EntityCache>[0]> = {}, time = clock()) {
  const events: string[] = [];
  const store = new EntityCache({ maxEntries: 100, maxBytes: 1024 * 1024, maxAgeMs: 30_000, ...settings }, time.now, {
    evicted: (reason, count) => events.push(`evicted:${reason}:${count}`),
    invalidated: (subgraph, count) => events.push(`invalidated:${subgraph}:${count}`),
  });
  const put = (key: string, tags: Partial<EntryTags> = {}, subgraph = 'grids', value = `{"k":"${key}"}`) =>
    store.set(key, subgraph, value, { codes: tags.codes ?? [], ids: tags.ids ?? [] }, store.epoch(subgraph));
  return { store, put, events, time };
}

describe('EntityCache (issue 20: the pure store)', () => {
  it('uses the area code lengths of libs/db', () => {
    expect([...AREA_LEVEL_LENGTHS]).toEqual(Object.values(AREA_CODE_LENGTHS));
  });

  it('gives back what it stored, as text (each hit is parsed afresh by the caller)', () => {
    const { store, put } = cache();
    expect(put('a')).toBe(true);
    expect(store.get('a')).toBe('{"k":"a"}');
    expect(store.get('b')).toBeUndefined();
  });

  it('staleness bound: never serves an entry as old as maxAgeMs, even without any event', () => {
    const time = clock();
    const { store, put, events } = cache({ maxAgeMs: 30_000 }, time);
    put('a');
    time.advance(29_999);
    expect(store.get('a')).toBeDefined();
    time.advance(1);
    expect(store.get('a')).toBeUndefined();
    expect(events).toContain('evicted:expired:1');
    put('b');
    time.advance(30_000);
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(0);
  });

  it('LRU by entries: the least recently used goes first', () => {
    const { store, put, events } = cache({ maxEntries: 3 });
    put('a');
    put('b');
    put('c');
    store.get('a'); // a is now the most recent
    put('d');
    expect(store.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((key) => store.get(key) !== undefined)).toEqual([true, true, true]);
    expect(events).toContain('evicted:lru:1');
  });

  it('LRU by bytes: the byte bound holds, and an entry larger than the bound is not stored', () => {
    const { store, put } = cache({ maxBytes: 2_000 });
    const value = 'x'.repeat(300); // ~600 bytes of text + overhead each
    for (const key of ['a', 'b', 'c', 'd']) put(key, {}, 'grids', value);
    expect(store.bytes).toBeLessThanOrEqual(2_000);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('d')).toBeDefined();
    expect(put('huge', {}, 'grids', 'y'.repeat(5_000))).toBe(false);
  });

  it('an event on an area drops entries about it, about areas above it and below it, not its neighbours', () => {
    const { store, put } = cache();
    put('grid', { codes: [GRID, VILLAGE] });
    put('other-grid', { codes: [OTHER_GRID] });
    put('village', { codes: [VILLAGE, TOWNSHIP] });
    put('township', { codes: [TOWNSHIP] });
    put('county', { codes: ['330402'] });
    put('other-township', { codes: ['330402002'] });
    // A change in GRID: the grid's entries and those of the areas above it (their figures include it).
    expect(store.invalidate({ subgraph: 'grids', codes: [GRID] })).toBe(4);
    expect(['grid', 'village', 'township', 'county'].map((key) => store.get(key))).toEqual([undefined, undefined, undefined, undefined]);
    expect(store.get('other-grid')).toBeDefined();
    expect(store.get('other-township')).toBeDefined();
  });

  it('a rename of a township drops the entries of the villages and grids below it (their `parent` names it)', () => {
    const { store, put } = cache();
    put('village', { codes: [VILLAGE, TOWNSHIP] });
    put('grid', { codes: [GRID] });
    put('elsewhere', { codes: ['330402002001'] });
    expect(store.invalidate({ subgraph: 'organizations', codes: [TOWNSHIP] })).toBe(0); // another subgraph's entries stay
    expect(store.invalidate({ subgraph: 'grids', codes: [TOWNSHIP] })).toBe(2);
    expect(store.get('elsewhere')).toBeDefined();
  });

  it('an event naming a person drops the entries that mention that person; `all` drops the subgraph', () => {
    const { store, put } = cache();
    put('person', { ids: [PERSON] }, 'people');
    put('other', { ids: ['00000000-0000-4000-8000-000000000001'] }, 'people');
    put('grid', { codes: [GRID], ids: [PERSON] }, 'grids');
    expect(store.invalidate({ subgraph: 'people', ids: [PERSON] })).toBe(1);
    expect(store.get('person')).toBeUndefined();
    expect(store.get('other')).toBeDefined();
    expect(store.get('grid')).toBeDefined();
    expect(store.invalidate({ subgraph: 'people', all: true })).toBe(1);
    expect(store.size).toBe(1);
  });

  it('an answer read before an event is not stored after it (the epoch moved)', () => {
    const { store } = cache();
    const before = store.epoch('grids');
    store.invalidate({ subgraph: 'grids', codes: [GRID] });
    expect(store.set('late', 'grids', '{}', { codes: [GRID], ids: [] }, before)).toBe(false);
    const peopleEpoch = store.epoch('people');
    store.invalidate({ subgraph: 'grids', codes: [GRID] });
    expect(store.set('people-entry', 'people', '{}', { codes: [], ids: [] }, peopleEpoch)).toBe(true); // other subgraphs unaffected
    const any = store.epoch('people');
    store.clear();
    expect(store.set('after-clear', 'people', '{}', { codes: [], ids: [] }, any)).toBe(false);
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });

  it('removing entries keeps the indexes consistent (no entry is dropped twice or left behind)', () => {
    const { store, put } = cache({ maxEntries: 2 });
    put('a', { codes: [GRID], ids: [PERSON] });
    put('b', { codes: [GRID] });
    put('c', { codes: [OTHER_GRID] }); // evicts a
    expect(store.invalidate({ subgraph: 'grids', ids: [PERSON] })).toBe(0);
    expect(store.invalidate({ subgraph: 'grids', codes: [GRID] })).toBe(1);
    expect(store.size).toBe(1);
  });
});

describe('tagsOf', () => {
  it('finds area codes under code keys and UUIDs anywhere, nested', () => {
    const tags = tagsOf({
      areaCode: TOWNSHIP,
      data: { personId: PERSON.toUpperCase(), toGridCode: GRID, fromGridCode: OTHER_GRID, categoryCode: 'ENVIRONMENT', title: '330402001001003', staff: [{ person: { id: PERSON } }] },
    });
    expect([...tags.codes].sort()).toEqual([GRID, OTHER_GRID, TOWNSHIP].sort());
    expect([...tags.ids]).toEqual([PERSON]);
  });
});

import type { QueryPlan } from '@apollo/query-planner';
import { PlanStore } from './plan-store.js';

/** A plan of about `bytes` bytes as the store measures them (JSON). */
function plan(label: string, bytes = 100): QueryPlan {
  const base = { kind: 'QueryPlan', node: { kind: 'Fetch', serviceName: label, operation: '', operationName: undefined, operationKind: 'query' } };
  const pad = Math.max(0, bytes - JSON.stringify(base).length);
  return { ...base, node: { ...base.node, operation: 'x'.repeat(pad) } } as unknown as QueryPlan;
}

describe('issue 20: the gateway plan store (prepared plans kept, plans built on request bounded)', () => {
  it('answers prepared plans under every key they were primed with, and counts what the gateway had to build', async () => {
    const store = new PlanStore(10_000);
    const prepared = plan('prepared');
    expect(store.prime(['by-hash', 'by-hash-and-name'], prepared, store.generation)).toBe(true);
    expect(await store.get('by-hash')).toBe(prepared);
    expect(await store.get('by-hash-and-name')).toBe(prepared);
    expect(await store.get('other')).toBeUndefined();
    await store.set('other', plan('built'));
    expect(store.builtCount).toBe(1);
    expect(store.preparedCount).toBe(2);
    // The gateway never replaces a prepared plan with its own.
    await store.set('by-hash', plan('again'));
    expect(await store.get('by-hash')).toBe(prepared);
  });

  it('drops the least recently used plans built on request past its room, never a prepared one', async () => {
    const store = new PlanStore(1_000);
    store.prime(['registered'], plan('registered', 900), store.generation);
    for (const key of ['a', 'b', 'c']) await store.set(key, plan(key, 400));
    // 3 × 400 bytes > 1,000: "a" (the oldest) went; the prepared plan's bytes are not counted.
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
    await store.set('d', plan('d', 400)); // "b" was used last, so "c" goes
    expect(await store.get('c')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
    expect(await store.get('registered')).toBeDefined();
    // A plan larger than the whole room is not kept at all.
    await store.set('huge', plan('huge', 5_000));
    expect(await store.get('huge')).toBeUndefined();
  });

  it('clear() (a new supergraph) empties both parts and refuses plans prepared for the older supergraph', async () => {
    const store = new PlanStore(10_000);
    const before = store.generation;
    store.prime(['registered'], plan('old'), before);
    await store.set('arbitrary', plan('old'));
    store.clear();
    expect(store.generation).toBe(before + 1);
    expect(await store.get('registered')).toBeUndefined();
    expect(await store.get('arbitrary')).toBeUndefined();
    // A preparation that started before the clear must not leave its plan behind.
    expect(store.prime(['registered'], plan('old'), before)).toBe(false);
    expect(await store.get('registered')).toBeUndefined();
    expect(store.prime(['registered'], plan('new'), store.generation)).toBe(true);
  });

  it('a prepared plan takes over a plan the gateway built meanwhile under the same key', async () => {
    const store = new PlanStore(10_000);
    await store.set('key', plan('built on request'));
    const prepared = plan('prepared');
    store.prime(['key'], prepared, store.generation);
    expect(store.builtCount).toBe(0);
    expect(await store.get('key')).toBe(prepared);
    expect(await store.delete('key')).toBe(true);
    expect(await store.get('key')).toBeUndefined();
  });
});

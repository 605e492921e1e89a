import { decodeCursor, paginate } from './connection.js';

/** A list of n items keyed "k<i>", paged the way a service's keyset query would, counting the calls. */
function list(n: number) {
  const items = Array.from({ length: n }, (_, index) => `k${String(index).padStart(3, '0')}`);
  const calls = { fetch: 0, count: 0 };
  return {
    calls,
    fetch: async ({ limit, afterKey }: { limit: number; afterKey?: string }) => {
      calls.fetch += 1;
      return items.filter((item) => afterKey === undefined || item > afterKey).slice(0, limit);
    },
    count: async () => {
      calls.count += 1;
      return items.length;
    },
  };
}

describe('paginate: totalCount', () => {
  it('is the rows themselves when the first page holds the whole list: no count query', async () => {
    const source = list(7);
    const connection = await paginate({ first: 10 }, source.fetch, (item) => item, source.count);
    expect(connection.edges).toHaveLength(7);
    expect(connection.pageInfo.hasNextPage).toBe(false);
    expect(await connection.totalCount).toBe(7);
    expect(source.calls).toEqual({ fetch: 1, count: 0 });
  });

  it('an empty list counts 0 without a query', async () => {
    const source = list(0);
    const connection = await paginate({ first: 10 }, source.fetch, (item) => item, source.count);
    expect(await connection.totalCount).toBe(0);
    expect(source.calls.count).toBe(0);
  });

  it('exactly a page: the extra row is missing, so the rows are the whole list', async () => {
    const source = list(10);
    const connection = await paginate({ first: 10 }, source.fetch, (item) => item, source.count);
    expect(connection.pageInfo.hasNextPage).toBe(false);
    expect(await connection.totalCount).toBe(10);
    expect(source.calls.count).toBe(0);
  });

  it('counts when another page follows, once however often it is read', async () => {
    const source = list(25);
    const connection = await paginate({ first: 10 }, source.fetch, (item) => item, source.count);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(await connection.totalCount).toBe(25);
    expect(await connection.totalCount).toBe(25);
    expect(source.calls.count).toBe(1);
  });

  it('counts on a later page even when it is the last (the rows are only the rest of the list)', async () => {
    const source = list(15);
    const first = await paginate({ first: 10 }, source.fetch, (item) => item, source.count);
    const second = await paginate({ first: 10, after: first.pageInfo.endCursor! }, source.fetch, (item) => item, source.count);
    expect(decodeCursor(first.pageInfo.endCursor!)).toBe('k009');
    expect(second.edges).toHaveLength(5);
    expect(await second.totalCount).toBe(15);
    expect(source.calls.count).toBe(1);
  });

  it('does not count when totalCount is never read', async () => {
    const source = list(25);
    await paginate({ first: 10 }, source.fetch, (item) => item, source.count);
    expect(source.calls.count).toBe(0);
  });
});

import { newestFirst } from './newest-first.js';

interface Row {
  id: string;
  at: Date;
}

describe('newest-first keyset paging', () => {
  const paging = newestFirst<Row>('at');
  const row = { id: '0b6b3f8e-6c1e-4a53-9a0e-5d7f7b7c2f10', at: new Date('2026-11-20T08:30:00.000Z') };

  it('orders by time then id, both descending', () => {
    expect(paging.orderBy).toEqual({ at: 'desc', id: 'desc' });
  });

  it('continues after the key it gave, breaking ties on the time by id', () => {
    expect(paging.after(paging.keyOf(row))).toEqual({ $or: [{ at: { $lt: row.at } }, { at: row.at, id: { $lt: row.id } }] });
  });

  it('starts at the top without a key', () => {
    expect(paging.after(undefined)).toEqual({});
  });

  it('refuses keys it did not give', () => {
    for (const key of ['', 'yesterday|x', `not-a-date|${row.id}`, `${row.at.toISOString()}|not-a-uuid`, `${paging.keyOf(row)}|extra`]) {
      expect(() => paging.after(key)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }));
    }
  });
});

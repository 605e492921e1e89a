import { assertBalanced } from './ledger.service.js';

describe('ledger postings', () => {
  it('accept one debit and one credit of equal whole points', () => {
    expect(() => assertBalanced([{ accountId: 'a', amount: 5 }, { accountId: 'b', amount: -5 }])).not.toThrow();
    expect(() => assertBalanced([{ accountId: 'a', amount: 5 }, { accountId: 'b', amount: -3 }, { accountId: 'c', amount: -2 }])).not.toThrow();
  });

  it('refuse anything that does not balance, has one side only, or moves nothing', () => {
    expect(() => assertBalanced([{ accountId: 'a', amount: 5 }, { accountId: 'b', amount: -4 }])).toThrow(/balance/);
    expect(() => assertBalanced([{ accountId: 'a', amount: 0 }, { accountId: 'b', amount: 0 }])).toThrow(/non-zero/);
    expect(() => assertBalanced([{ accountId: 'a', amount: 1.5 }, { accountId: 'b', amount: -1.5 }])).toThrow(/whole/);
    expect(() => assertBalanced([{ accountId: 'a', amount: 5 }])).toThrow(/two entries/);
  });
});

import { planMerge, withFieldChanges, type FieldChanges } from './field-merge.js';

const change = (v: number, by = 'user-a') => ({ v, by, at: '2026-12-07T08:00:00.000Z', device: 'phone-1' });

describe('merging edits made from a stale version', () => {
  const history: FieldChanges = { name: change(2), address: change(4, 'user-b') };

  it('applies everything when the edit is based on the current version or names none', () => {
    expect(planMerge(['name', 'address'], 4, 4, history)).toEqual({ merge: ['name', 'address'], conflicts: [] });
    expect(planMerge(['name'], undefined, 4, history)).toEqual({ merge: ['name'], conflicts: [] });
  });

  it('merges fields nobody changed since the edit\'s version, and names the ones someone did', () => {
    // Based on version 3: address changed at 4 (conflict), name at 2 (merge), sex never (merge).
    expect(planMerge(['name', 'address', 'sex'], 3, 4, history)).toEqual({ merge: ['name', 'sex'], conflicts: ['address'] });
    expect(planMerge(['name'], 1, 4, history)).toEqual({ merge: [], conflicts: ['name'] });
  });

  it('treats rows from before tracking as changed at their baseline version', () => {
    expect(planMerge(['name'], 5, 7, { '*': change(6, 'migration') })).toEqual({ merge: [], conflicts: ['name'] });
    expect(planMerge(['name'], 6, 7, { '*': change(6, 'migration'), address: change(7) })).toEqual({ merge: ['name'], conflicts: [] });
  });

  it('a version the row never had is a conflict on every field', () => {
    expect(planMerge(['name', 'sex'], 9, 4, history)).toEqual({ merge: [], conflicts: ['name', 'sex'] });
  });

  it('records who changed which fields into which version', () => {
    const next = withFieldChanges(history, ['sex', 'address'], change(5, 'user-c'));
    expect(next.sex).toEqual(change(5, 'user-c'));
    expect(next.address).toEqual(change(5, 'user-c'));
    expect(next.name).toEqual(change(2));
    expect(history.sex).toBeUndefined();
  });
});

import { householdIdFor, personIdFor } from './deterministic-id.js';

describe('deterministic demo ids', () => {
  it('formats sha1 as a version-5, variant-8 UUID', () => {
    // sha1('lianxin-demo-person:staff:330402001001001:0') = 93c3738b6cb40f579a0f97be9e4d942a66cc979c
    expect(personIdFor('staff:330402001001001:0')).toBe('93c3738b-6cb4-5f57-8a0f-97be9e4d942a');
    expect(personIdFor('resident:1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(personIdFor('resident:1')).not.toBe(personIdFor('resident:2'));
  });

  it('keeps households apart from persons with the same key', () => {
    expect(householdIdFor('household:330402001001001:1')).not.toBe(personIdFor('household:330402001001001:1'));
  });
});

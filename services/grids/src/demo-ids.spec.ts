import { createHash } from 'node:crypto';
import { householdIdFor, personIdFor } from './demo-ids.js';

describe('demo ids shared with the people subgraph', () => {
  it('lays sha1("lianxin-demo-person:" + key) out as a version-5, variant-8 UUID', () => {
    const key = 'staff:330402001001001:0';
    const hex = createHash('sha1').update(`lianxin-demo-person:${key}`).digest('hex');
    const id = personIdFor(key);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    const digits = id.replace(/-/g, '');
    expect(digits.slice(0, 12)).toBe(hex.slice(0, 12));
    expect(digits.slice(13, 16)).toBe(hex.slice(13, 16));
    expect(digits.slice(17, 32)).toBe(hex.slice(17, 32));
  });

  it('is stable (the people subgraph computes the same ids)', () => {
    expect(personIdFor('staff:330402001001001:0')).toBe('93c3738b-6cb4-5f57-8a0f-97be9e4d942a');
    expect(personIdFor('staff:330402001001001:0')).not.toBe(personIdFor('staff:330402001001001:1'));
    expect(householdIdFor('household:330402001001001:1')).not.toBe(personIdFor('household:330402001001001:1'));
  });
});

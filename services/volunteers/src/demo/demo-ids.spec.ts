import { personIdFor } from './demo-ids.js';

describe('demo ids', () => {
  it('computes the person ids the people subgraph gives its demo population', () => {
    // resident.demo's id in services/people (its demo population).
    expect(personIdFor('resident:demo')).toBe('93d6afad-e721-58f1-8c63-4d5595b785f7');
    expect(personIdFor('resident:2')).toBe('68a3462a-0009-5f52-86d3-63bfd9358960');
  });
});

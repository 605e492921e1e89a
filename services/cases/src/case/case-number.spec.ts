import { formatCaseNumber } from './case-number.js';

describe('case numbers', () => {
  it('are county code, report day and a 4-digit daily sequence', () => {
    expect(formatCaseNumber('330402', '2026-11-23', 7)).toBe('330402-20261123-0007');
    expect(formatCaseNumber('330402', '2026-11-23', 12345)).toBe('330402-20261123-12345');
  });
});

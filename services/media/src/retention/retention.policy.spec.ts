import { closedCaseExpired, countyOf, earliestDueClosing, MIN_RETENTION_DAYS, unattachedExpired } from './retention.policy.js';

const DAY = 86_400_000;
const now = new Date('2026-12-07T00:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);

describe('media retention (issue 17)', () => {
  it('a closed case keeps its files for its county\'s period, to the day', () => {
    expect(closedCaseExpired(365, ago(364), now)).toBe(false);
    expect(closedCaseExpired(365, ago(365), now)).toBe(true);
    expect(closedCaseExpired(1095, ago(1094), now)).toBe(false);
    expect(closedCaseExpired(1095, ago(1096), now)).toBe(true);
  });

  it('the SQL pre-filter starts at the shortest period a county may set', () => {
    expect(MIN_RETENTION_DAYS).toBe(30);
    expect(earliestDueClosing(now)).toEqual(ago(30));
  });

  it('uploads never attached go after the unattached period', () => {
    expect(unattachedExpired(7, ago(6), now)).toBe(false);
    expect(unattachedExpired(7, ago(7), now)).toBe(true);
  });

  it('the county of an area code is its first six digits', () => {
    expect(countyOf('330402001001001')).toBe('330402');
  });
});

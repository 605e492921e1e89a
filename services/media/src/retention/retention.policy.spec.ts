import { closedCaseExpired, earliestDueClosing, parseCountyDays, retentionDays, unattachedExpired, type RetentionRules } from './retention.policy.js';

const DAY = 86_400_000;
const rules: RetentionRules = { defaultDays: 1095, byCounty: parseCountyDays('330411:30, 330402:365'), unattachedDays: 7 };
const now = new Date('2026-12-07T00:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);

describe('media retention (issue 17)', () => {
  it('a closed case keeps its files for its county\'s period, else the default', () => {
    expect(retentionDays(rules, '330402001001001')).toBe(365);
    expect(retentionDays(rules, '330411001')).toBe(30);
    expect(retentionDays(rules, '330499001001001')).toBe(1095);
    expect(closedCaseExpired(rules, '330402001001001', ago(364), now)).toBe(false);
    expect(closedCaseExpired(rules, '330402001001001', ago(365), now)).toBe(true);
    expect(closedCaseExpired(rules, '330499001001001', ago(1094), now)).toBe(false);
    expect(closedCaseExpired(rules, '330499001001001', ago(1095), now)).toBe(true);
  });

  it('the SQL pre-filter starts at the shortest period of any county', () => {
    expect(earliestDueClosing(rules, now)).toEqual(ago(30));
    expect(earliestDueClosing({ ...rules, byCounty: new Map() }, now)).toEqual(ago(1095));
  });

  it('uploads never attached go after the unattached period', () => {
    expect(unattachedExpired(rules, ago(6), now)).toBe(false);
    expect(unattachedExpired(rules, ago(7), now)).toBe(true);
  });

  it('refuses a malformed county list', () => {
    expect(() => parseCountyDays('3304:10')).toThrow(/county/);
    expect(parseCountyDays('')).toEqual(new Map());
  });
});

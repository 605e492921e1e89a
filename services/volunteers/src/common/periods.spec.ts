import { chinaDate, chinaMonth, overlaps, parsePeriod, quarterEndWindow, yearPeriod } from './periods.js';

describe('periods in China Standard Time', () => {
  it('starts months, quarters and years at midnight in China', () => {
    expect(parsePeriod('2026-07')).toEqual({ label: '2026-07', start: new Date('2026-06-30T16:00:00Z'), end: new Date('2026-07-31T16:00:00Z') });
    expect(parsePeriod('2026-12')?.end).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(parsePeriod('2026-Q3')).toEqual({ label: '2026-Q3', start: new Date('2026-06-30T16:00:00Z'), end: new Date('2026-09-30T16:00:00Z') });
    expect(parsePeriod('2026')).toEqual(yearPeriod(2026));
    expect(yearPeriod(2026).start).toEqual(new Date('2025-12-31T16:00:00Z'));
  });

  it('refuses what is not a month, quarter or year', () => {
    for (const text of ['2026-13', '2026-7', '2026-Q5', '26', '2026-07-01', '']) expect(parsePeriod(text)).toBeUndefined();
  });

  it('dates an instant by the day in China', () => {
    expect(chinaDate(new Date('2026-07-31T16:30:00Z'))).toBe('2026-08-01');
    expect(chinaMonth(new Date('2026-07-31T15:59:59Z'))).toBe('2026-07');
  });

  it('tells overlapping periods apart from adjacent ones', () => {
    expect(overlaps(parsePeriod('2026-07')!, parsePeriod('2026-Q3')!)).toBe(true);
    expect(overlaps(parsePeriod('2026-06')!, parsePeriod('2026-Q3')!)).toBe(false);
  });

  it('opens redemption in the last days of each quarter only', () => {
    expect(quarterEndWindow(new Date('2026-09-24T16:00:00Z'), 7)).toEqual({ open: true, firstDay: '2026-09-24', lastDay: '2026-09-30' });
    expect(quarterEndWindow(new Date('2026-09-23T15:59:00Z'), 7)).toEqual({ open: false, firstDay: '2026-09-24', lastDay: '2026-09-30' });
    // After the window closes, the next quarter's window is announced.
    expect(quarterEndWindow(new Date('2026-10-01T08:00:00Z'), 7)).toEqual({ open: false, firstDay: '2026-12-25', lastDay: '2026-12-31' });
    expect(quarterEndWindow(new Date('2026-12-31T15:00:00Z'), 7).open).toBe(true);
    expect(quarterEndWindow(new Date('2026-12-31T16:00:00Z'), 7)).toEqual({ open: false, firstDay: '2027-03-25', lastDay: '2027-03-31' });
  });
});

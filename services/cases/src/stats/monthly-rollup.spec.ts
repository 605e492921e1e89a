import { addDays } from '../deadline/local-time.js';
import { monthOf, splitByMonth, type DayRange, type PeriodParts } from './monthly-rollup.js';

/** Every day a split stands for, months expanded to their days, in order. */
function daysOf(parts: PeriodParts): string[] {
  const days: string[] = [];
  const range = (from: string, to: string) => {
    for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  };
  if (parts.months) {
    for (let month = parts.months.from; month <= parts.months.to; month = monthOf(addDays(month, 31))) {
      range(month, addDays(monthOf(addDays(month, 31)), -1));
    }
  }
  for (const part of parts.days) range(part.from, part.to);
  return days.sort();
}

function allDays({ from, to }: DayRange): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

describe('splitting a period into whole months and partial months', () => {
  it('reads a calendar quarter from the monthly rows alone', () => {
    expect(splitByMonth({ from: '2025-04-01', to: '2025-06-30' })).toEqual({ months: { from: '2025-04-01', to: '2025-06-01' }, days: [] });
  });

  it('reads the partial months at either end from the daily rows', () => {
    expect(splitByMonth({ from: '2025-04-15', to: '2025-07-20' })).toEqual({
      months: { from: '2025-05-01', to: '2025-06-01' },
      days: [
        { from: '2025-04-15', to: '2025-04-30' },
        { from: '2025-07-01', to: '2025-07-20' },
      ],
    });
  });

  it('crosses a year boundary and knows February of a leap year', () => {
    expect(splitByMonth({ from: '2023-12-15', to: '2024-02-29' })).toEqual({
      months: { from: '2024-01-01', to: '2024-02-01' },
      days: [{ from: '2023-12-15', to: '2023-12-31' }],
    });
    expect(splitByMonth({ from: '2025-02-01', to: '2025-02-28' })).toEqual({ months: { from: '2025-02-01', to: '2025-02-01' }, days: [] });
  });

  it('reads periods without a whole month (a day, part of a month, two part months) from the daily rows in one range', () => {
    for (const period of [
      { from: '2025-04-15', to: '2025-04-15' },
      { from: '2025-04-01', to: '2025-04-29' },
      { from: '2025-04-02', to: '2025-04-30' },
      { from: '2025-04-15', to: '2025-05-10' },
    ]) {
      expect(splitByMonth(period)).toEqual({ months: null, days: [period] });
    }
  });

  it('covers every day of any period exactly once', () => {
    const starts = ['2023-12-31', '2024-01-01', '2024-01-15', '2024-02-28', '2024-02-29', '2024-03-01', '2025-06-30'];
    const lengths = [0, 1, 13, 27, 28, 29, 30, 31, 45, 59, 60, 61, 92, 366, 400];
    for (const from of starts) {
      for (const length of lengths) {
        const period = { from, to: addDays(from, length) };
        const parts = splitByMonth(period);
        expect(daysOf(parts)).toEqual(allDays(period));
        expect(parts.days.length).toBeLessThanOrEqual(2);
        if (parts.months) expect([parts.months.from, parts.months.to].every((day) => day.endsWith('-01'))).toBe(true);
      }
    }
  });
});

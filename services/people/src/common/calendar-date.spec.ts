import { ageOn, isCalendarDate, todayInChina } from './calendar-date.js';
import { DateScalar } from './date-scalar.js';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2023-13-01')).toBe(false);
    expect(isCalendarDate('2023-1-01')).toBe(false);
  });

  it('counts age in whole years', () => {
    expect(ageOn('1960-05-10', '2020-05-09')).toBe(59);
    expect(ageOn('1960-05-10', '2020-05-10')).toBe(60);
  });

  it('dates "today" in UTC+8', () => {
    expect(todayInChina(new Date('2024-03-01T17:00:00Z'))).toBe('2024-03-02');
    expect(todayInChina(new Date('2024-03-01T15:00:00Z'))).toBe('2024-03-01');
  });

  it('has a Date scalar that refuses anything else', () => {
    expect(DateScalar.parseValue('2024-02-29')).toBe('2024-02-29');
    expect(() => DateScalar.parseValue('2024-02-30')).toThrow(/YYYY-MM-DD/);
    expect(DateScalar.serialize('1990-01-02')).toBe('1990-01-02');
  });
});

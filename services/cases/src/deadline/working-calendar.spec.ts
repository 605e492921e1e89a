import { CaseClass } from '../case/case-enums.js';
import { addDays, endOfLocalDay, localDay, localTime } from './local-time.js';
import { DEFAULT_WORKING_DAYS, dueAfterWorkingDays, isWorkingDay, NO_EXCEPTIONS, workingDaysFor, type CalendarExceptions } from './working-calendar.js';

const ZONE = 'Asia/Shanghai';
/** 2026-11-02 is a Monday; 10:00 in Shanghai. */
const MONDAY_MORNING = new Date('2026-11-02T02:00:00Z');
const endOf = (day: string) => endOfLocalDay(day, ZONE).toISOString();

/** National Day week: 1–7 October off, Sunday 27 September and Saturday 10 October worked instead (调休). */
const NATIONAL_DAY: CalendarExceptions = {
  holidays: new Set(Array.from({ length: 7 }, (_, i) => addDays('2026-10-01', i))),
  makeUpWorkdays: new Set(['2026-09-27', '2026-10-10']),
};

describe('working calendar', () => {
  it('has the default deadlines 1, 3, 7, 15 and 30 working days for the five classes', () => {
    expect(DEFAULT_WORKING_DAYS).toEqual({ SIMPLE: 1, ORDINARY: 3, MAJOR: 7, DIFFICULT: 15, CROSS_REGION: 30 });
  });

  it.each([
    [CaseClass.SIMPLE, 1, '2026-11-03'],
    [CaseClass.ORDINARY, 3, '2026-11-05'],
    [CaseClass.MAJOR, 7, '2026-11-11'],
    [CaseClass.DIFFICULT, 15, '2026-11-23'],
    [CaseClass.CROSS_REGION, 30, '2026-12-14'],
  ])('a %s case (%i working days) reported on Monday 2 November is due at the end of %s', (caseClass, days, dueDay) => {
    const due = dueAfterWorkingDays(MONDAY_MORNING, DEFAULT_WORKING_DAYS[caseClass], NO_EXCEPTIONS, ZONE);
    expect(DEFAULT_WORKING_DAYS[caseClass]).toBe(days);
    expect(due.toISOString()).toBe(endOf(dueDay));
    expect(localDay(due, ZONE)).toBe(dueDay);
  });

  it('skips weekends: a simple case reported on Friday or Saturday is due on Monday', () => {
    expect(dueAfterWorkingDays(new Date('2026-11-06T09:00:00Z'), 1, NO_EXCEPTIONS, ZONE).toISOString()).toBe(endOf('2026-11-09'));
    expect(dueAfterWorkingDays(new Date('2026-11-07T03:00:00Z'), 1, NO_EXCEPTIONS, ZONE).toISOString()).toBe(endOf('2026-11-09'));
  });

  it('skips holidays and counts make-up working days across the National Day week', () => {
    const tuesday = localTime('2026-09-29', 9, 0, 0, ZONE);
    // Wed 30 Sep (1), 1–7 Oct off, Thu 8 Oct (2), Fri 9 Oct (3)
    expect(dueAfterWorkingDays(tuesday, 3, NATIONAL_DAY, ZONE).toISOString()).toBe(endOf('2026-10-09'));
    // … Sat 10 Oct is worked (4), Mon 12 (5), Tue 13 (6), Wed 14 (7)
    expect(dueAfterWorkingDays(tuesday, 7, NATIONAL_DAY, ZONE).toISOString()).toBe(endOf('2026-10-14'));
    // A simple case from Friday 9 October is due on the make-up Saturday.
    expect(dueAfterWorkingDays(localTime('2026-10-09', 16, 0, 0, ZONE), 1, NATIONAL_DAY, ZONE).toISOString()).toBe(endOf('2026-10-10'));
    expect(isWorkingDay('2026-10-01', NATIONAL_DAY)).toBe(false);
    expect(isWorkingDay('2026-09-27', NATIONAL_DAY)).toBe(true);
    expect(isWorkingDay('2026-10-11', NATIONAL_DAY)).toBe(false);
  });

  it('counts from the local day: 23:30 in Shanghai is already the next UTC day', () => {
    const lateMonday = localTime('2026-11-02', 23, 30, 0, ZONE);
    expect(lateMonday.toISOString()).toBe('2026-11-02T15:30:00.000Z');
    expect(dueAfterWorkingDays(lateMonday, 1, NO_EXCEPTIONS, ZONE).toISOString()).toBe('2026-11-03T15:59:59.000Z');
  });

  it('takes the most specific deadline rule: county and category, then county, then the default', () => {
    const rules = [
      { areaCode: '330402', categoryCode: null, caseClass: CaseClass.ORDINARY, workingDays: 5 },
      { areaCode: '330402', categoryCode: 'DISPUTE', caseClass: CaseClass.ORDINARY, workingDays: 2 },
      { areaCode: '330411', categoryCode: null, caseClass: CaseClass.SIMPLE, workingDays: 4 },
    ];
    expect(workingDaysFor(rules, '330402', 'DISPUTE', CaseClass.ORDINARY)).toBe(2);
    expect(workingDaysFor(rules, '330402', 'ENVIRONMENT', CaseClass.ORDINARY)).toBe(5);
    expect(workingDaysFor(rules, '330402', 'ENVIRONMENT', CaseClass.SIMPLE)).toBe(1);
    expect(workingDaysFor(rules, '330411', 'DISPUTE', CaseClass.SIMPLE)).toBe(4);
  });
});

import { CareKind, DEFAULT_CARE_RULES, rulesFromCountySetting } from './care-rules.js';
import { birthdayIn, chinaDay, periodOf, type CareMember, slotFulfilledBy, slotsFor, slotState } from './care-schedule.js';
import { outsideGrid } from './proof-of-visit.js';

const HOUSEHOLD = 'h-1';
const elderly: CareMember = { personId: 'p-1', tags: ['EMPTY_NEST_ELDERLY'], birthday: '11-20' };

describe('§8.3 care schedule', () => {
  it('§8.3 a month with a missed week: the missed week stays overdue, later visits fulfil their own weeks only', () => {
    // November 2026: weeks starting Mon 26 Oct … Mon 30 Nov overlap the month.
    const slots = slotsFor(HOUSEHOLD, [elderly], DEFAULT_CARE_RULES, '2026-11-01', '2026-11-30').map((slot) => ({ ...slot, fulfilled: false }));
    const visits = slots.filter((slot) => slot.kind === CareKind.VISIT);
    expect(visits.map((slot) => slot.periodStart)).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(visits.every((slot) => slot.dueDate === periodOf('WEEK', slot.periodStart)[1])).toBe(true);
    expect(slots.filter((slot) => slot.kind === CareKind.HOUSEWORK).map((slot) => [slot.windowStart, slot.dueDate])).toEqual([['2026-11-01', '2026-11-30']]);
    expect(slots.filter((slot) => slot.kind === CareKind.PROBLEM_SOLVED).map((slot) => [slot.windowStart, slot.dueDate])).toEqual([['2026-10-01', '2026-12-31']]);
    expect(slots.filter((slot) => slot.kind === CareKind.BIRTHDAY).map((slot) => [slot.personId, slot.windowStart, slot.dueDate])).toEqual([['p-1', '2026-11-13', '2026-11-20']]);

    // Visits on 29 Oct, 4 Nov, (none in the week of 9 Nov), 17 Nov twice, 25 Nov; housework on 12 Nov.
    const fulfilledBy = (kind: CareKind, day: string) => {
      const slot = slotFulfilledBy(slots, { kind, day });
      if (slot) slot.fulfilled = true;
      return slot?.periodStart ?? null;
    };
    expect(fulfilledBy(CareKind.VISIT, '2026-10-29')).toBe('2026-10-26');
    expect(fulfilledBy(CareKind.VISIT, '2026-11-04')).toBe('2026-11-02');
    expect(fulfilledBy(CareKind.VISIT, '2026-11-17')).toBe('2026-11-16');
    expect(fulfilledBy(CareKind.VISIT, '2026-11-18')).toBeNull(); // a second visit in one week pays for no other week
    expect(fulfilledBy(CareKind.VISIT, '2026-11-25')).toBe('2026-11-23');
    expect(fulfilledBy(CareKind.HOUSEWORK, '2026-11-12')).toBe('2026-11-01');

    const on30th = (slot: (typeof slots)[number]) => slotState(slot, '2026-11-30');
    expect(visits.map((slot) => [slot.periodStart, on30th(slot)])).toEqual([
      ['2026-10-26', 'FULFILLED'],
      ['2026-11-02', 'FULFILLED'],
      ['2026-11-09', 'OVERDUE'],
      ['2026-11-16', 'FULFILLED'],
      ['2026-11-23', 'FULFILLED'],
      ['2026-11-30', 'DUE_THIS_WEEK'],
    ]);
    // The birthday visit was not made: overdue after the 20th; the quarter's problem is still due later.
    expect(on30th(slots.find((slot) => slot.kind === CareKind.BIRTHDAY)!)).toBe('OVERDUE');
    expect(on30th(slots.find((slot) => slot.kind === CareKind.PROBLEM_SOLVED)!)).toBe('UPCOMING');
    expect(on30th(slots.find((slot) => slot.kind === CareKind.HOUSEWORK)!)).toBe('FULFILLED');
  });

  it('§8.3 a visit in the missed week after it ended fulfils nothing', () => {
    const slots = slotsFor(HOUSEHOLD, [elderly], DEFAULT_CARE_RULES, '2026-11-09', '2026-11-15').map((slot) => ({ ...slot, fulfilled: false }));
    expect(slotFulfilledBy(slots, { kind: CareKind.VISIT, day: '2026-11-16' })).toBeNull();
  });

  it('§8.3 due today, due this week, upcoming', () => {
    const slot = { windowStart: '2026-12-07', dueDate: '2026-12-13', fulfilled: false };
    expect(slotState(slot, '2026-12-13')).toBe('DUE_TODAY');
    expect(slotState(slot, '2026-12-08')).toBe('DUE_THIS_WEEK');
    expect(slotState({ windowStart: '2026-12-01', dueDate: '2026-12-31', fulfilled: false }, '2026-12-08')).toBe('UPCOMING');
  });

  it('§8.3 cadences per tag from the county setting: untagged households get nothing, a county may change them', () => {
    expect(slotsFor(HOUSEHOLD, [{ personId: 'p-2', tags: ['VETERAN'], birthday: '01-01' }], DEFAULT_CARE_RULES, '2026-11-01', '2026-11-30')).toEqual([]);
    const rules = rulesFromCountySetting({
      tags: {
        LOW_INCOME: { HOME_VISIT: 'MONTHLY', HOUSEWORK: null, PROBLEM_SOLVED: null, BIRTHDAY_VISIT: null },
        DISABLED: { HOME_VISIT: 'WEEKLY', HOUSEWORK: null, PROBLEM_SOLVED: null, BIRTHDAY_VISIT: 'YEARLY' },
      },
    });
    const lowIncome = slotsFor(HOUSEHOLD, [{ personId: 'p-3', tags: ['LOW_INCOME'], birthday: '11-05' }], rules, '2026-11-01', '2026-11-30');
    expect(lowIncome.map((slot) => [slot.kind, slot.windowStart, slot.dueDate])).toEqual([[CareKind.VISIT, '2026-11-01', '2026-11-30']]);
    // Two members whose tags ask for the same care at different cadences: the more frequent one.
    const both = slotsFor(HOUSEHOLD, [{ personId: 'p-3', tags: ['LOW_INCOME'], birthday: null }, { personId: 'p-5', tags: ['DISABLED'], birthday: '11-20' }], rules, '2026-11-02', '2026-11-15');
    expect(both.filter((slot) => slot.kind === CareKind.VISIT).map((slot) => slot.periodStart)).toEqual(['2026-11-02', '2026-11-09']);
    expect(both.filter((slot) => slot.kind === CareKind.BIRTHDAY).map((slot) => slot.personId)).toEqual(['p-5']);
    expect(rulesFromCountySetting({ tags: {} }).cadences).toEqual({});
  });

  it('§8.3 two tagged members share the household slots; each gets a birthday visit', () => {
    const child: CareMember = { personId: 'p-4', tags: ['LEFT_BEHIND_CHILD'], birthday: '11-03' };
    const slots = slotsFor(HOUSEHOLD, [elderly, child], DEFAULT_CARE_RULES, '2026-11-01', '2026-11-30');
    expect(slots.filter((slot) => slot.kind === CareKind.HOUSEWORK)).toHaveLength(1);
    const birthdays = slots.filter((slot) => slot.kind === CareKind.BIRTHDAY).map((slot) => ({ ...slot, fulfilled: false }));
    expect(birthdays.map((slot) => slot.personId).sort()).toEqual(['p-1', 'p-4']);
    expect(slotFulfilledBy(birthdays, { kind: CareKind.BIRTHDAY, day: '2026-11-15', personId: 'p-1' })?.personId).toBe('p-1');
  });

  it('§8.3 29 February birthdays fall on 28 February in other years; days are China days', () => {
    expect(birthdayIn(2027, '02-29')).toBe('2027-02-28');
    expect(birthdayIn(2028, '02-29')).toBe('2028-02-29');
    expect(chinaDay(new Date('2026-11-15T17:00:00Z'))).toBe('2026-11-16');
  });

  it('§8.3 proof of visit: a place outside the grid is flagged, none given is not checked', () => {
    const square = { type: 'Polygon' as const, coordinates: [[[120.75, 30.75], [120.76, 30.75], [120.76, 30.76], [120.75, 30.76], [120.75, 30.75]]] };
    expect(outsideGrid(square, 120.755, 30.755)).toBe(false);
    expect(outsideGrid(square, 120.77, 30.755)).toBe(true);
    expect(outsideGrid(square, 120.75, 30.755)).toBe(false);
    expect(outsideGrid(null, 120.77, 30.755)).toBeNull();
    expect(outsideGrid(square, null, null)).toBeNull();
  });
});

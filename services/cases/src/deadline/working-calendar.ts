import { CaseClass } from '../case/case-enums.js';
import { addDays, endOfLocalDay, localDay, weekdayOf } from './local-time.js';

/** Default deadlines in working days (DOMAIN.md §4: 1, 3, 7, 15 and 30 days; configurable per county). */
export const DEFAULT_WORKING_DAYS: Readonly<Record<CaseClass, number>> = {
  [CaseClass.SIMPLE]: 1,
  [CaseClass.ORDINARY]: 3,
  [CaseClass.MAJOR]: 7,
  [CaseClass.DIFFICULT]: 15,
  [CaseClass.CROSS_REGION]: 30,
};

/** Exceptions to "Monday to Friday": public holidays, and weekend days worked to make up for them (调休). */
export interface CalendarExceptions {
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}

export const NO_EXCEPTIONS: CalendarExceptions = { holidays: new Set(), makeUpWorkdays: new Set() };

export function isWorkingDay(day: string, calendar: CalendarExceptions): boolean {
  if (calendar.makeUpWorkdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6;
}

/** The Nth working day after the given day (the day itself never counts). */
export function nthWorkingDayAfter(day: string, workingDays: number, calendar: CalendarExceptions): string {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new Error(`working days must be a positive integer: ${workingDays}`);
  let current = day;
  for (let counted = 0; counted < workingDays; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current, calendar)) counted += 1;
  }
  return current;
}

/**
 * A deadline of N working days from an instant: the end of the Nth working day after the local day
 * the clock started (a case reported on Friday with 1 working day is due at the end of Monday).
 */
export function dueAfterWorkingDays(start: Date, workingDays: number, calendar: CalendarExceptions, timeZone: string): Date {
  return endOfLocalDay(nthWorkingDayAfter(localDay(start, timeZone), workingDays, calendar), timeZone);
}

export interface DeadlineRuleLike {
  areaCode: string;
  categoryCode: string | null;
  caseClass: CaseClass;
  workingDays: number;
}

/** The most specific rule wins: county + category, then county for every category, then the default. */
export function workingDaysFor(rules: readonly DeadlineRuleLike[], countyCode: string, categoryCode: string, caseClass: CaseClass): number {
  const forClass = rules.filter((rule) => rule.areaCode === countyCode && rule.caseClass === caseClass);
  return (
    forClass.find((rule) => rule.categoryCode === categoryCode)?.workingDays ??
    forClass.find((rule) => rule.categoryCode === null)?.workingDays ??
    DEFAULT_WORKING_DAYS[caseClass]
  );
}

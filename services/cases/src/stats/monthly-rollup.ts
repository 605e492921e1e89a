import { addDays, parseDay } from '../deadline/local-time.js';
import { DAILY_COUNTERS } from './case-contribution.js';

/**
 * The monthly rollups (case_area_month_stat, case_status_month_count): the daily rows summed per
 * calendar month, so a period reads one row per area and whole month, and day rows only for the
 * partial months at either end.
 */

const quote = (name: string) => `"${name}"`;

/** The first day of the month a day ('YYYY-MM-DD') is in: the key of its monthly rows. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The month of a date column in SQL; through `timestamp` (without time zone), so the session's zone plays no part. */
const MONTH_OF_DAY = `date_trunc('month', "day"::timestamp)::date`;

/** The monthly rows computed from the daily ones (the fill, and the check that they agree). */
export const MONTHLY_FROM_DAILY_SQL = {
  areaMonth: `select "area_code", ${MONTH_OF_DAY} as "month", ${DAILY_COUNTERS.map((name) => `sum(${quote(name)}) as ${quote(name)}`).join(', ')}
    from "case_area_day_stat" group by 1, 2`,
  statusMonth: `select "area_code", ${MONTH_OF_DAY} as "month", "status", sum("count") as "count" from "case_status_count" group by 1, 2, 3`,
};

/**
 * Fills the (empty) monthly tables from the daily tables: the migration that introduced them, and
 * rebuildStats after it recounted the daily tables (so a scale load gets them too). In key order,
 * so an area's months lie together in the table: a quarter of 20 townships is a few dozen pages.
 */
export const MONTHLY_FILL_SQL = [
  `insert into "case_area_month_stat" ("area_code", "month", ${DAILY_COUNTERS.map(quote).join(', ')}) ${MONTHLY_FROM_DAILY_SQL.areaMonth} order by 1, 2`,
  `insert into "case_status_month_count" ("area_code", "month", "status", "count") ${MONTHLY_FROM_DAILY_SQL.statusMonth} order by 1, 2, 3`,
];

export interface DayRange {
  from: string;
  to: string;
}

/** Where a period's counters are: monthly rows for its whole months, daily rows for the rest. */
export interface PeriodParts {
  /** The first days of the first and last whole month inside the period; null when it holds none. */
  months: DayRange | null;
  /** The days before the first and after the last whole month (at most two ranges). */
  days: DayRange[];
}

/** Splits a period (both ends included) into whole calendar months and the partial months at either end. */
export function splitByMonth(period: DayRange): PeriodParts {
  const firstWhole = period.from.endsWith('-01') ? period.from : firstOfNextMonth(period.from);
  const afterLastWhole = monthOf(addDays(period.to, 1));
  if (firstWhole >= afterLastWhole) return { months: null, days: [{ from: period.from, to: period.to }] };
  const days: DayRange[] = [];
  if (period.from < firstWhole) days.push({ from: period.from, to: addDays(firstWhole, -1) });
  if (afterLastWhole <= period.to) days.push({ from: afterLastWhole, to: period.to });
  return { months: { from: firstWhole, to: monthOf(addDays(afterLastWhole, -1)) }, days };
}

function firstOfNextMonth(day: string): string {
  const [year, month] = parseDay(day);
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

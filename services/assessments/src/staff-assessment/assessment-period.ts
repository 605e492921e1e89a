import { badUserInput } from '@lianxin/graphql';
import { daysInclusive, lastDayOfMonth } from '../common/calendar.js';
import { AssessmentKind } from './assessment-enums.js';

/** A period as its kind writes it, with its first and last Beijing day. */
export interface AssessmentPeriod {
  period: string;
  first: string;
  last: string;
  days: number;
}

const FORMATS: Record<AssessmentKind, { pattern: RegExp; example: string }> = {
  [AssessmentKind.GRID_MONTHLY]: { pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, example: '2026-03' },
  [AssessmentKind.VILLAGE_QUARTERLY]: { pattern: /^(\d{4})-Q([1-4])$/, example: '2026-Q1' },
  [AssessmentKind.TOWNSHIP_HALF_YEARLY]: { pattern: /^(\d{4})-H([12])$/, example: '2026-H1' },
  [AssessmentKind.DEMOCRATIC_HALF_YEARLY]: { pattern: /^(\d{4})-H([12])$/, example: '2026-H1' },
  [AssessmentKind.TOWNSHIP_YEAR_END]: { pattern: /^(\d{4})$/, example: '2026' },
};

/** Months covered: [first month, last month]. */
function monthsOf(kind: AssessmentKind, part: number): [number, number] {
  switch (kind) {
    case AssessmentKind.GRID_MONTHLY:
      return [part, part];
    case AssessmentKind.VILLAGE_QUARTERLY:
      return [(part - 1) * 3 + 1, part * 3];
    case AssessmentKind.TOWNSHIP_HALF_YEARLY:
    case AssessmentKind.DEMOCRATIC_HALF_YEARLY:
      return [(part - 1) * 6 + 1, part * 6];
    case AssessmentKind.TOWNSHIP_YEAR_END:
      return [1, 12];
  }
}

/** The period of an assessment kind, or BAD_USER_INPUT on `field` when it is not written the kind's way. */
export function periodOf(kind: AssessmentKind, period: string, field = 'period'): AssessmentPeriod {
  const format = FORMATS[kind];
  const match = format.pattern.exec(period);
  if (!match) throw badUserInput(field, `a ${kind} period is written like ${format.example}`);
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) throw badUserInput(field, 'the year must be between 2000 and 2100');
  const [firstMonth, lastMonth] = monthsOf(kind, match[2] === undefined ? 1 : Number(match[2]));
  const first = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const last = lastDayOfMonth(year, lastMonth);
  return { period, first, last, days: daysInclusive(first, last) };
}

/**
 * Months, quarters and years as the villages count them: in China Standard Time (UTC+8, no daylight
 * saving), so a fixed offset is exact. Periods are half-open ranges [start, end) of instants.
 */
const OFFSET_MS = 8 * 3_600_000;

export interface Period {
  /** `2026-07`, `2026-Q3` or `2026`. */
  label: string;
  start: Date;
  end: Date;
}

function localMidnight(year: number, monthIndex: number, day = 1): Date {
  return new Date(Date.UTC(year, monthIndex, day) - OFFSET_MS);
}

/** The calendar date in China of an instant, `YYYY-MM-DD`. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The month in China of an instant, `YYYY-MM`. */
export function chinaMonth(instant: Date): string {
  return chinaDate(instant).slice(0, 7);
}

export function yearPeriod(year: number): Period {
  return { label: String(year), start: localMidnight(year, 0), end: localMidnight(year + 1, 0) };
}

/** Parses `YYYY-MM`, `YYYY-Qn` or `YYYY`; undefined for anything else. */
export function parsePeriod(text: string): Period | undefined {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (month) {
    const [year, index] = [Number(month[1]), Number(month[2]) - 1];
    return { label: text, start: localMidnight(year, index), end: localMidnight(year, index + 1) };
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(text);
  if (quarter) {
    const [year, first] = [Number(quarter[1]), (Number(quarter[2]) - 1) * 3];
    return { label: text, start: localMidnight(year, first), end: localMidnight(year, first + 3) };
  }
  if (/^\d{4}$/.test(text)) return yearPeriod(Number(text));
  return undefined;
}

export function overlaps(a: Pick<Period, 'start' | 'end'>, b: Pick<Period, 'start' | 'end'>): boolean {
  return a.start < b.end && b.start < a.end;
}

export interface RedemptionWindow {
  /** Redemption is possible at this instant. */
  open: boolean;
  /** First and last redemption day (China dates) of the window now open, or of the next one; null when closed for good. */
  firstDay: string | null;
  lastDay: string | null;
}

/**
 * Redemption days (DOMAIN.md §5: "redeemed on quarterly redemption days"): by default the last
 * `days` days of each quarter (late March, June, September, December).
 */
export function quarterEndWindow(now: Date, days: number): RedemptionWindow {
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const quarterEndMonth = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 2;
  const window = (y: number, endMonth: number) => {
    const end = localMidnight(y, endMonth + 1);
    const first = new Date(end.getTime() - days * 86_400_000);
    return { firstDay: chinaDate(first), lastDay: chinaDate(new Date(end.getTime() - 1)), first, end };
  };
  // The quarter holding `now` ends after it, so its window is the one open now or the next to open.
  const current = window(year, quarterEndMonth);
  return { open: now >= current.first && now < current.end, firstDay: current.firstDay, lastDay: current.lastDay };
}

/** Calendar days ('YYYY-MM-DD') in a time zone, without a date library. */

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, ...options });
    cache.set(timeZone, format);
  }
  return format;
}

/** The local calendar day of an instant. */
export function localDay(instant: Date, timeZone: string): string {
  return formatter(dayFormatters, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Minutes the zone is ahead of UTC at this instant. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = formatter(partFormatters, timeZone, {
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a local wall-clock time on a day happens. */
export function localTime(day: string, hour: number, minute: number, second: number, timeZone: string): Date {
  const [year, month, date] = parseDay(day);
  const guess = Date.UTC(year, month - 1, date, hour, minute, second);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  // A second pass settles instants next to a daylight-saving change.
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60_000);
}

/** The last second of a local day. */
export function endOfLocalDay(day: string, timeZone: string): Date {
  return localTime(day, 23, 59, 59, timeZone);
}

export function parseDay(day: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a day (YYYY-MM-DD): ${day}`);
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    throw new Error(`not a calendar day: ${day}`);
  }
  return [year, month, date];
}

export function isDay(value: string): boolean {
  try {
    parseDay(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = parseDay(day);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  const [year, month, date] = parseDay(day);
  return new Date(Date.UTC(year, month - 1, date)).getUTCDay();
}

/** 'YYYY-MM-DD' → 'YYYYMMDD' */
export function compactDay(day: string): string {
  return day.replaceAll('-', '');
}

import { z } from 'zod';

/**
 * Per-county rules as data (issue 15): every value DOMAIN.md calls configurable, with its type and its
 * default. The organizations service owns the changes (versioned, effective from a day, audited) and
 * publishes them; every other service keeps a copy through `CountySettings` (county-settings.ts) and
 * asks for "the value in force on day D", so a case keeps the rule it started under.
 *
 * Pure: no database, no Nest. A value is validated with its schema when it is changed and again when a
 * copy is applied.
 */
export const CountySettingKey = {
  /** §8.1: deadlines counted in working days (holidays and make-up days) or calendar days. */
  CASE_DAY_COUNTING: 'CASE_DAY_COUNTING',
  /** §8.1: each holder's stage limit, in days of the county's day counting, per level. */
  CASE_STAGE_LIMITS: 'CASE_STAGE_LIMITS',
  /** §8.1: the clock a reopened case gets; `days: null` = the class deadline again. */
  CASE_REOPEN_CLOCK: 'CASE_REOPEN_CLOCK',
  /** §5: points per rule code, overriding the global rule's points in this county (0 turns a rule off). */
  POINT_RULES: 'POINT_RULES',
  /** §2: 1+1+3+N (Linxia) or 1+3+N (Wujin), and the expected team size of urban and rural grids. */
  STAFFING_PATTERN: 'STAFFING_PATTERN',
  /** §6: 四培五考 platform targets: visits and cases found per grid worker per window. */
  PLATFORM_TARGETS: 'PLATFORM_TARGETS',
  /** §2: households a grid worker covers (包联), lower and upper bound. */
  COVERAGE_BOUNDS: 'COVERAGE_BOUNDS',
  /** §8.3: 四个一 care cadences per focus tag. */
  CARE_CADENCES: 'CARE_CADENCES',
  /** §8.4: early-warning thresholds. */
  WARNING_THRESHOLDS: 'WARNING_THRESHOLDS',
  /** §8.5: how long a proposed result (points leaderboard, star rating) is on public notice. */
  NOTICE_PERIOD: 'NOTICE_PERIOD',
  /** Issue 17: how long the photos and files of a closed case are kept (media's retention job). */
  MEDIA_RETENTION: 'MEDIA_RETENTION',
} as const;
export type CountySettingKey = (typeof CountySettingKey)[keyof typeof CountySettingKey];
export const COUNTY_SETTING_KEYS = Object.values(CountySettingKey) as CountySettingKey[];

const days = (max: number) => z.number().int().min(1).max(max);
const cadence = z.enum(['WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY']).nullable();
const careTask = z.object({ HOME_VISIT: cadence, HOUSEWORK: cadence, PROBLEM_SOLVED: cadence, BIRTHDAY_VISIT: cadence }).strict();

export const COUNTY_SETTING_SCHEMAS = {
  CASE_DAY_COUNTING: z.object({ mode: z.enum(['WORKING_DAYS', 'CALENDAR_DAYS']) }).strict(),
  CASE_STAGE_LIMITS: z.object({ GRID: days(60), VILLAGE: days(60), TOWNSHIP: days(60), DEPARTMENT: days(90) }).strict(),
  CASE_REOPEN_CLOCK: z.object({ days: days(90).nullable() }).strict(),
  POINT_RULES: z.object({ points: z.record(z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'a rule code'), z.number().int().min(0).max(10_000)) }).strict(),
  STAFFING_PATTERN: z
    .object({ pattern: z.enum(['1+1+3+N', '1+3+N']), urbanTeamSize: z.number().int().min(2).max(50), ruralTeamSize: z.number().int().min(2).max(50) })
    .strict(),
  PLATFORM_TARGETS: z.object({ windowDays: days(366), visits: z.number().int().min(0).max(10_000), casesFound: z.number().int().min(0).max(10_000) }).strict(),
  COVERAGE_BOUNDS: z
    .object({ min: z.number().int().min(0).max(1000), max: z.number().int().min(1).max(1000) })
    .strict()
    .refine((v) => v.min <= v.max, { message: 'min must not exceed max', path: ['min'] }),
  CARE_CADENCES: z.object({ tags: z.record(z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'a tag code'), careTask) }).strict(),
  WARNING_THRESHOLDS: z
    .object({
      categoryRiseFactor: z.number().min(1).max(100),
      categoryRiseMinCases: z.number().int().min(1).max(10_000),
      categoryRiseWindowDays: days(90),
      categoryBaselineDays: days(365),
      repeatCasesPerAddress: z.number().int().min(2).max(1000),
      repeatWindowDays: days(365),
      overdueClusterPerHolder: z.number().int().min(2).max(1000),
    })
    .strict(),
  NOTICE_PERIOD: z.object({ days: days(60) }).strict(),
  MEDIA_RETENTION: z.object({ closedCaseDays: z.number().int().min(30).max(36_500) }).strict(),
} as const satisfies Record<CountySettingKey, z.ZodType>;

export type CountySettingValues = { [K in CountySettingKey]: z.infer<(typeof COUNTY_SETTING_SCHEMAS)[K]> };

const CARE_DEFAULT = { HOME_VISIT: 'WEEKLY', HOUSEWORK: 'MONTHLY', PROBLEM_SOLVED: 'QUARTERLY', BIRTHDAY_VISIT: 'YEARLY' } as const;

/** The defaults: DOMAIN.md's numbers where it gives them, ours (and said so) where it does not. */
export const COUNTY_SETTING_DEFAULTS: CountySettingValues = {
  CASE_DAY_COUNTING: { mode: 'WORKING_DAYS' },
  // DOMAIN.md gives no stage limits; ours: a grid a day, a village two, a township three, a department five.
  CASE_STAGE_LIMITS: { GRID: 1, VILLAGE: 2, TOWNSHIP: 3, DEPARTMENT: 5 },
  CASE_REOPEN_CLOCK: { days: null },
  POINT_RULES: { points: {} },
  STAFFING_PATTERN: { pattern: '1+1+3+N', urbanTeamSize: 10, ruralTeamSize: 8 },
  PLATFORM_TARGETS: { windowDays: 30, visits: 20, casesFound: 4 },
  COVERAGE_BOUNDS: { min: 30, max: 50 },
  CARE_CADENCES: {
    tags: { EMPTY_NEST_ELDERLY: CARE_DEFAULT, LIVING_ALONE_ELDERLY: CARE_DEFAULT, LEFT_BEHIND_CHILD: CARE_DEFAULT, HARDSHIP: CARE_DEFAULT },
  },
  // DOMAIN.md §8.4 names the warnings, not the numbers; ours.
  WARNING_THRESHOLDS: {
    categoryRiseFactor: 2,
    categoryRiseMinCases: 5,
    categoryRiseWindowDays: 7,
    categoryBaselineDays: 28,
    repeatCasesPerAddress: 3,
    repeatWindowDays: 30,
    overdueClusterPerHolder: 3,
  },
  // DOMAIN.md §8.5 gives no length; ours: 7 days (公示期).
  NOTICE_PERIOD: { days: 7 },
  // Issue 17 gives no period; ours: 3 years after the case closed.
  MEDIA_RETENTION: { closedCaseDays: 1095 },
};

export type SettingParse<K extends CountySettingKey> = { ok: true; value: CountySettingValues[K] } | { ok: false; path: string; reason: string };

export function isCountySettingKey(key: string): key is CountySettingKey {
  return (COUNTY_SETTING_KEYS as string[]).includes(key);
}

/** Validates a value for a key; the problem names the path inside the value (e.g. `value.GRID`). */
export function parseCountySetting<K extends CountySettingKey>(key: K, value: unknown): SettingParse<K> {
  const result = COUNTY_SETTING_SCHEMAS[key].safeParse(value);
  if (result.success) return { ok: true, value: result.data as CountySettingValues[K] };
  const issue = result.error.issues[0];
  return { ok: false, path: ['value', ...(issue?.path ?? []).map(String)].join('.'), reason: issue?.message ?? 'invalid' };
}

/** A county is a 6-digit area code; national calendar entries use this scope instead. */
export const NATIONAL_CALENDAR_SCOPE = 'NATIONAL';
export const COUNTY_CODE = /^\d{6}$/;

/** Calendar kinds: a national entry is HOLIDAY or MAKE_UP_WORKDAY; a county override may also say ORDINARY (as Monday–Friday). */
export type CalendarEntryKind = 'HOLIDAY' | 'MAKE_UP_WORKDAY' | 'ORDINARY';

export interface CalendarEntry {
  day: string;
  kind: CalendarEntryKind;
}

/** Exceptions to "Monday to Friday" in a county: the national base with the county's overrides on top. */
export interface CountyCalendarExceptions {
  holidays: Set<string>;
  makeUpWorkdays: Set<string>;
}

/** Merges the national entries and a county's overrides (pure). */
export function mergeCalendar(national: readonly CalendarEntry[], county: readonly CalendarEntry[]): CountyCalendarExceptions {
  const byDay = new Map<string, CalendarEntryKind>();
  for (const entry of national) byDay.set(entry.day, entry.kind);
  for (const entry of county) byDay.set(entry.day, entry.kind);
  const holidays = new Set<string>();
  const makeUpWorkdays = new Set<string>();
  for (const [day, kind] of byDay) {
    if (kind === 'HOLIDAY') holidays.add(day);
    else if (kind === 'MAKE_UP_WORKDAY') makeUpWorkdays.add(day);
  }
  return { holidays, makeUpWorkdays };
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone (default China Standard Time). */
export function localDayOf(at: Date, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function isDayString(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

/** Newest-first choice among versions of one setting: the latest effective day ≤ `day`, then the highest version. */
export function settingInForce<T extends { effectiveFrom: string; version: number }>(versions: readonly T[], day: string): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > day) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

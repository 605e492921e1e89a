/**
 * DOMAIN.md §8.3 "四个一" care schedule: which focus tags get which care, and how often. This file is
 * the one place the cadences live. Defaults follow Linxia: for empty-nest elderly, elderly living
 * alone, left-behind children and hardship families a home visit every week, housework once a month,
 * one problem solved every quarter and a birthday visit every year.
 *
 * Per county: `GRIDS_CARE_RULES` may hold a JSON object keyed by 6-digit county code whose values
 * override parts of the defaults, e.g. `{"330402":{"cadences":{"LOW_INCOME":["VISIT"]}}}`. (When the
 * organizations service's county settings reader lands, rulesForCounty reads it there instead.)
 */
export enum CareKind {
  VISIT = 'VISIT',
  HOUSEWORK = 'HOUSEWORK',
  PROBLEM_SOLVED = 'PROBLEM_SOLVED',
  BIRTHDAY = 'BIRTHDAY',
}

export type CarePeriod = 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

export interface CareRules {
  /** Focus tag code → the kinds of care a household with a member carrying it gets. */
  cadences: Record<string, CareKind[]>;
  /** How often each kind is due: one slot per period. BIRTHDAY is yearly, on the member's birthday. */
  periods: Record<CareKind, CarePeriod>;
  /** A birthday visit may be made this many days before the birthday; it is due on the day. */
  birthdayLeadDays: number;
  /** Missed slots stay on a worker's overdue list this many days after their due date. */
  overdueListDays: number;
  /** Slots are written this many days ahead of today. */
  horizonDays: number;
}

const ALL_FOUR = [CareKind.VISIT, CareKind.HOUSEWORK, CareKind.PROBLEM_SOLVED, CareKind.BIRTHDAY];

export const DEFAULT_CARE_RULES: CareRules = {
  cadences: {
    EMPTY_NEST_ELDERLY: ALL_FOUR,
    LIVING_ALONE_ELDERLY: ALL_FOUR,
    LEFT_BEHIND_CHILD: ALL_FOUR,
    HARDSHIP: ALL_FOUR,
  },
  periods: {
    [CareKind.VISIT]: 'WEEK',
    [CareKind.HOUSEWORK]: 'MONTH',
    [CareKind.PROBLEM_SOLVED]: 'QUARTER',
    [CareKind.BIRTHDAY]: 'YEAR',
  },
  birthdayLeadDays: 7,
  overdueListDays: 90,
  horizonDays: 35,
};

const PERIODS = new Set<CarePeriod>(['WEEK', 'MONTH', 'QUARTER', 'YEAR']);
const KINDS = new Set<string>(Object.values(CareKind));

/** The rules of one county: the defaults with that county's overrides from `overrides` (parsed GRIDS_CARE_RULES). */
export function rulesForCounty(countyCode: string, overrides: Record<string, Partial<CareRules>> = {}): CareRules {
  const own = overrides[countyCode.slice(0, 6)];
  if (!own) return DEFAULT_CARE_RULES;
  return {
    ...DEFAULT_CARE_RULES,
    ...own,
    cadences: own.cadences ?? DEFAULT_CARE_RULES.cadences,
    periods: { ...DEFAULT_CARE_RULES.periods, ...(own.periods ?? {}) },
  };
}

/** Parses GRIDS_CARE_RULES; a malformed value stops the service at start rather than silently using defaults. */
export function parseCareRuleOverrides(text: string | undefined): Record<string, Partial<CareRules>> {
  if (!text || text.trim() === '') return {};
  const parsed = JSON.parse(text) as Record<string, Partial<CareRules>>;
  for (const [county, rules] of Object.entries(parsed)) {
    if (!/^\d{6}$/.test(county)) throw new Error(`GRIDS_CARE_RULES: ${county} is not a 6-digit county code`);
    for (const [tag, kinds] of Object.entries(rules.cadences ?? {})) {
      if (!Array.isArray(kinds) || kinds.some((kind) => !KINDS.has(kind))) throw new Error(`GRIDS_CARE_RULES: ${county}.cadences.${tag} has an unknown kind`);
    }
    for (const [kind, period] of Object.entries(rules.periods ?? {})) {
      if (!KINDS.has(kind) || !PERIODS.has(period)) throw new Error(`GRIDS_CARE_RULES: ${county}.periods.${kind} is not a known kind and period`);
    }
  }
  return parsed;
}

/** Every tag any county's rules name: the tags people's care events must carry for grids to schedule. */
export function careTagsOf(rules: CareRules): Set<string> {
  return new Set(Object.keys(rules.cadences));
}

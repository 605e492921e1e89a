/**
 * DOMAIN.md §8.3 "四个一" care schedule: which focus tags get which care, and how often. The cadences
 * are county configuration: organizations' county setting CARE_CADENCES (issue 15, read from grids'
 * copy by care.service.ts and turned into CareRules by `rulesFromCountySetting`). Its default follows
 * Linxia: for empty-nest elderly, elderly living alone, left-behind children and hardship families a home
 * visit every week, housework once a month, one problem solved every quarter and a birthday visit every
 * year. The rest of this file (windows, list lengths, horizon) is ours and the same everywhere.
 */
export enum CareKind {
  VISIT = 'VISIT',
  HOUSEWORK = 'HOUSEWORK',
  PROBLEM_SOLVED = 'PROBLEM_SOLVED',
  BIRTHDAY = 'BIRTHDAY',
}

export type CarePeriod = 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

export interface CareRules {
  /** Focus tag code → the kinds of care a household with a member carrying it gets, and how often (BIRTHDAY: on the birthday, yearly). */
  cadences: Record<string, Partial<Record<CareKind, CarePeriod>>>;
  /** A birthday visit may be made this many days before the birthday; it is due on the day. */
  birthdayLeadDays: number;
  /** Missed slots stay on a worker's overdue list this many days after their due date. */
  overdueListDays: number;
  /** Slots are written this many days ahead of today. */
  horizonDays: number;
}

const LINXIA = { [CareKind.VISIT]: 'WEEK', [CareKind.HOUSEWORK]: 'MONTH', [CareKind.PROBLEM_SOLVED]: 'QUARTER', [CareKind.BIRTHDAY]: 'YEAR' } as const;

export const DEFAULT_CARE_RULES: CareRules = {
  cadences: { EMPTY_NEST_ELDERLY: LINXIA, LIVING_ALONE_ELDERLY: LINXIA, LEFT_BEHIND_CHILD: LINXIA, HARDSHIP: LINXIA },
  birthdayLeadDays: 7,
  overdueListDays: 90,
  horizonDays: 35,
};

/** The county setting CARE_CADENCES as organizations defines it (libs/events county-settings-catalog.ts). */
export interface CareCadencesSetting {
  tags: Record<string, Record<'HOME_VISIT' | 'HOUSEWORK' | 'PROBLEM_SOLVED' | 'BIRTHDAY_VISIT', 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY' | null>>;
}

const SETTING_KINDS = { HOME_VISIT: CareKind.VISIT, HOUSEWORK: CareKind.HOUSEWORK, PROBLEM_SOLVED: CareKind.PROBLEM_SOLVED, BIRTHDAY_VISIT: CareKind.BIRTHDAY } as const;
const SETTING_PERIODS = { WEEKLY: 'WEEK', MONTHLY: 'MONTH', QUARTERLY: 'QUARTER', YEARLY: 'YEAR' } as const;

/** A county's CARE_CADENCES as CareRules (null cadence: that care is not owed for the tag; a birthday visit is always yearly). */
export function rulesFromCountySetting(setting: CareCadencesSetting, base: CareRules = DEFAULT_CARE_RULES): CareRules {
  const cadences: CareRules['cadences'] = {};
  for (const [tag, tasks] of Object.entries(setting.tags)) {
    const kinds: Partial<Record<CareKind, CarePeriod>> = {};
    for (const [task, cadence] of Object.entries(tasks) as Array<[keyof typeof SETTING_KINDS, keyof typeof SETTING_PERIODS | null]>) {
      if (!cadence || !(task in SETTING_KINDS)) continue;
      const kind = SETTING_KINDS[task];
      kinds[kind] = kind === CareKind.BIRTHDAY ? 'YEAR' : SETTING_PERIODS[cadence];
    }
    if (Object.keys(kinds).length > 0) cadences[tag] = kinds;
  }
  return { ...base, cadences };
}

/** Every tag the rules name: the tags people's care events must carry for grids to schedule. */
export function careTagsOf(rules: CareRules): Set<string> {
  return new Set(Object.keys(rules.cadences));
}

const PERIOD_ORDER: Record<CarePeriod, number> = { WEEK: 0, MONTH: 1, QUARTER: 2, YEAR: 3 };

/** The more frequent of two periods (a household whose members' tags call for the same care at different cadences gets the more frequent). */
export function moreFrequent(a: CarePeriod | undefined, b: CarePeriod): CarePeriod {
  return a === undefined || PERIOD_ORDER[b] < PERIOD_ORDER[a] ? b : a;
}

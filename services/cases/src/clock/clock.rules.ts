import { CaseClass, HandlingLevel } from '../case/case-enums.js';
import { DEFAULT_WORKING_DAYS } from '../deadline/working-calendar.js';

/**
 * DOMAIN.md §8.1 — the rules of the case clock and the stage limits, in one place. The values here are
 * the defaults; a county's own values (per-county settings, issue 15) replace them, and a case keeps
 * the rule it started under (a snapshot taken when the grid verifies it, `Case.clockRule`).
 *
 * - The case clock (`dueAt`) is the class deadline (1/3/7/15/30 days, DeadlineRule per county and
 *   category): it starts when the grid verifies the case and never restarts when the case changes hands.
 * - Each holder has a stage limit of its own (`stageDueAt`), per level, counted from the hand-over,
 *   never later than the case clock while that still runs. The county is the top: its stage is the case clock.
 * - Reopening after an UNSATISFIED rating starts a new, shorter case clock (`reopenDays`; null = the class deadline).
 * - Days are working days (the holiday calendar) or calendar days: a county setting.
 */
export type DayCounting = 'WORKING_DAYS' | 'CALENDAR_DAYS';

/** Levels that have a stage limit of their own (the county's stage is the case clock). */
export type StageLevel = Exclude<HandlingLevel, HandlingLevel.COUNTY>;

export interface ClockRule {
  dayCounting: DayCounting;
  /** The class deadline of this case, in days of dayCounting. */
  classDays: number;
  stageDays: Record<StageLevel, number>;
  /** Days of the clock after a reopen; null = the class deadline again. */
  reopenDays: number | null;
}

/** The county-wide part of a clock rule (what a county configures; classDays come from DeadlineRule). */
export type CountyClockSettings = Omit<ClockRule, 'classDays'>;

/** Ours (DOMAIN.md gives no stage limits): a grid a day, a village two, a township three, a department five. */
export const DEFAULT_STAGE_DAYS: Readonly<Record<StageLevel, number>> = {
  [HandlingLevel.GRID]: 1,
  [HandlingLevel.VILLAGE]: 2,
  [HandlingLevel.TOWNSHIP]: 3,
  [HandlingLevel.DEPARTMENT]: 5,
};

export const DEFAULT_COUNTY_CLOCK: Readonly<CountyClockSettings> = {
  dayCounting: 'WORKING_DAYS',
  stageDays: { ...DEFAULT_STAGE_DAYS },
  reopenDays: null,
};

/** The default rule of a case of this class (no county settings, no DeadlineRule). */
export function defaultClockRule(caseClass: CaseClass): ClockRule {
  return { ...DEFAULT_COUNTY_CLOCK, stageDays: { ...DEFAULT_STAGE_DAYS }, classDays: DEFAULT_WORKING_DAYS[caseClass] };
}

/** The stage limit of a level in days; null for the county (its stage is the case clock). */
export function stageDaysOf(rule: ClockRule, level: HandlingLevel): number | null {
  return level === HandlingLevel.COUNTY ? null : rule.stageDays[level];
}

/** The §8.1 part of a county's settings as the clock reads it. */
export function countyClockOf(
  dayCounting: { mode: 'WORKING_DAYS' | 'CALENDAR_DAYS' },
  stageLimits: { GRID: number; VILLAGE: number; TOWNSHIP: number; DEPARTMENT: number },
  reopen: { days: number | null },
): CountyClockSettings {
  return {
    dayCounting: dayCounting.mode,
    stageDays: { GRID: stageLimits.GRID, VILLAGE: stageLimits.VILLAGE, TOWNSHIP: stageLimits.TOWNSHIP, DEPARTMENT: stageLimits.DEPARTMENT },
    reopenDays: reopen.days,
  };
}

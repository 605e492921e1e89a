/**
 * DOMAIN.md §8.4 early warning (研判预警): the rules, their thresholds and whom each warning is
 * addressed to — the one place they live. Every rule works from counters and events, never by
 * scanning cases:
 *
 * - CATEGORY_RISING — on each reported case, for its village and township: the category's reports in
 *   the last `recentDays` (7) against its own baseline, the `baselineDays` (28) before them, scaled to
 *   the same length. Fires when recent ≥ `minRecent` (5) and recent ≥ `ratio` (2.0) × max(expected,
 *   `minExpected` (1)). Read from case_daily_stat (the counters kept with every case change).
 *   Addressed to the area where it rose (village or township level).
 * - REPEATED_CASES — reports by one reporter (the household's voice: cases knows persons, not
 *   households) or from one address (normalised text of the case location) in `repeatWindowDays` (30):
 *   ≥ `repeatThreshold` (3) fires. Counted in warning_tally from cases.case.reported. Addressed to the village.
 * - OVERDUE_CLUSTER — cases that went overdue (cases.case.overdue) under one holder (a department, a
 *   named assignee, or a level's office in its area) in `clusterWindowDays` (14): ≥ `clusterThreshold`
 *   (3) fires. Addressed to the level that supervises the holder (grid → village → township → county;
 *   departments → county).
 * - DISPUTE_STAGE_OVERRUN — a pending dispute longer at its mediation level than `disputeStageDays`
 *   (grid 3, village 10, expert 30 calendar days). Found by the warnings scheduler from the open
 *   disputes (an index on pending disputes; the stage began at the first session at that level, else the
 *   last session below it, else when mediation opened). Addressed to the level above the mediators
 *   (grid → village, village and expert → township).
 * - CARE_OVERDUE — care slots a worker let pass (grids.care.overdue, §8.3). Addressed to the grid
 *   (its grid leader), one open warning per worker, its count growing.
 *
 * One open warning per rule and subject: a new finding refreshes it (count, details) instead of
 * adding another; after it is closed, the same subject raises again only after `cooldownDays` (7).
 *
 * Per county: the county setting WARNING_THRESHOLDS (organizations, issue 15; cases' copy) sets the
 * rising-category factor, minimum, window and baseline, the repeat threshold and window, and the overdue
 * cluster size (`thresholdsFromCountySetting`); the others here are ours and the same everywhere.
 */
export enum WarningRule {
  CATEGORY_RISING = 'CATEGORY_RISING',
  REPEATED_CASES = 'REPEATED_CASES',
  OVERDUE_CLUSTER = 'OVERDUE_CLUSTER',
  DISPUTE_STAGE_OVERRUN = 'DISPUTE_STAGE_OVERRUN',
  CARE_OVERDUE = 'CARE_OVERDUE',
}

export enum WarningLevel {
  GRID = 'GRID',
  VILLAGE = 'VILLAGE',
  TOWNSHIP = 'TOWNSHIP',
  COUNTY = 'COUNTY',
}

export interface WarningThresholds {
  recentDays: number;
  baselineDays: number;
  minRecent: number;
  ratio: number;
  minExpected: number;
  repeatWindowDays: number;
  repeatThreshold: number;
  clusterWindowDays: number;
  clusterThreshold: number;
  disputeStageDays: Record<'GRID' | 'VILLAGE' | 'EXPERT', number>;
  cooldownDays: number;
}

export const DEFAULT_WARNING_THRESHOLDS: WarningThresholds = {
  recentDays: 7,
  baselineDays: 28,
  minRecent: 5,
  ratio: 2,
  minExpected: 1,
  repeatWindowDays: 30,
  repeatThreshold: 3,
  clusterWindowDays: 14,
  clusterThreshold: 3,
  disputeStageDays: { GRID: 3, VILLAGE: 10, EXPERT: 30 },
  cooldownDays: 7,
};

/** The county setting WARNING_THRESHOLDS as organizations defines it (libs/events county-settings-catalog.ts). */
export interface WarningThresholdsSetting {
  categoryRiseFactor: number;
  categoryRiseMinCases: number;
  categoryRiseWindowDays: number;
  categoryBaselineDays: number;
  repeatCasesPerAddress: number;
  repeatWindowDays: number;
  overdueClusterPerHolder: number;
}

/** A county's WARNING_THRESHOLDS over the defaults. */
export function thresholdsFromCountySetting(setting: WarningThresholdsSetting, base: WarningThresholds = DEFAULT_WARNING_THRESHOLDS): WarningThresholds {
  return {
    ...base,
    ratio: setting.categoryRiseFactor,
    minRecent: setting.categoryRiseMinCases,
    recentDays: setting.categoryRiseWindowDays,
    baselineDays: setting.categoryBaselineDays,
    repeatThreshold: setting.repeatCasesPerAddress,
    repeatWindowDays: setting.repeatWindowDays,
    clusterThreshold: setting.overdueClusterPerHolder,
  };
}

/** CATEGORY_RISING: does `recent` (last recentDays) stand out against `baseline` (the baselineDays before)? */
export function categoryRising(recent: number, baseline: number, t: WarningThresholds): { fires: boolean; expected: number } {
  const expected = (baseline * t.recentDays) / t.baselineDays;
  return { fires: recent >= t.minRecent && recent >= t.ratio * Math.max(expected, t.minExpected), expected: Math.round(expected * 100) / 100 };
}

/** A count in a window reaches its threshold (REPEATED_CASES, OVERDUE_CLUSTER). */
export function reaches(count: number, threshold: number): boolean {
  return threshold > 0 && count >= threshold;
}

/** The same address written differently: no spaces or punctuation, full-width digits and letters folded. */
export function normaliseAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const folded = address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
  return folded.length >= 4 ? folded : null;
}

export function levelOfArea(areaCode: string): WarningLevel {
  switch (areaCode.length) {
    case 15:
      return WarningLevel.GRID;
    case 12:
      return WarningLevel.VILLAGE;
    case 9:
      return WarningLevel.TOWNSHIP;
    default:
      return WarningLevel.COUNTY;
  }
}

/** The area of the given level that holds a grid. */
export function areaAt(gridCode: string, level: WarningLevel): string {
  return gridCode.slice(0, { GRID: 15, VILLAGE: 12, TOWNSHIP: 9, COUNTY: 6 }[level]);
}

/** Who supervises a case holder of `handlingLevel` (HandlingLevel of the case events). */
export function supervisorOf(handlingLevel: string): WarningLevel {
  switch (handlingLevel) {
    case 'GRID':
      return WarningLevel.VILLAGE;
    case 'VILLAGE':
      return WarningLevel.TOWNSHIP;
    default:
      return WarningLevel.COUNTY; // TOWNSHIP, DEPARTMENT, COUNTY
  }
}

/** Who is told when a dispute overruns its mediation stage. */
export function disputeSupervisor(mediationLevel: string): WarningLevel {
  return mediationLevel === 'GRID' ? WarningLevel.VILLAGE : WarningLevel.TOWNSHIP;
}

/** The holder an overdue case is charged to, as a tally key. */
export function holderKey(data: { level: string; gridCode: string; assigneeDepartmentCode?: string | null; assigneeUserId?: string | null }): string {
  if (data.level === 'DEPARTMENT' && data.assigneeDepartmentCode) return `department:${data.assigneeDepartmentCode}`;
  if (data.assigneeUserId) return `user:${data.assigneeUserId}`;
  const office = data.level === 'GRID' || data.level === 'VILLAGE' || data.level === 'TOWNSHIP' || data.level === 'COUNTY' ? (data.level as WarningLevel) : WarningLevel.COUNTY;
  return `office:${data.level}:${areaAt(data.gridCode, office)}`;
}

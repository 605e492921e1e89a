import { CaseClass, CaseSource, CaseStatus, HandlingLevel, Rating } from '../case/case-enums.js';
import { isReopenResolvedOnTime, isResolvedOnTime as onTheCaseClock } from '../clock/case-clock.js';
import { localDay } from '../deadline/local-time.js';

/**
 * What one case adds to the summary counters, as a pure function of its current state. Every change
 * applies contribution(after) − contribution(before), so the counters always equal a recount from
 * the case table, whatever the path (reclassification, reopening, merging …).
 */
export interface StatFacts {
  gridCode: string;
  reportedAt: Date;
  categoryCode: string;
  caseClass: CaseClass;
  source: CaseSource;
  status: CaseStatus;
  dueAt: Date | null;
  overdue: boolean;
  resolvedAt: Date | null;
  resolvedAtLevel: HandlingLevel | null;
  resolvedByUserId: string | null;
  reportedByUserId: string;
  rating: Rating | null;
  /** §8.2: the rating was entered by staff for the resident (return visit). */
  ratingByProxy: boolean;
  reopenCount: number;
  /** §8.1: stage limits its holders ran over. */
  stageOverruns: number;
}

export const DAILY_COUNTERS = [
  'reported',
  'resolved',
  'resolved_on_time',
  'resolved_at_grid',
  'resolved_at_village',
  'resolved_at_township',
  'resolved_above',
  'handling_minutes',
  'ever_resolved',
  'rated',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'reopened',
  'reopened_cases',
  'overdue',
  // §8.2: ratings entered by staff at a return visit, apart from the residents' own (rated … unsatisfied).
  'proxy_rated',
  'proxy_satisfied',
  'proxy_basically_satisfied',
  'proxy_unsatisfied',
  // §8.1: stage limits run over, and reopened cases resolved within their reopen clock.
  'stage_overruns',
  'reopen_resolved_on_time',
] as const;
export type DailyCounter = (typeof DAILY_COUNTERS)[number];

export const WORKER_COUNTERS = ['found', 'resolved', 'resolved_on_time'] as const;
export type WorkerCounter = (typeof WORKER_COUNTERS)[number];

/** Sources where the reporting user is the grid worker who found the case. */
export const FOUND_BY_STAFF_SOURCES: readonly CaseSource[] = [CaseSource.GRID_PATROL, CaseSource.HAZARD_EVENT];

export interface DailyRow {
  areaCode: string;
  day: string;
  categoryCode: string;
  caseClass: CaseClass;
  source: CaseSource;
  counters: Partial<Record<DailyCounter, number>>;
}

export interface StatusRow {
  areaCode: string;
  day: string;
  status: CaseStatus;
  count: number;
}

export interface WorkerRow {
  userId: string;
  gridCode: string;
  day: string;
  counters: Partial<Record<WorkerCounter, number>>;
}

export interface Contribution {
  daily: DailyRow[];
  status: StatusRow[];
  workers: WorkerRow[];
}

/** The grid and each area above it down to the county: 15, 12, 9 and 6 digits. */
export function statAreasOf(gridCode: string): string[] {
  return [15, 12, 9, 6].filter((length) => gridCode.length >= length).map((length) => gridCode.slice(0, length));
}

/** §8.1 (case-clock.ts): on the case clock, never overdue, never reopened. */
export function isResolvedOnTime(facts: Pick<StatFacts, 'resolvedAt' | 'dueAt' | 'overdue' | 'reopenCount'>): boolean {
  return onTheCaseClock(facts);
}

export function handlingMinutes(facts: Pick<StatFacts, 'resolvedAt' | 'reportedAt'>): number {
  return facts.resolvedAt ? Math.max(0, Math.floor((facts.resolvedAt.getTime() - facts.reportedAt.getTime()) / 60_000)) : 0;
}

const LEVEL_COUNTER: Record<HandlingLevel, DailyCounter> = {
  [HandlingLevel.GRID]: 'resolved_at_grid',
  [HandlingLevel.VILLAGE]: 'resolved_at_village',
  [HandlingLevel.TOWNSHIP]: 'resolved_at_township',
  [HandlingLevel.DEPARTMENT]: 'resolved_above',
  [HandlingLevel.COUNTY]: 'resolved_above',
};

const RATING_COUNTER: Record<Rating, DailyCounter> = {
  [Rating.SATISFIED]: 'satisfied',
  [Rating.BASICALLY_SATISFIED]: 'basically_satisfied',
  [Rating.UNSATISFIED]: 'unsatisfied',
};

const PROXY_RATING_COUNTER: Record<Rating, DailyCounter> = {
  [Rating.SATISFIED]: 'proxy_satisfied',
  [Rating.BASICALLY_SATISFIED]: 'proxy_basically_satisfied',
  [Rating.UNSATISFIED]: 'proxy_unsatisfied',
};

export function contributionOf(facts: StatFacts, timeZone: string): Contribution {
  const day = localDay(facts.reportedAt, timeZone);
  const counters: Partial<Record<DailyCounter, number>> = { reported: 1 };
  const resolved = !!facts.resolvedAt;
  const onTime = isResolvedOnTime(facts);
  if (resolved) {
    counters.resolved = 1;
    counters.resolved_on_time = onTime ? 1 : 0;
    counters[LEVEL_COUNTER[facts.resolvedAtLevel ?? HandlingLevel.GRID]] = 1;
    counters.handling_minutes = handlingMinutes(facts);
  }
  if (resolved || facts.reopenCount > 0) counters.ever_resolved = 1;
  if (facts.rating && facts.ratingByProxy) {
    counters.proxy_rated = 1;
    counters[PROXY_RATING_COUNTER[facts.rating]] = 1;
  } else if (facts.rating) {
    counters.rated = 1;
    counters[RATING_COUNTER[facts.rating]] = 1;
  }
  if (facts.stageOverruns > 0) counters.stage_overruns = facts.stageOverruns;
  if (isReopenResolvedOnTime(facts)) counters.reopen_resolved_on_time = 1;
  if (facts.reopenCount > 0) {
    counters.reopened = facts.reopenCount;
    counters.reopened_cases = 1;
  }
  if (facts.overdue) counters.overdue = 1;

  const areas = statAreasOf(facts.gridCode);
  const workers: WorkerRow[] = [];
  if (FOUND_BY_STAFF_SOURCES.includes(facts.source) && facts.reportedByUserId !== 'system') {
    workers.push({ userId: facts.reportedByUserId, gridCode: facts.gridCode, day, counters: { found: 1 } });
  }
  if (resolved && facts.resolvedAtLevel === HandlingLevel.GRID && facts.resolvedByUserId) {
    workers.push({ userId: facts.resolvedByUserId, gridCode: facts.gridCode, day, counters: { resolved: 1, resolved_on_time: onTime ? 1 : 0 } });
  }
  return {
    daily: areas.map((areaCode) => ({ areaCode, day, categoryCode: facts.categoryCode, caseClass: facts.caseClass, source: facts.source, counters })),
    status: areas.map((areaCode) => ({ areaCode, day, status: facts.status, count: 1 })),
    workers,
  };
}

/** contribution(after) − contribution(before), merged by row key; rows whose delta is all zero are left out. */
export function contributionDelta(before: StatFacts | null, after: StatFacts | null, timeZone: string): Contribution {
  const daily = new Map<string, DailyRow>();
  const status = new Map<string, StatusRow>();
  const workers = new Map<string, WorkerRow>();
  const add = (contribution: Contribution, sign: 1 | -1) => {
    for (const row of contribution.daily) {
      const key = [row.areaCode, row.day, row.categoryCode, row.caseClass, row.source].join('|');
      const target = daily.get(key) ?? { ...row, counters: {} };
      for (const [name, value] of Object.entries(row.counters) as Array<[DailyCounter, number]>) {
        target.counters[name] = (target.counters[name] ?? 0) + sign * value;
      }
      daily.set(key, target);
    }
    for (const row of contribution.status) {
      const key = [row.areaCode, row.day, row.status].join('|');
      const target = status.get(key) ?? { ...row, count: 0 };
      target.count += sign * row.count;
      status.set(key, target);
    }
    for (const row of contribution.workers) {
      const key = [row.userId, row.gridCode, row.day].join('|');
      const target = workers.get(key) ?? { ...row, counters: {} };
      for (const [name, value] of Object.entries(row.counters) as Array<[WorkerCounter, number]>) {
        target.counters[name] = (target.counters[name] ?? 0) + sign * value;
      }
      workers.set(key, target);
    }
  };
  if (before) add(contributionOf(before, timeZone), -1);
  if (after) add(contributionOf(after, timeZone), 1);
  const nonZero = (counters: Partial<Record<string, number>>) => Object.values(counters).some((value) => value !== 0);
  const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  return {
    daily: byKey(daily).filter((row) => nonZero(row.counters)),
    status: byKey(status).filter((row) => row.count !== 0),
    workers: byKey(workers).filter((row) => nonZero(row.counters)),
  };
}

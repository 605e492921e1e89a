import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { levelOfCode, prefixPattern } from '@lianxin/db';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput } from '@lianxin/graphql';
import type { CaseStatus } from '../case/case-enums.js';
import { isDay } from '../deadline/local-time.js';
import { DAILY_COUNTERS } from './case-contribution.js';
import { splitByMonth } from './monthly-rollup.js';
import type { CaseStats, CaseStatsPeriod, GridWorkerStats } from './stats.types.js';

const MAX_PERIOD_DAYS = 3_700;

interface DailyTotals {
  area_code?: string;
  reported: string;
  resolved: string;
  resolved_on_time: string;
  resolved_at_grid: string;
  resolved_at_village: string;
  resolved_at_township: string;
  resolved_above: string;
  handling_minutes: string;
  ever_resolved: string;
  rated: string;
  satisfied: string;
  basically_satisfied: string;
  unsatisfied: string;
  reopened: string;
  reopened_cases: string;
  overdue: string;
  proxy_rated: string;
  proxy_satisfied: string;
  proxy_basically_satisfied: string;
  proxy_unsatisfied: string;
  stage_overruns: string;
  reopen_resolved_on_time: string;
}

interface StatusRow {
  area_code?: string;
  status: CaseStatus;
  count: string;
}

const TOTALS_SQL = `sum("reported") as reported, sum("resolved") as resolved, sum("resolved_on_time") as resolved_on_time,
  sum("resolved_at_grid") as resolved_at_grid, sum("resolved_at_village") as resolved_at_village,
  sum("resolved_at_township") as resolved_at_township, sum("resolved_above") as resolved_above,
  sum("handling_minutes") as handling_minutes, sum("ever_resolved") as ever_resolved, sum("rated") as rated,
  sum("satisfied") as satisfied, sum("basically_satisfied") as basically_satisfied, sum("unsatisfied") as unsatisfied,
  sum("reopened") as reopened, sum("reopened_cases") as reopened_cases, sum("overdue") as overdue,
  sum("proxy_rated") as proxy_rated, sum("proxy_satisfied") as proxy_satisfied,
  sum("proxy_basically_satisfied") as proxy_basically_satisfied, sum("proxy_unsatisfied") as proxy_unsatisfied,
  sum("stage_overruns") as stage_overruns, sum("reopen_resolved_on_time") as reopen_resolved_on_time`;

/** A table with daily rows and its monthly rollup, and the columns a statistic reads from either. */
interface RolledUpTable {
  daily: string;
  monthly: string;
  columns: string;
}

const AREA_TOTALS: RolledUpTable = {
  daily: 'case_area_day_stat',
  monthly: 'case_area_month_stat',
  columns: ['area_code', ...DAILY_COUNTERS].map((name) => `"${name}"`).join(', '),
};
const STATUS_COUNTS: RolledUpTable = { daily: 'case_status_count', monthly: 'case_status_month_count', columns: '"area_code", "status", "count"' };

/** The counter columns a breakdown groups by. */
export type BreakdownDimension = 'category_code' | 'case_class' | 'source';

/** Which counter rows a statistic reads: an area's own rows, or its counties' above county level. */
interface CounterScope {
  sql: string;
  params: unknown[];
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Area statistics from the summary counters (never from the case table): a handful of indexed sums
 * over rows of exactly that area, so a county of millions of cases answers in milliseconds.
 */
@Injectable()
export class StatsService {
  constructor(private readonly em: EntityManager) {}

  async caseStats(user: AuthUser, areaCode: string, period: CaseStatsPeriod): Promise<CaseStats> {
    this.assertReadable(user, areaCode, period);
    const [stats] = await this.caseStatsOfAreas([areaCode], period);
    return stats;
  }

  /** Throws the GraphQL error for an area the user may not read or a period that is not one. */
  assertReadable(user: AuthUser, areaCode: string, period: CaseStatsPeriod): void {
    const level = levelOfCode(areaCode);
    if (!level || level === 'MICRO_GRID') throw badUserInput('areaCode', 'must be an area code from province to grid');
    assertInScope(user, areaCode);
    if (!isDay(period.from)) throw badUserInput('period.from', 'is not a calendar day');
    if (!isDay(period.to)) throw badUserInput('period.to', 'is not a calendar day');
    if (period.from > period.to) throw badUserInput('period.to', 'must not be before period.from');
    if ((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 > MAX_PERIOD_DAYS) {
      throw badUserInput('period', `may span at most ${MAX_PERIOD_DAYS} days`);
    }
  }

  /**
   * Statistics of many areas for one period in two queries (Area.caseStats of a list of areas: one
   * batch per request); for areas the caller passed assertReadable. Areas above county level (rare)
   * add up their counties, one query each. Whole months come from the monthly rollups, the partial
   * months at either end from the daily rows, in the same statement.
   */
  async caseStatsOfAreas(areaCodes: readonly string[], period: CaseStatsPeriod): Promise<CaseStats[]> {
    const own = [...new Set(areaCodes.filter((code) => code.length >= 6))];
    const above = [...new Set(areaCodes.filter((code) => code.length < 6))];
    const connection = this.em.getConnection();
    const ownAreas = { sql: `"area_code" in (${own.map(() => '?').join(', ')})`, params: own };
    const ownTotals = periodRows(AREA_TOTALS, ownAreas, period);
    const ownStatuses = periodRows(STATUS_COUNTS, ownAreas, period);
    const [totals, statuses, ...aboveTotals] = await Promise.all([
      own.length ? connection.execute<DailyTotals[]>(`select "area_code", ${TOTALS_SQL} from (${ownTotals.sql}) as "rows" group by "area_code"`, ownTotals.params) : [],
      own.length
        ? connection.execute<StatusRow[]>(
            `select "area_code", "status", sum("count") as count from (${ownStatuses.sql}) as "rows"
             group by "area_code", "status" having sum("count") > 0 order by "area_code", "status"`,
            ownStatuses.params,
          )
        : [],
      ...above.map((code) => this.aboveCountyTotals(code, period)),
    ]);
    const totalsByArea = new Map<string, DailyTotals>(totals.map((row) => [row.area_code!, row]));
    const statusesByArea = new Map<string, StatusRow[]>();
    for (const row of statuses) statusesByArea.set(row.area_code!, [...(statusesByArea.get(row.area_code!) ?? []), row]);
    above.forEach((code, i) => {
      const [aboveRow, aboveStatuses] = aboveTotals[i];
      if (aboveRow) totalsByArea.set(code, aboveRow);
      statusesByArea.set(code, aboveStatuses);
    });
    return areaCodes.map((code) => this.toStats(code, period, totalsByArea.get(code), statusesByArea.get(code) ?? []));
  }

  private async aboveCountyTotals(areaCode: string, period: CaseStatsPeriod): Promise<[DailyTotals | undefined, StatusRow[]]> {
    const counties = countiesOf(areaCode);
    const totalRows = periodRows(AREA_TOTALS, counties, period);
    const statusRows = periodRows(STATUS_COUNTS, counties, period);
    const connection = this.em.getConnection();
    const [[total], statuses] = await Promise.all([
      connection.execute<DailyTotals[]>(`select ${TOTALS_SQL} from (${totalRows.sql}) as "rows"`, totalRows.params),
      connection.execute<StatusRow[]>(
        `select "status", sum("count") as count from (${statusRows.sql}) as "rows" group by "status" having sum("count") > 0 order by "status"`,
        statusRows.params,
      ),
    ]);
    return [total, statuses];
  }

  private toStats(areaCode: string, period: CaseStatsPeriod, total: DailyTotals | undefined, statuses: StatusRow[]): CaseStats {
    const n = (value: string | undefined) => Number(value ?? 0);
    const resolved = n(total?.resolved);
    const levels = {
      grid: n(total?.resolved_at_grid),
      village: n(total?.resolved_at_village),
      township: n(total?.resolved_at_township),
      above: n(total?.resolved_above),
    };
    const rated = n(total?.rated);
    const ratings = { satisfied: n(total?.satisfied), basicallySatisfied: n(total?.basically_satisfied), unsatisfied: n(total?.unsatisfied) };
    const proxyRated = n(total?.proxy_rated);
    const proxyRatings = {
      satisfied: n(total?.proxy_satisfied),
      basicallySatisfied: n(total?.proxy_basically_satisfied),
      unsatisfied: n(total?.proxy_unsatisfied),
    };
    return {
      areaCode,
      area: { code: areaCode },
      from: period.from,
      to: period.to,
      reported: n(total?.reported),
      resolved,
      resolvedOnTime: n(total?.resolved_on_time),
      overdue: n(total?.overdue),
      byStatus: statuses.map((row) => ({ status: row.status, count: Number(row.count) })),
      resolutionLevels: {
        ...levels,
        gridShare: ratio(levels.grid, resolved),
        withinVillageShare: ratio(levels.grid + levels.village, resolved),
        withinTownshipShare: ratio(levels.grid + levels.village + levels.township, resolved),
        aboveShare: ratio(levels.above, resolved),
      },
      onTimeRate: ratio(n(total?.resolved_on_time), resolved),
      averageHandlingHours: resolved > 0 ? n(total?.handling_minutes) / resolved / 60 : null,
      ratings,
      satisfactionRate: ratio(ratings.satisfied + ratings.basicallySatisfied, rated),
      proxyRatings,
      proxySatisfactionRate: ratio(proxyRatings.satisfied + proxyRatings.basicallySatisfied, proxyRated),
      stageOverruns: n(total?.stage_overruns),
      reopenedResolvedOnTime: n(total?.reopen_resolved_on_time),
      reopenRate: ratio(n(total?.reopened_cases), n(total?.ever_resolved)),
      reopenings: n(total?.reopened),
    };
  }

  /** Cases reported per value of one dimension (category, class, source), most first; values with none left out. */
  async breakdown(stats: Pick<CaseStats, 'areaCode' | 'from' | 'to'>, dimension: BreakdownDimension): Promise<Array<{ key: string; count: number }>> {
    const scope = this.counterScope(stats.areaCode, stats);
    const rows = await this.em.execute<Array<{ key: string; count: string }>>(
      `select "${dimension}" as key, sum("reported") as count from "case_daily_stat" where ${scope.sql}
       group by 1 having sum("reported") > 0`,
      scope.params,
    );
    return rows.map((row) => ({ key: row.key, count: Number(row.count) })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }

  /** Per grid worker of the area: cases found and resolved in the period, most active first (at most 200). */
  async gridWorkers(stats: Pick<CaseStats, 'areaCode' | 'from' | 'to'>): Promise<GridWorkerStats[]> {
    const rows = await this.em.execute<Array<{ user_id: string; found: string; resolved: string; resolved_on_time: string }>>(
      `select "user_id", sum("found") as found, sum("resolved") as resolved, sum("resolved_on_time") as resolved_on_time
       from "case_worker_stat" where "grid_code" like ? and "day" between ? and ?
       group by "user_id" having sum("found") + sum("resolved") > 0
       order by sum("found") + sum("resolved") desc, "user_id" limit 200`,
      [prefixPattern(stats.areaCode), stats.from, stats.to],
    );
    return rows.map((row) => ({ userId: row.user_id, found: Number(row.found), resolved: Number(row.resolved), resolvedOnTime: Number(row.resolved_on_time) }));
  }

  /** Counters exist per grid, village, township and county: at county level or below an area's own rows, above it its counties' added up. */
  private counterScope(areaCode: string, period: Pick<CaseStatsPeriod, 'from' | 'to'>): CounterScope {
    const area = areaCode.length >= 6 ? { sql: '"area_code" = ?', params: [areaCode] } : countiesOf(areaCode);
    return { sql: `${area.sql} and "day" between ? and ?`, params: [...area.params, period.from, period.to] };
  }
}

/** The counter rows of the counties under an area above county level. */
function countiesOf(areaCode: string): CounterScope {
  return { sql: '"area_code" like ? and length("area_code") = 6', params: [prefixPattern(areaCode)] };
}

/**
 * A period's counter rows of some areas as one `union all`: the monthly rollup for the whole months
 * inside it, the daily rows for the partial months at either end (each an index range scan).
 */
function periodRows(table: RolledUpTable, areas: CounterScope, period: Pick<CaseStatsPeriod, 'from' | 'to'>): CounterScope {
  const parts = splitByMonth(period);
  const branches = [
    ...(parts.months ? [{ from: `"${table.monthly}"`, key: '"month"', range: parts.months }] : []),
    ...parts.days.map((range) => ({ from: `"${table.daily}"`, key: '"day"', range })),
  ];
  return {
    sql: branches.map((branch) => `select ${table.columns} from ${branch.from} where ${areas.sql} and ${branch.key} between ? and ?`).join(' union all '),
    params: branches.flatMap((branch) => [...areas.params, branch.range.from, branch.range.to]),
  };
}

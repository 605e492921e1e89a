import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { levelOfCode, prefixPattern } from '@lianxin/db';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput } from '@lianxin/graphql';
import type { CaseClass, CaseSource, CaseStatus } from '../case/case-enums.js';
import { isDay } from '../deadline/local-time.js';
import type { CaseStats, CaseStatsPeriod } from './stats.types.js';

const MAX_PERIOD_DAYS = 3_700;

interface DailyTotals {
  category_code: string | null;
  case_class: CaseClass | null;
  source: CaseSource | null;
  g_category: number;
  g_class: number;
  g_source: number;
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
    const level = levelOfCode(areaCode);
    if (!level || level === 'MICRO_GRID') throw badUserInput('areaCode', 'must be an area code from province to grid');
    assertInScope(user, areaCode);
    if (!isDay(period.from)) throw badUserInput('period.from', 'is not a calendar day');
    if (!isDay(period.to)) throw badUserInput('period.to', 'is not a calendar day');
    if (period.from > period.to) throw badUserInput('period.to', 'must not be before period.from');
    if ((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 > MAX_PERIOD_DAYS) {
      throw badUserInput('period', `may span at most ${MAX_PERIOD_DAYS} days`);
    }
    // Counters exist per grid, village, township and county: at county level or below read the
    // area's own rows; above it (city, province) add up its counties.
    const area =
      areaCode.length >= 6 ? { sql: '"area_code" = ?', params: [areaCode] } : { sql: '"area_code" like ? and length("area_code") = 6', params: [prefixPattern(areaCode)] };
    const inPeriod = { sql: `${area.sql} and "day" between ? and ?`, params: [...area.params, period.from, period.to] };

    const connection = this.em.getConnection();
    const [daily, statuses, workers] = await Promise.all([
      connection.execute<DailyTotals[]>(
        `select "category_code", "case_class", "source",
            grouping("category_code") as g_category, grouping("case_class") as g_class, grouping("source") as g_source,
            sum("reported") as reported, sum("resolved") as resolved, sum("resolved_on_time") as resolved_on_time,
            sum("resolved_at_grid") as resolved_at_grid, sum("resolved_at_village") as resolved_at_village,
            sum("resolved_at_township") as resolved_at_township, sum("resolved_above") as resolved_above,
            sum("handling_minutes") as handling_minutes, sum("ever_resolved") as ever_resolved, sum("rated") as rated,
            sum("satisfied") as satisfied, sum("basically_satisfied") as basically_satisfied, sum("unsatisfied") as unsatisfied,
            sum("reopened") as reopened, sum("reopened_cases") as reopened_cases, sum("overdue") as overdue
         from "case_daily_stat" where ${inPeriod.sql}
         group by grouping sets (("category_code"), ("case_class"), ("source"), ())`,
        inPeriod.params,
      ),
      connection.execute<Array<{ status: CaseStatus; count: string }>>(
        `select "status", sum("count") as count from "case_status_count" where ${inPeriod.sql} group by "status" having sum("count") > 0 order by "status"`,
        inPeriod.params,
      ),
      connection.execute<Array<{ user_id: string; found: string; resolved: string; resolved_on_time: string }>>(
        `select "user_id", sum("found") as found, sum("resolved") as resolved, sum("resolved_on_time") as resolved_on_time
         from "case_worker_stat" where "grid_code" like ? and "day" between ? and ?
         group by "user_id" having sum("found") + sum("resolved") > 0
         order by sum("found") + sum("resolved") desc, "user_id" limit 200`,
        [prefixPattern(areaCode), period.from, period.to],
      ),
    ]);

    const total = daily.find((row) => Number(row.g_category) === 1 && Number(row.g_class) === 1 && Number(row.g_source) === 1);
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
    const grouped = <K extends 'category_code' | 'case_class' | 'source'>(key: K) =>
      daily
        .filter((row) => row[key] !== null && n(row.reported) > 0)
        .map((row) => ({ key: row[key] as NonNullable<DailyTotals[K]>, count: n(row.reported) }))
        .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));

    return {
      areaCode,
      area: { code: areaCode },
      from: period.from,
      to: period.to,
      reported: n(total?.reported),
      resolved,
      resolvedOnTime: n(total?.resolved_on_time),
      overdue: n(total?.overdue),
      byCategory: grouped('category_code').map(({ key, count }) => ({ categoryCode: key, count })),
      byClass: grouped('case_class').map(({ key, count }) => ({ caseClass: key, count })),
      bySource: grouped('source').map(({ key, count }) => ({ source: key, count })),
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
      reopenRate: ratio(n(total?.reopened_cases), n(total?.ever_resolved)),
      reopenings: n(total?.reopened),
      gridWorkers: workers.map((row) => ({
        userId: row.user_id,
        found: Number(row.found),
        resolved: Number(row.resolved),
        resolvedOnTime: Number(row.resolved_on_time),
      })),
    };
  }
}

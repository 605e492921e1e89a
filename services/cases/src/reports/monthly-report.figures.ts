import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import { HANDLING_STATUSES } from '../case/case-enums.js';
import { addDays } from '../deadline/local-time.js';
import { StatsService } from '../stats/stats.service.js';

/** The headline figures, exactly as Area.caseStats answers them for the month (read through StatsService). */
export interface HeadlineFigures {
  reported: number;
  resolved: number;
  resolvedOnTime: number;
  overdue: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  reopenRate: number | null;
  gridShare: number | null;
  withinVillageShare: number | null;
  withinTownshipShare: number | null;
}

export interface CategoryFigure {
  code: string;
  name: string;
  count: number;
  previous: number;
}

export interface HotSpot {
  gridCode: string;
  name: string | null;
  reported: number;
}

export interface OverdueHolder {
  /** Grid, village or township code, or a department code. */
  holder: string;
  level: string;
  open: number;
}

export interface OpenWarning {
  rule: string;
  level: string;
  areaCode: string;
  summary: string;
  status: string;
}

export interface MonthlyFigures {
  areaCode: string;
  month: string;
  from: string;
  to: string;
  headline: HeadlineFigures;
  /** Top categories of the month with the previous month's count. */
  categories: CategoryFigure[];
  /** Grids with the most cases reported in the month. */
  hotSpots: HotSpot[];
  /** Holders of open overdue cases now, most first. */
  overdueHolders: OverdueHolder[];
  /** Open and acknowledged warnings of the area now; null when the warnings could not be read. */
  warnings: OpenWarning[] | null;
}

const TOP = 10;
const HANDLING = HANDLING_STATUSES.map((status) => `'${status}'`).join(', ');

/** First and last day of a month 'YYYY-MM'. */
export function monthPeriod(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number);
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${month}-01`, to: addDays(next, -1) };
}

export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * What the monthly report shows, read at generation time. The headline and the categories come from
 * StatsService (the statistics query's own code), so the report never disagrees with Area.caseStats;
 * hot spots from the per-grid counters, overdue holders from the open overdue cases (partial index
 * case_open_overdue_idx), warnings from the warnings table.
 */
@Injectable()
export class MonthlyFiguresReader {
  private readonly logger = new Logger('MonthlyReport');

  constructor(
    private readonly em: EntityManager,
    private readonly stats: StatsService,
  ) {}

  async read(areaCode: string, month: string): Promise<MonthlyFigures> {
    const period = monthPeriod(month);
    const before = monthPeriod(previousMonth(month));
    const [[stats], categories, previous, hotSpots, overdueHolders, warnings] = await Promise.all([
      this.stats.caseStatsOfAreas([areaCode], period),
      this.stats.breakdown({ areaCode, ...period }, 'category_code'),
      this.stats.breakdown({ areaCode, ...before }, 'category_code'),
      this.hotSpots(areaCode, period),
      this.overdueHolders(areaCode),
      this.warnings(areaCode),
    ]);
    const names = await this.categoryNames(categories.slice(0, TOP).map((row) => row.key));
    const previousCount = new Map(previous.map((row) => [row.key, row.count]));
    return {
      areaCode,
      month,
      ...period,
      headline: {
        reported: stats.reported,
        resolved: stats.resolved,
        resolvedOnTime: stats.resolvedOnTime,
        overdue: stats.overdue,
        onTimeRate: stats.onTimeRate,
        satisfactionRate: stats.satisfactionRate,
        reopenRate: stats.reopenRate,
        gridShare: stats.resolutionLevels.gridShare,
        withinVillageShare: stats.resolutionLevels.withinVillageShare,
        withinTownshipShare: stats.resolutionLevels.withinTownshipShare,
      },
      categories: categories.slice(0, TOP).map((row) => ({ code: row.key, name: names.get(row.key) ?? row.key, count: row.count, previous: previousCount.get(row.key) ?? 0 })),
      hotSpots,
      overdueHolders,
      warnings,
    };
  }

  private async categoryNames(codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.em.execute<Array<{ code: string; name_zh: string }>>(
      `select "code", "name_zh" from "case_category" where "code" in (${codes.map(() => '?').join(', ')})`,
      codes,
    );
    return new Map(rows.map((row) => [row.code, row.name_zh]));
  }

  private async hotSpots(areaCode: string, period: { from: string; to: string }): Promise<HotSpot[]> {
    const rows = await this.em.execute<Array<{ area_code: string; reported: string; name: string | null }>>(
      `select s."area_code", sum(s."reported") as reported, min(g."name") as name from "case_area_day_stat" s
       left join "grid_name" g on g."code" = s."area_code"
       where s."area_code" like ? and length(s."area_code") = 15 and s."day" between ? and ?
       group by s."area_code" having sum(s."reported") > 0 order by sum(s."reported") desc, s."area_code" limit ${TOP}`,
      [prefixPattern(areaCode), period.from, period.to],
    );
    return rows.map((row) => ({ gridCode: row.area_code, name: row.name, reported: Number(row.reported) }));
  }

  private async overdueHolders(areaCode: string): Promise<OverdueHolder[]> {
    const rows = await this.em.execute<Array<{ holder: string; level: string; open: string }>>(
      `select case "level" when 'GRID' then "grid_code" when 'VILLAGE' then left("grid_code", 12) when 'TOWNSHIP' then left("grid_code", 9)
                when 'DEPARTMENT' then coalesce("assignee_department_code", left("grid_code", 6)) else left("grid_code", 6) end as holder,
              "level" as level, count(*) as open
       from "case" where "grid_code" like ? and "overdue" and "status" in (${HANDLING})
       group by 1, 2 order by count(*) desc, 1 limit ${TOP}`,
      [prefixPattern(areaCode)],
    );
    return rows.map((row) => ({ holder: row.holder, level: row.level, open: Number(row.open) }));
  }

  private async warnings(areaCode: string): Promise<OpenWarning[] | null> {
    try {
      const rows = await this.em.execute<Array<{ rule: string; level: string; area_code: string; summary: string; status: string }>>(
        `select "rule", "level", "area_code", "summary", "status" from "warning"
         where "area_code" like ? and "status" in ('OPEN', 'ACKNOWLEDGED') order by "area_code", "rule" limit 50`,
        [prefixPattern(areaCode)],
      );
      return rows.map((row) => ({ rule: row.rule, level: row.level, areaCode: row.area_code, summary: row.summary, status: row.status }));
    } catch (error) {
      this.logger.warn({ err: error, areaCode }, 'monthly report: warnings not readable; the report says so');
      return null;
    }
  }
}

import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { CaseClass, CaseSource, CaseStatus } from '../case/case-enums.js';

/** The counter columns of case_daily_stat carried in its covering index (what a breakdown reads; the §8.1/§8.2 counters are read from the area tables). */
const DAILY_COUNTER_COLUMNS = [
  'category_code', 'case_class', 'source', 'reported', 'resolved', 'resolved_on_time', 'resolved_at_grid', 'resolved_at_village',
  'resolved_at_township', 'resolved_above', 'handling_minutes', 'ever_resolved', 'rated', 'satisfied', 'basically_satisfied',
  'unsatisfied', 'reopened', 'reopened_cases', 'overdue',
];

/** The counters of a case cohort (DAILY_COUNTERS in case-contribution.ts), shared by the daily and monthly tables. */
abstract class DailyCounters {
  @Property({ type: 'integer', default: 0 }) reported: number;
  @Property({ type: 'integer', default: 0 }) resolved: number;
  @Property({ type: 'integer', default: 0 }) resolvedOnTime: number;
  @Property({ type: 'integer', default: 0 }) resolvedAtGrid: number;
  @Property({ type: 'integer', default: 0 }) resolvedAtVillage: number;
  @Property({ type: 'integer', default: 0 }) resolvedAtTownship: number;
  @Property({ type: 'integer', default: 0 }) resolvedAbove: number;
  @Property({ type: 'bigint', default: 0 }) handlingMinutes: string;
  @Property({ type: 'integer', default: 0 }) everResolved: number;
  @Property({ type: 'integer', default: 0 }) rated: number;
  @Property({ type: 'integer', default: 0 }) satisfied: number;
  @Property({ type: 'integer', default: 0 }) basicallySatisfied: number;
  @Property({ type: 'integer', default: 0 }) unsatisfied: number;
  @Property({ type: 'integer', default: 0 }) reopened: number;
  @Property({ type: 'integer', default: 0 }) reopenedCases: number;
  @Property({ type: 'integer', default: 0 }) overdue: number;
  @Property({ type: 'integer', default: 0 }) proxyRated: number;
  @Property({ type: 'integer', default: 0 }) proxySatisfied: number;
  @Property({ type: 'integer', default: 0 }) proxyBasicallySatisfied: number;
  @Property({ type: 'integer', default: 0 }) proxyUnsatisfied: number;
  @Property({ type: 'integer', default: 0 }) stageOverruns: number;
  @Property({ type: 'integer', default: 0 }) reopenResolvedOnTime: number;
}

/**
 * Summary counters kept in the same transaction as every case change, so statistics for a county
 * of millions of cases are sums over a few thousand rows. Each case counts on the local day it was
 * reported (a cohort), once for each area above it: grid, village, township and county, so a query
 * for an area reads its own rows by equality instead of every grid below it.
 */
@Entity({ tableName: 'case_daily_stat' })
// Covering: an area's period is summed from the index alone (index-only scan), however scattered its rows are in the table.
@Index({
  name: 'case_daily_stat_area_day_idx',
  expression: `create index "case_daily_stat_area_day_idx" on "case_daily_stat" ("area_code", "day") include (${DAILY_COUNTER_COLUMNS.map((column) => `"${column}"`).join(', ')})`,
})
export class CaseDailyStat extends DailyCounters {
  @PrimaryKey({ type: 'text' })
  areaCode: string;

  @PrimaryKey({ type: 'date' })
  day: string;

  @PrimaryKey({ type: 'text' })
  categoryCode: string;

  @Enum({ items: () => CaseClass, nativeEnumName: 'case_class', primary: true })
  caseClass: CaseClass;

  @Enum({ items: () => CaseSource, nativeEnumName: 'case_source', primary: true })
  source: CaseSource;
}

/**
 * The same counters per area and day only (case_daily_stat summed over category, class and source),
 * kept in the same transaction: an area's totals for a quarter are ~90 rows instead of thousands.
 */
@Entity({ tableName: 'case_area_day_stat' })
export class CaseAreaDayStat extends DailyCounters {
  @PrimaryKey({ type: 'text' })
  areaCode: string;

  @PrimaryKey({ type: 'date' })
  day: string;
}

/**
 * case_area_day_stat summed per area and calendar month of the report day (`month` = its first day),
 * written in the same statement as the day rows (stats-recorder.ts): a quarter is 3 rows per area.
 * No covering index on purpose: the current month's rows change with every case, and an index
 * without counters lets those updates stay HOT; 3 heap rows per area cost nothing to read.
 */
@Entity({ tableName: 'case_area_month_stat' })
export class CaseAreaMonthStat extends DailyCounters {
  @PrimaryKey({ type: 'text' })
  areaCode: string;

  @PrimaryKey({ type: 'date' })
  month: string;
}

/** Cases per area, report day and current status. */
@Entity({ tableName: 'case_status_count' })
// Covering: an area's statuses for a period come from the index alone.
@Index({ name: 'case_status_count_area_day_idx', expression: 'create index "case_status_count_area_day_idx" on "case_status_count" ("area_code", "day") include ("status", "count")' })
export class CaseStatusCount {
  @PrimaryKey({ type: 'text' })
  areaCode: string;

  @PrimaryKey({ type: 'date' })
  day: string;

  @Enum({ items: () => CaseStatus, nativeEnumName: 'case_status', primary: true })
  status: CaseStatus;

  @Property({ type: 'integer', default: 0 })
  count: number;
}

/** case_status_count summed per calendar month of the report day, kept like case_area_month_stat. */
@Entity({ tableName: 'case_status_month_count' })
export class CaseStatusMonthCount {
  @PrimaryKey({ type: 'text' })
  areaCode: string;

  @PrimaryKey({ type: 'date' })
  month: string;

  @Enum({ items: () => CaseStatus, nativeEnumName: 'case_status', primary: true })
  status: CaseStatus;

  @Property({ type: 'integer', default: 0 })
  count: number;
}

/** Per grid worker: cases they found and cases they resolved at the grid, by grid and report day. */
@Entity({ tableName: 'case_worker_stat' })
@Index({ name: 'case_worker_stat_grid_idx', expression: 'create index "case_worker_stat_grid_idx" on "case_worker_stat" ("grid_code" text_pattern_ops, "day")' })
export class CaseWorkerStat {
  @PrimaryKey({ type: 'text' })
  userId: string;

  @PrimaryKey({ type: 'text' })
  gridCode: string;

  @PrimaryKey({ type: 'date' })
  day: string;

  @Property({ type: 'integer', default: 0 }) found: number;
  @Property({ type: 'integer', default: 0 }) resolved: number;
  @Property({ type: 'integer', default: 0 }) resolvedOnTime: number;
}

export const statEntities = [CaseDailyStat, CaseAreaDayStat, CaseAreaMonthStat, CaseStatusCount, CaseStatusMonthCount, CaseWorkerStat];

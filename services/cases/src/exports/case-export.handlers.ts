import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import type { Cell, ExportColumn, ExportContext, ExportHandler } from '@lianxin/exports';
import { forbidden } from '@lianxin/graphql';
import type { AuthUser } from '@lianxin/auth';
import { visibleCasesWhere } from '../case/case-access.js';
import { Case } from '../case/case.entity.js';
import { localDay } from '../deadline/local-time.js';
import { percent } from '../reports/monthly-report.render.js';
import { StatsService } from '../stats/stats.service.js';

const TIME_ZONE = process.env.CASES_TIME_ZONE ?? 'Asia/Shanghai';
export const CASE_BATCH = 2_000;

/** What a case-list export covers (checked when requested: areaCode inside the caller's scope). */
export interface CaseExportFilter {
  areaCode: string;
  statuses?: string[];
  reportedFrom?: string;
  reportedTo?: string;
  overdue?: boolean;
}

export const CASE_COLUMNS: ExportColumn[] = [
  { header: '编号', width: 18 },
  { header: '标题', width: 30 },
  { header: '类别', width: 12 },
  { header: '分类', width: 10 },
  { header: '来源', width: 10 },
  { header: '状态', width: 12 },
  { header: '所属网格', width: 17 },
  { header: '当前层级', width: 10 },
  { header: '承办部门', width: 14 },
  { header: '反映时间', width: 17 },
  { header: '办结期限', width: 17 },
  { header: '办结时间', width: 17 },
  { header: '办结层级', width: 10 },
  { header: '超期', width: 6 },
  { header: '评价', width: 12 },
];

const time = (value: Date | string | null): string | null => {
  if (value === null) return null;
  const instant = typeof value === 'string' ? new Date(value) : value;
  return `${localDay(instant, TIME_ZONE)} ${instant.toLocaleTimeString('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' })}`;
};

/**
 * Case lists: the cases the exporter may read (visibleCasesWhere, the rule of the `cases` list) under
 * the filter, keyset by id in batches. No reporter columns: who reported stays behind the case's own
 * anonymity rules in the graph.
 */
@Injectable()
export class CaseListExportHandler implements ExportHandler {
  where(user: AuthUser, filter: CaseExportFilter): Record<string, unknown> {
    const visible = visibleCasesWhere(user);
    if (!visible) throw forbidden('your role reads no case list');
    const conditions: Record<string, unknown>[] = [visible, { gridCode: { $like: prefixPattern(filter.areaCode) } }];
    if (filter.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
    if (filter.reportedFrom) conditions.push({ reportedAt: { $gte: new Date(`${filter.reportedFrom}T00:00:00+08:00`) } });
    if (filter.reportedTo) conditions.push({ reportedAt: { $lt: new Date(new Date(`${filter.reportedTo}T00:00:00+08:00`).getTime() + 86_400_000) } });
    if (filter.overdue !== undefined) conditions.push({ overdue: filter.overdue });
    return { $and: conditions };
  }

  sheetName(): string {
    return '事项清单';
  }

  columns(): ExportColumn[] {
    return CASE_COLUMNS;
  }

  count(context: ExportContext): Promise<number> {
    return context.em.count(Case, this.where(context.requester, context.job.filter as unknown as CaseExportFilter) as never);
  }

  async *rows(context: ExportContext): AsyncIterable<Cell[][]> {
    const where = this.where(context.requester, context.job.filter as unknown as CaseExportFilter);
    const categories = await this.categoryNames(context.em);
    let after: string | null = null;
    for (;;) {
      const batch: Array<Record<string, unknown>> = await context.em
        .createQueryBuilder(Case, 'c')
        .select(['id', 'number', 'title', 'categoryCode', 'caseClass', 'source', 'status', 'gridCode', 'level', 'assigneeDepartmentCode', 'reportedAt', 'dueAt', 'resolvedAt', 'resolvedAtLevel', 'overdue', 'rating'])
        .where((after ? { $and: [where, { id: { $gt: after } }] } : where) as never)
        .orderBy({ id: 'asc' })
        .limit(CASE_BATCH)
        .execute('all', false);
      if (batch.length === 0) return;
      after = batch[batch.length - 1].id as string;
      yield batch.map((row) => [
        row.number as string,
        row.title as string,
        categories.get(row.category_code as string) ?? (row.category_code as string),
        row.case_class as string,
        row.source as string,
        row.status as string,
        row.grid_code as string,
        row.level as string,
        (row.assignee_department_code as string | null) ?? null,
        time(row.reported_at as Date),
        time(row.due_at as Date | null),
        time(row.resolved_at as Date | null),
        (row.resolved_at_level as string | null) ?? null,
        row.overdue ? '是' : '否',
        (row.rating as string | null) ?? null,
      ]);
    }
  }

  private async categoryNames(em: EntityManager): Promise<Map<string, string>> {
    const rows = await em.execute<Array<{ code: string; name_zh: string }>>('select "code", "name_zh" from "case_category"');
    return new Map(rows.map((row) => [row.code, row.name_zh]));
  }
}

export interface CaseStatsExportFilter {
  areaCode: string;
  from: string;
  to: string;
}

export const CASE_STATS_COLUMNS: ExportColumn[] = [
  { header: '区域代码', width: 17 },
  { header: '受理事项数', width: 10 },
  { header: '办结数', width: 8 },
  { header: '按时办结数', width: 10 },
  { header: '超期事项数', width: 10 },
  { header: '按时办结率', width: 10 },
  { header: '满意率', width: 8 },
  { header: '重办率', width: 8 },
  { header: '小事不出网格率', width: 12 },
  { header: '大事不出社区率', width: 12 },
  { header: '难事不出乡镇率', width: 12 },
];

/**
 * Statistics of an area and of each area one level below it for a period, from StatsService (the
 * statistics query's own code and counters): one row per area, the area itself first.
 */
@Injectable()
export class CaseStatsExportHandler implements ExportHandler {
  constructor(private readonly stats: StatsService) {}

  sheetName(): string {
    return '事项统计';
  }

  columns(): ExportColumn[] {
    return CASE_STATS_COLUMNS;
  }

  private async areas(context: ExportContext): Promise<string[]> {
    const filter = context.job.filter as unknown as CaseStatsExportFilter;
    const childLength = filter.areaCode.length < 6 ? 6 : filter.areaCode.length + 3;
    const children = await context.em.execute<Array<{ area_code: string }>>(
      `select distinct "area_code" from "case_area_day_stat" where "area_code" like ? and length("area_code") = ? and "day" between ? and ? order by 1`,
      [prefixPattern(filter.areaCode), childLength, filter.from, filter.to],
    );
    return [filter.areaCode, ...children.map((row) => row.area_code)];
  }

  async count(context: ExportContext): Promise<number> {
    return (await this.areas(context)).length;
  }

  async *rows(context: ExportContext): AsyncIterable<Cell[][]> {
    const filter = context.job.filter as unknown as CaseStatsExportFilter;
    const areas = await this.areas(context);
    for (let i = 0; i < areas.length; i += 500) {
      const stats = await this.stats.caseStatsOfAreas(areas.slice(i, i + 500), filter);
      yield stats.map((s) => [
        s.areaCode,
        s.reported,
        s.resolved,
        s.resolvedOnTime,
        s.overdue,
        percent(s.onTimeRate),
        percent(s.satisfactionRate),
        percent(s.reopenRate),
        percent(s.resolutionLevels.gridShare),
        percent(s.resolutionLevels.withinVillageShare),
        percent(s.resolutionLevels.withinTownshipShare),
      ]);
    }
  }
}

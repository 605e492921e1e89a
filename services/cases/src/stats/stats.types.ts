import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Matches } from 'class-validator';
import { CaseClass, CaseSource, CaseStatus } from '../case/case-enums.js';
import { AreaReference } from '../federation/references.js';

@InputType({ description: 'Days of report, both included, in the local time zone. 统计期间（按反映日期）' })
export class CaseStatsPeriod {
  @Field({ description: 'First day (YYYY-MM-DD). 起始日期' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' })
  from: string;

  @Field({ description: 'Last day (YYYY-MM-DD). 截止日期' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' })
  to: string;
}

@ObjectType({ description: 'Cases of one category. 按类别统计' })
export class CategoryCount {
  @Field({ description: 'Category code. 类别代码' })
  categoryCode: string;

  @Field(() => Int, { description: 'Cases reported. 事项数' })
  count: number;
}

@ObjectType({ description: 'Cases of one class. 按分类统计' })
export class ClassCount {
  @Field(() => CaseClass, { description: 'Class. 分类' })
  caseClass: CaseClass;

  @Field(() => Int, { description: 'Cases reported. 事项数' })
  count: number;
}

@ObjectType({ description: 'Cases from one source. 按来源统计' })
export class SourceCount {
  @Field(() => CaseSource, { description: 'Source. 来源' })
  source: CaseSource;

  @Field(() => Int, { description: 'Cases reported. 事项数' })
  count: number;
}

@ObjectType({ description: 'Cases in one status now. 按状态统计' })
export class StatusCount {
  @Field(() => CaseStatus, { description: 'Status. 状态' })
  status: CaseStatus;

  @Field(() => Int, { description: 'Cases. 事项数' })
  count: number;
}

@ObjectType({
  description:
    'Where resolved cases were resolved: small things in the grid, big things in the community, hard things in the township (小事不出网格、大事不出社区、难事不出乡镇). 办结层级',
})
export class ResolutionLevels {
  @Field(() => Int, { description: 'Resolved in the grid. 网格办结数' })
  grid: number;

  @Field(() => Int, { description: 'Resolved in the village or community. 村（社区）办结数' })
  village: number;

  @Field(() => Int, { description: 'Resolved in the township. 乡镇（街道）办结数' })
  township: number;

  @Field(() => Int, { description: 'Resolved by a department or the county. 部门及县级办结数' })
  above: number;

  @Field(() => Float, { nullable: true, description: 'Share resolved in the grid (0–1). 小事不出网格率' })
  gridShare: number | null;

  @Field(() => Float, { nullable: true, description: 'Share resolved in the grid or village (0–1). 大事不出社区率' })
  withinVillageShare: number | null;

  @Field(() => Float, { nullable: true, description: 'Share resolved in the township or below (0–1). 难事不出乡镇率' })
  withinTownshipShare: number | null;

  @Field(() => Float, { nullable: true, description: 'Share resolved by a department or the county (0–1). 县级及部门办结率' })
  aboveShare: number | null;
}

@ObjectType({ description: 'Ratings given. 评价' })
export class RatingCounts {
  @Field(() => Int, { description: 'Satisfied. 满意' })
  satisfied: number;

  @Field(() => Int, { description: 'Basically satisfied. 基本满意' })
  basicallySatisfied: number;

  @Field(() => Int, { description: 'Unsatisfied. 不满意' })
  unsatisfied: number;
}

@ObjectType({ description: 'What one grid worker found and resolved. 网格员工作量' })
export class GridWorkerStats {
  @Field({ description: 'User id of the grid worker. 网格员' })
  userId: string;

  @Field(() => Int, { description: 'Cases they found (patrol, hazard reports). 发现事项数' })
  found: number;

  @Field(() => Int, { description: 'Cases they resolved in the grid. 办结事项数' })
  resolved: number;

  @Field(() => Int, { description: 'Of those, resolved on time. 按时办结数' })
  resolvedOnTime: number;
}

@ObjectType({
  description:
    'Case statistics of an area for cases reported in a period (their current state), from summary counters. 事项统计（按反映日期）',
})
export class CaseStats {
  // byCategory, byClass, bySource and gridWorkers are fields of CaseStatsResolver, read only when
  // selected: each costs a GROUP BY over the period's counter rows, the totals only a sum.
  @Field({ description: 'Area code. 区域代码' })
  areaCode: string;

  @Field(() => AreaReference, { description: 'The area (name and place from organizations). 区域' })
  area: AreaReference;

  @Field({ description: 'First day. 起始日期' })
  from: string;

  @Field({ description: 'Last day. 截止日期' })
  to: string;

  @Field(() => Int, { description: 'Cases reported. 受理事项数' })
  reported: number;

  @Field(() => Int, { description: 'Cases resolved with a result. 办结数' })
  resolved: number;

  @Field(() => Int, { description: 'Resolved on the case clock (DOMAIN.md §8.1: from verification, hand-overs never reset it), never overdue, never reopened. 按时办结数' })
  resolvedOnTime: number;

  @Field(() => Int, { description: 'Cases that missed their case clock. 超期事项数' })
  overdue: number;

  @Field(() => [StatusCount], { description: 'By current status. 按状态' })
  byStatus: StatusCount[];

  @Field(() => ResolutionLevels, { description: 'Where they were resolved. 办结层级' })
  resolutionLevels: ResolutionLevels;

  @Field(() => Float, { nullable: true, description: 'Resolved on time ÷ resolved (0–1). 按时办结率' })
  onTimeRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Average hours from report to result. 平均办理时长（小时）' })
  averageHandlingHours: number | null;

  @Field(() => RatingCounts, { description: "The residents' own ratings (latest per case; proxy ratings are in proxyRatings, DOMAIN.md §8.2). 群众本人评价" })
  ratings: RatingCounts;

  @Field(() => Float, { nullable: true, description: "(Satisfied + basically satisfied) ÷ rated, of the residents' own ratings (0–1). 满意率（本人评价）" })
  satisfactionRate: number | null;

  @Field(() => RatingCounts, { description: 'Proxy ratings recorded at return visits (回访) by staff (latest per case), shown apart (DOMAIN.md §8.2). 回访代评' })
  proxyRatings: RatingCounts;

  @Field(() => Float, { nullable: true, description: '(Satisfied + basically satisfied) ÷ proxy ratings (0–1). 代评满意率' })
  proxySatisfactionRate: number | null;

  @Field(() => Int, { description: 'Stage limits run over by the holders of these cases (DOMAIN.md §8.1). 环节超时次数' })
  stageOverruns: number;

  @Field(() => Int, {
    description: 'Reopened cases resolved within their reopen clock; never counted in resolvedOnTime (DOMAIN.md §8.1). 重办按时办结数',
  })
  reopenedResolvedOnTime: number;

  @Field(() => Float, { nullable: true, description: 'Cases reopened at least once ÷ cases ever resolved (0–1). 重办率' })
  reopenRate: number | null;

  @Field(() => Int, { description: 'Reopenings in all. 重办次数' })
  reopenings: number;
}

import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { CaseClass, CaseSource } from '../case/case-enums.js';
import { StatsService } from './stats.service.js';
import { CaseStats, CategoryCount, ClassCount, GridWorkerStats, SourceCount } from './stats.types.js';

/**
 * The breakdowns of CaseStats, each read only when a query selects it. Whoever got the CaseStats
 * passed the scope check in StatsService.caseStats; these only narrow what it covers.
 */
@Resolver(() => CaseStats)
export class CaseStatsResolver {
  constructor(private readonly stats: StatsService) {}

  @ResolveField(() => [CategoryCount], { description: 'By category. 按类别' })
  async byCategory(@Parent() stats: CaseStats): Promise<CategoryCount[]> {
    return (await this.stats.breakdown(stats, 'category_code')).map(({ key, count }) => ({ categoryCode: key, count }));
  }

  @ResolveField(() => [ClassCount], { description: 'By class. 按分类' })
  async byClass(@Parent() stats: CaseStats): Promise<ClassCount[]> {
    return (await this.stats.breakdown(stats, 'case_class')).map(({ key, count }) => ({ caseClass: key as CaseClass, count }));
  }

  @ResolveField(() => [SourceCount], { description: 'By source. 按来源' })
  async bySource(@Parent() stats: CaseStats): Promise<SourceCount[]> {
    return (await this.stats.breakdown(stats, 'source')).map(({ key, count }) => ({ source: key as CaseSource, count }));
  }

  @ResolveField(() => [GridWorkerStats], { description: 'Per grid worker, most active first (at most 200). 网格员工作量' })
  gridWorkers(@Parent() stats: CaseStats): Promise<GridWorkerStats[]> {
    return this.stats.gridWorkers(stats);
  }
}

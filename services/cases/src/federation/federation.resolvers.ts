import { Args, Context, Directive, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { AREA_ADMIN_ROLES, CurrentUser, GRID_STAFF_ROLES, hasAnyRole, Role, Roles, type AuthUser } from '@lianxin/auth';
import { forbidden, notFound, PageArgs, requestLoader } from '@lianxin/graphql';
import { CaseQueryService } from '../case/case-query.service.js';
import { CaseConnection } from '../case/case.types.js';
import type { GraphQLContext } from '../graphql-context.js';
import { GridNameService } from '../grid-names/grid-name.service.js';
import { StatsService } from '../stats/stats.service.js';
import { CaseStats, CaseStatsPeriod } from '../stats/stats.types.js';
import { AreaReference, DepartmentReference, GridReference, PersonReference } from './references.js';

/** Statistics are for admins, auditors and grid staff (their own grid), not for residents or volunteers. */
const STATS_ROLES: Role[] = [...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES, Role.AUDITOR];

/** Field resolvers on other subgraphs' entities have no @Roles guard: check here. */
function assertStatsRole(user: AuthUser): void {
  if (!hasAnyRole(user, STATS_ROLES)) throw forbidden(`needs one of the roles ${STATS_ROLES.join(', ')}`);
}

/** Grid.openCases: the grid's cases not yet closed, returned or merged; Grid.name where a case provides it. */
@Resolver(() => GridReference)
export class GridCasesResolver {
  constructor(
    private readonly queries: CaseQueryService,
    private readonly gridNames: GridNameService,
  ) {}

  @ResolveReference()
  resolveReference(reference: { code: string }): GridReference {
    return { code: reference.code };
  }

  @ResolveField(() => CaseConnection, { description: 'Cases of the grid not yet closed, returned or merged, newest first. 网格在办事项' })
  openCases(@CurrentUser() user: AuthUser, @Parent() grid: GridReference, @Args() page: PageArgs) {
    return this.queries.openCasesOfGrid(user, grid.code, page);
  }

  /** Asked only through Case.grid (@provides); a grid whose grids.grid.created has not arrived is not found. */
  @ResolveField(() => String, { description: 'Name. 名称' })
  async name(@Parent() grid: GridReference, @Context() context: GraphQLContext): Promise<string> {
    const name = await requestLoader<string, string>(context, 'grid-name', async (codes) => {
      const names = await this.gridNames.namesOf(codes);
      return codes.map((code) => names.get(code) ?? null);
    }).load(grid.code);
    if (name === null) throw notFound('grid', grid.code);
    return name;
  }
}

/** Person.cases: cases the person reported (or whose reports were merged into them). */
@Resolver(() => PersonReference)
export class PersonCasesResolver {
  constructor(private readonly queries: CaseQueryService) {}

  @ResolveReference()
  resolveReference(reference: { id: string }): PersonReference {
    return { id: reference.id };
  }

  @ResolveField(() => CaseConnection, { description: 'Cases this person reported that you may see, newest first. 本人反映的事项' })
  cases(@CurrentUser() user: AuthUser, @Parent() person: PersonReference, @Args() page: PageArgs) {
    return this.queries.casesOfPerson(user, person.id, page);
  }
}

/** Area.caseStats: statistics from the summary counters (also as the root query caseStats). */
@Resolver(() => AreaReference)
export class AreaStatsResolver {
  constructor(private readonly stats: StatsService) {}

  @Query(() => CaseStats, { description: 'Case statistics of an area in your scope for cases reported in the period (also Area.caseStats). 事项统计' })
  @Roles(...STATS_ROLES)
  caseStats(@CurrentUser() user: AuthUser, @Args('areaCode', { description: 'Area code in your scope. 区域代码' }) areaCode: string, @Args('period', { description: 'Days of report. 统计期间' }) period: CaseStatsPeriod): Promise<CaseStats> {
    return this.stats.caseStats(user, areaCode, period);
  }

  @ResolveReference()
  resolveReference(reference: { code: string }): AreaReference {
    return { code: reference.code };
  }

  @ResolveField('caseStats', () => CaseStats, { description: 'Case statistics for cases reported in the period, in your area. 事项统计' })
  async areaCaseStats(
    @CurrentUser() user: AuthUser,
    @Parent() area: AreaReference,
    @Args('period', { description: 'Days of report. 统计期间' }) period: CaseStatsPeriod,
    @Context() context: GraphQLContext,
  ): Promise<CaseStats> {
    assertStatsRole(user);
    this.stats.assertReadable(user, area.code, period);
    // A list of areas (a county's townships) is read in one batch per period.
    const loader = requestLoader<string, CaseStats>(context, `area-case-stats:${period.from}:${period.to}`, (codes) => this.stats.caseStatsOfAreas(codes, period));
    return (await loader.load(area.code))!;
  }
}

/** Department.queue: organizations resolves the department's code and county, cases answers with its queue. */
@Resolver(() => DepartmentReference)
export class DepartmentQueueResolver {
  constructor(private readonly queries: CaseQueryService) {}

  @ResolveReference()
  resolveReference(reference: { id: string; code?: string; areaCode?: string }): DepartmentReference {
    return { id: reference.id, code: reference.code, areaCode: reference.areaCode };
  }

  @ResolveField(() => CaseConnection, {
    description: 'Cases dispatched to the department and not yet resolved, soonest deadline first. 部门待办事项',
  })
  @Directive('@requires(fields: "code areaCode")')
  queue(@CurrentUser() user: AuthUser, @Parent() department: DepartmentReference, @Args() page: PageArgs) {
    return this.queries.departmentQueue(user, department.code ?? '', department.areaCode ?? null, page);
  }
}

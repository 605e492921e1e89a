import { Injectable } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { assertInScope, CurrentUser, hasAnyRole, type AuthUser } from '@lianxin/auth';
import { forbidden, PageArgs, requestLoader } from '@lianxin/graphql';
import { LEDGER_READER_ROLES } from '../access/people-access.js';
import type { GraphQLContext } from '../graphql-context.js';
import { HouseholdService } from '../household/household.service.js';
import { HouseholdConnection } from '../household/household.types.js';
import { LedgerLoaders } from '../loaders.js';
import { Area } from './area.stub.js';
import { Grid } from './grid.stub.js';
import { PopulationService } from './population.service.js';
import { PopulationStats } from './population.types.js';

const OUTSIDE = 'FORBIDDEN (and null) outside your area or for volunteers and residents. 辖区外或无权时为空';

/** Population of many grids/areas in one request costs two queries per code length (DataLoader). */
@Injectable()
export class PopulationLoader {
  constructor(
    private readonly population: PopulationService,
    private readonly loaders: LedgerLoaders,
  ) {}

  load(user: AuthUser, code: string, context: GraphQLContext): Promise<PopulationStats | null> {
    if (!hasAnyRole(user, LEDGER_READER_ROLES)) throw forbidden('your role does not read population statistics');
    assertInScope(user, code);
    return requestLoader<string, PopulationStats>(context, 'population', async (codes) => {
      const stats = await this.population.statsFor(codes, [...(await this.loaders.visibleTags(context)).values()]);
      return codes.map((code) => stats.get(code)!);
    }).load(code);
  }
}

@Resolver(() => Grid)
export class GridPeopleResolver {
  constructor(
    private readonly householdService: HouseholdService,
    private readonly populationLoader: PopulationLoader,
  ) {}

  @ResolveField(() => HouseholdConnection, { nullable: true, description: `Households of this grid. 网格内的户. ${OUTSIDE}` })
  households(@CurrentUser() user: AuthUser, @Parent() grid: Grid, @Args() page: PageArgs) {
    return this.householdService.search(user, { areaCode: grid.code }, page);
  }

  @ResolveField(() => PopulationStats, { nullable: true, description: `Population of this grid. 网格人口统计. ${OUTSIDE}` })
  population(@CurrentUser() user: AuthUser, @Parent() grid: Grid, @Context() context: GraphQLContext) {
    return this.populationLoader.load(user, grid.code, context);
  }

  @ResolveReference()
  resolveReference(reference: { code: string }): Grid {
    return { code: reference.code };
  }
}

@Resolver(() => Area)
export class AreaPeopleResolver {
  constructor(private readonly populationLoader: PopulationLoader) {}

  @ResolveField(() => PopulationStats, { nullable: true, description: `Population of this area, all grids below it. 区域人口统计. ${OUTSIDE}` })
  population(@CurrentUser() user: AuthUser, @Parent() area: Area, @Context() context: GraphQLContext) {
    return this.populationLoader.load(user, area.code, context);
  }

  @ResolveReference()
  resolveReference(reference: { code: string }): Area {
    return { code: reference.code };
  }
}

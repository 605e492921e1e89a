import { Injectable } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { AuditAction, PersonalDataField } from '../audit/audit-enums.js';
import { AuditService } from '../audit/audit.service.js';
import { assertInScope, CurrentUser, hasAnyRole, type AuthUser } from '@lianxin/auth';
import { forbidden, PageArgs, requestLoader } from '@lianxin/graphql';
import { LEDGER_READER_ROLES } from '../access/person-field.policy.js';
import type { GraphQLContext } from '../graphql-context.js';
import { HouseholdService } from '../household/household.service.js';
import { HouseholdConnection } from '../household/household.types.js';
import { LedgerLoaders } from '../loaders.js';
import { Area } from './area.stub.js';
import { Grid } from './grid.stub.js';
import { PopulationService } from './population.service.js';
import { PopulationStats, TagCount } from './population.types.js';

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
      // The code goes along for the audit of statistics grouped by sensitive tags (PopulationStatsResolver).
      return codes.map((code) => ({ ...stats.get(code)!, code }));
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

/** Population counts grouped by special-population tags are audited like lists filtered by them (§8.8). */
@Resolver(() => PopulationStats)
export class PopulationStatsResolver {
  constructor(private readonly audit: AuditService) {}

  @ResolveField(() => [TagCount], { description: 'People per focus tag now (tags you may not see are left out); reading sensitive tags here is audited. 各重点人群人数（含敏感标签时留痕）' })
  async byTag(@CurrentUser() user: AuthUser, @Parent() stats: PopulationStats, @Context() context: GraphQLContext): Promise<TagCount[]> {
    const sensitive = stats.byTag.filter((entry) => entry.tag.sensitive);
    if (sensitive.length > 0 && stats.code) {
      // One statement for all the areas of one request.
      await requestLoader<string, true>(context, 'sensitive-statistics-audit', async (keys) => {
        await this.audit.recordMany(
          user,
          keys.map((key) => {
            const [code, rows] = key.split(':');
            return {
              action: AuditAction.SENSITIVE_TAG_STATISTICS,
              field: PersonalDataField.SENSITIVE_TAGS,
              personId: null,
              areaCode: code,
              allowed: true,
              filter: JSON.stringify({ areaCode: code, groupedBy: 'sensitive tags' }),
              rowCount: Number(rows),
            };
          }),
        );
        return keys.map(() => true as const);
      }).load(`${stats.code}:${sensitive.length}`);
    }
    return stats.byTag;
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

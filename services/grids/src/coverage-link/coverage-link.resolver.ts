import { Args, Context, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, hasAnyRole, Roles, type AuthUser } from '@lianxin/auth';
import { ConnectionType, PageArgs } from '@lianxin/graphql';
import { GRID_ADMINS, GRID_DETAIL_READERS, STAFF_PERSONAL_DATA_READERS } from '../common/access.js';
import { Caller } from '../common/caller.decorator.js';
import { AreaReference, PersonReference } from '../common/references.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Grid } from '../grid/grid.entity.js';
import { GridsLoaders } from '../loaders.js';
import { CoverageLink } from './coverage-link.entity.js';
import { CreateCoverageLinkInput } from './coverage-link.inputs.js';
import { CoverageLinkService } from './coverage-link.service.js';
import { Idempotent } from '@lianxin/platform';

export const CoverageLinkConnection = ConnectionType(CoverageLink, 'CoverageLink', 'Cadre coverage links. 三包一联关系');

@ObjectType({ description: 'The link after the change. 变更后的包联关系' })
export class CoverageLinkPayload {
  @Field(() => CoverageLink, { description: 'The link. 包联关系' })
  coverageLink: CoverageLink;
}

const GRID_CODE_LENGTH = 15;

@Resolver(() => CoverageLink)
export class CoverageLinkResolver {
  constructor(
    private readonly links: CoverageLinkService,
    private readonly loaders: GridsLoaders,
  ) {}

  @Query(() => CoverageLinkConnection, { description: 'Cadres who cover an area or grid in or above your scope. 区域包联干部' })
  @Roles(...GRID_DETAIL_READERS)
  coverageLinks(
    @CurrentUser() user: AuthUser,
    @Args('areaCode', { description: 'Township, village or grid code. 区域或网格代码' }) areaCode: string,
    @Args() page: PageArgs,
  ) {
    return this.links.ofArea(user, areaCode, page);
  }

  @Query(() => CoverageLinkConnection, { description: 'Areas and grids of your scope a cadre covers. 干部包联区域' })
  @Roles(...GRID_DETAIL_READERS)
  coverageLinksOfCadre(
    @CurrentUser() user: AuthUser,
    @Args('userId', { type: () => ID, description: 'Keycloak user id of the cadre. 干部账号 ID' }) userId: string,
    @Args() page: PageArgs,
  ) {
    return this.links.ofCadre(user, userId, page);
  }

  @Idempotent()
  @Mutation(() => CoverageLinkPayload, { description: 'Make a cadre responsible for an area or grid of your scope. 建立包联关系' })
  @Roles(...GRID_ADMINS)
  async createCoverageLink(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: CreateCoverageLinkInput,
  ): Promise<CoverageLinkPayload> {
    return { coverageLink: await this.links.create(user, input) };
  }

  @ResolveField(() => AreaReference, { nullable: true, description: 'The township or village covered; null for a grid. 包联乡镇或村（社区）' })
  area(@Parent() link: CoverageLink): AreaReference | null {
    return link.areaCode.length < GRID_CODE_LENGTH ? { code: link.areaCode } : null;
  }

  @ResolveField(() => Grid, { nullable: true, description: 'The grid covered; null for a township or village. 包联网格' })
  grid(@Parent() link: CoverageLink, @Context() context: GraphQLContext) {
    return link.areaCode.length === GRID_CODE_LENGTH ? this.loaders.grid(context).load(link.areaCode) : null;
  }

  @ResolveField(() => PersonReference, { nullable: true, description: 'The cadre as a person; null when unknown or for roles that see names only. 人员' })
  person(@Caller() user: AuthUser, @Parent() link: CoverageLink): PersonReference | null {
    return link.personId && hasAnyRole(user, STAFF_PERSONAL_DATA_READERS) ? { id: link.personId } : null;
  }
}

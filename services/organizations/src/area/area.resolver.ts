import { Args, Context, Info, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ALL_ROLES, AREA_ADMIN_ROLES, authenticatedUser, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, groupedConnection, PageArgs, requestLoader } from '@lianxin/graphql';
import { Area } from './area.entity.js';
import { AreaFilter, CreateAreaInput, UpdateAreaInput } from './area.inputs.js';
import { AreaConnection, AreaPayload } from './area.types.js';
import { AreaService } from './area.service.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => Area)
export class AreaResolver {
  constructor(private readonly service: AreaService) {}

  @Query(() => Area, { description: 'One area in or above your scope. 按代码查询行政区划' })
  @Roles(...ALL_ROLES)
  area(@CurrentUser() user: AuthUser, @Args('code') code: string): Promise<Area> {
    return this.service.get(user, code);
  }

  @Query(() => AreaConnection, { description: 'Areas in your scope, by code; filter by level or name. 本辖区行政区划' })
  @Roles(...ALL_ROLES)
  areas(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => AreaFilter, nullable: true }) filter?: AreaFilter,
  ) {
    return this.service.search(user, filter, page);
  }

  @ResolveField(() => AreaConnection, { description: 'Areas one level down that you may see. 下级区划' })
  children(
    @CurrentUser() user: AuthUser,
    @Parent() area: Area,
    @Args() page: PageArgs,
    @Context() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return groupedConnection({
      context,
      list: 'Area.children',
      group: area.code,
      args: page,
      info,
      keyOf: (child: Area) => child.code,
      fetch: (codes, request) => this.service.childrenOf(user, codes, request),
    });
  }

  @ResolveField(() => [Area], { description: 'Areas above, from the province down. 上级区划链' })
  ancestors(@Parent() area: Area): Promise<Area[]> {
    return this.service.ancestors(area.code);
  }

  @ResolveField(() => Area, { nullable: true, description: 'The area one level up. 上级区划' })
  parent(@Parent() area: Area, @Context() context: GraphQLContext): Promise<Area | null> | null {
    return area.parentCode ? this.loader(context).load(area.parentCode) : null;
  }

  @Idempotent()
  @Mutation(() => AreaPayload, { description: 'Create an area under a parent in your scope. 新建行政区划' })
  @Roles(...AREA_ADMIN_ROLES)
  async createArea(@CurrentUser() user: AuthUser, @Args('input') input: CreateAreaInput): Promise<AreaPayload> {
    return { area: await this.service.create(user, input) };
  }

  @Mutation(() => AreaPayload, { description: 'Rename an area in your scope. 修改行政区划' })
  @Roles(...AREA_ADMIN_ROLES)
  async updateArea(@CurrentUser() user: AuthUser, @Args('input') input: UpdateAreaInput): Promise<AreaPayload> {
    return { area: await this.service.update(user, input) };
  }

  @ResolveReference()
  resolveReference(reference: { code: string }, context: GraphQLContext): Promise<Area | null> {
    return this.loader(context).load(reference.code);
  }

  private loader(context: GraphQLContext) {
    const user = authenticatedUser(context);
    return requestLoader<string, Area>(context, 'area', async (codes) =>
      byKeys(codes, await this.service.findVisible(user, codes), (area) => area.code),
    );
  }
}

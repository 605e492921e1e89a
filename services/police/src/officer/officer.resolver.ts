import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ALL_ROLES, authenticatedUser, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, PageArgs, requestLoader } from '@lianxin/graphql';
import { maySeeOfficerPhone, OFFICER_MANAGER_ROLES } from '../common/police-access.js';
import { Grid } from '../grid/grid.stub.js';
import type { GraphQLContext } from '../graphql-context.js';
import { CommunityOfficer } from './officer.entity.js';
import { AssignCommunityOfficerInput, CommunityOfficerFilter } from './officer.inputs.js';
import { OfficerService } from './officer.service.js';
import { AssignCommunityOfficerPayload, CommunityOfficerConnection } from './officer.types.js';
import { maskPhone } from './phone.js';

/** Postings by id, one query per request however many references or patrols ask. */
export function officerLoader(context: GraphQLContext, service: OfficerService) {
  const user = authenticatedUser(context);
  return requestLoader<string, CommunityOfficer>(context, 'communityOfficer', async (ids) =>
    byKeys(ids, await service.findInScope(user, ids), (officer) => officer.id),
  );
}

@Resolver(() => CommunityOfficer)
export class OfficerResolver {
  constructor(private readonly service: OfficerService) {}

  // Nullable like every field a department subgraph adds: an outage of this subgraph leaves the rest of a query intact.
  @Query(() => CommunityOfficerConnection, { nullable: true, description: 'Community officers in your area, newest posting first. 本辖区社区民警' })
  @Roles(...ALL_ROLES)
  communityOfficers(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => CommunityOfficerFilter, nullable: true, description: 'Narrow the list. 筛选条件' }) filter?: CommunityOfficerFilter,
  ) {
    return this.service.list(user, page, filter);
  }

  @Query(() => CommunityOfficer, { description: 'One officer posting in your area. 社区民警' })
  @Roles(...ALL_ROLES)
  communityOfficer(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Id of the posting. 任职记录编号' }) id: string): Promise<CommunityOfficer> {
    return this.service.get(user, id);
  }

  @Mutation(() => AssignCommunityOfficerPayload, {
    description: 'Post a community officer to a grid in your area (public-security staff and county admins). 指派网格社区民警',
  })
  @Roles(...OFFICER_MANAGER_ROLES)
  assignCommunityOfficer(@CurrentUser() user: AuthUser, @Args('input') input: AssignCommunityOfficerInput): Promise<AssignCommunityOfficerPayload> {
    return this.service.assign(user, input);
  }

  @ResolveField(() => String, {
    description: 'Work phone; masked (138****5678) unless you are public-security staff or a county admin. 联系电话（非公安、非县级管理员脱敏）',
  })
  phone(@Parent() officer: CommunityOfficer, @Context() context: GraphQLContext): string {
    return maySeeOfficerPhone(authenticatedUser(context)) ? officer.phone : maskPhone(officer.phone);
  }

  @ResolveField(() => Boolean, { description: 'The officer still holds the grid. 是否在任' })
  active(@Parent() officer: CommunityOfficer): boolean {
    return officer.assignedUntil === null;
  }

  @ResolveField(() => Grid, { description: 'The grid of the posting. 所驻网格' })
  grid(@Parent() officer: CommunityOfficer): Grid {
    return { code: officer.gridCode };
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Promise<CommunityOfficer | null> {
    return officerLoader(context, this.service).load(reference.id);
  }
}

@Resolver(() => Grid)
export class GridOfficerResolver {
  constructor(private readonly service: OfficerService) {}

  @ResolveField(() => CommunityOfficer, { nullable: true, description: 'The community officer who holds this grid now. 网格社区民警（在任）' })
  communityOfficer(@Parent() grid: Grid, @Context() context: GraphQLContext): Promise<CommunityOfficer | null> {
    const user = authenticatedUser(context);
    return requestLoader<string, CommunityOfficer>(context, 'activeCommunityOfficerByGrid', async (codes) =>
      byKeys(codes, await this.service.activeForGrids(user, codes), (officer) => officer.gridCode),
    ).load(grid.code);
  }

  @ResolveField(() => CommunityOfficerConnection, { description: 'Every officer posted to this grid, newest posting first. 网格社区民警任职历史' })
  communityOfficerHistory(@Parent() grid: Grid, @Args() page: PageArgs, @Context() context: GraphQLContext) {
    return this.service.list(authenticatedUser(context), page, { gridCode: grid.code, includePast: true });
  }
}

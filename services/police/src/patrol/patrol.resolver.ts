import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { authenticatedUser, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, PageArgs, requestLoader, type Connection } from '@lianxin/graphql';
import { PATROL_READER_ROLES, PATROL_RECORDER_ROLES } from '../common/police-access.js';
import { Grid } from '../grid/grid.stub.js';
import type { GraphQLContext } from '../graphql-context.js';
import { CommunityOfficer } from '../officer/officer.entity.js';
import { officerLoader } from '../officer/officer.resolver.js';
import { OfficerService } from '../officer/officer.service.js';
import { PolicePatrol } from './patrol.entity.js';
import { PolicePatrolFilter, RecordPolicePatrolInput } from './patrol.inputs.js';
import { PatrolService } from './patrol.service.js';
import { PolicePatrolConnection, RecordPolicePatrolPayload } from './patrol.types.js';

@Resolver(() => PolicePatrol)
export class PatrolResolver {
  constructor(
    private readonly service: PatrolService,
    private readonly officers: OfficerService,
  ) {}

  // Nullable like every field a department subgraph adds: an outage of this subgraph leaves the rest of a query intact.
  @Query(() => PolicePatrolConnection, { nullable: true, description: 'Police patrols in your area, newest first. 本辖区警务巡逻记录' })
  @Roles(...PATROL_READER_ROLES)
  policePatrols(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => PolicePatrolFilter, nullable: true, description: 'Narrow the list. 筛选条件' }) filter?: PolicePatrolFilter,
  ) {
    return this.service.list(user, page, filter);
  }

  @Query(() => PolicePatrol, { description: 'One police patrol in your area. 警务巡逻记录' })
  @Roles(...PATROL_READER_ROLES)
  policePatrol(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Id of the patrol. 巡逻记录编号' }) id: string): Promise<PolicePatrol> {
    return this.service.get(user, id);
  }

  @Mutation(() => RecordPolicePatrolPayload, {
    description: 'Record a police patrol of a grid (public-security staff, county admins, the grid\'s leader and workers). 登记警务巡逻',
  })
  @Roles(...PATROL_RECORDER_ROLES)
  async recordPolicePatrol(@CurrentUser() user: AuthUser, @Args('input') input: RecordPolicePatrolInput): Promise<RecordPolicePatrolPayload> {
    return { patrol: await this.service.record(user, input) };
  }

  @ResolveField(() => CommunityOfficer, { nullable: true, description: 'The community officer who patrolled, if recorded. 巡逻民警' })
  officer(@Parent() patrol: PolicePatrol, @Context() context: GraphQLContext): Promise<CommunityOfficer | null> | null {
    return patrol.officerId ? officerLoader(context, this.officers).load(patrol.officerId) : null;
  }

  @ResolveField(() => Grid, { description: 'The grid patrolled. 巡逻网格' })
  grid(@Parent() patrol: PolicePatrol): Grid {
    return { code: patrol.gridCode };
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Promise<PolicePatrol | null> {
    const user = authenticatedUser(context);
    return requestLoader<string, PolicePatrol>(context, 'policePatrol', async (ids) =>
      byKeys(ids, await this.service.findInScope(user, ids), (patrol) => patrol.id),
    ).load(reference.id);
  }
}

@Resolver(() => Grid)
export class GridPatrolsResolver {
  constructor(private readonly service: PatrolService) {}

  @ResolveField(() => PolicePatrolConnection, {
    nullable: true,
    description: 'Police patrols of this grid, newest first; null with FORBIDDEN for roles that may not read them. 本网格警务巡逻记录',
  })
  policePatrols(@Parent() grid: Grid, @Args() page: PageArgs, @Context() context: GraphQLContext): Promise<Connection<PolicePatrol>> {
    return this.service.list(authenticatedUser(context), page, { gridCode: grid.code });
  }
}

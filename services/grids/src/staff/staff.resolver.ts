import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, hasAnyRole, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { GRID_ADMINS, GRID_DETAIL_READERS, requireAnyRole, STAFF_PERSONAL_DATA_READERS } from '../common/access.js';
import { Caller } from '../common/caller.decorator.js';
import { PersonReference } from '../common/references.js';
import { HouseholdAssignmentConnection } from '../coverage/coverage.types.js';
import { CoverageService } from '../coverage/coverage.service.js';
import { CoverageBoundsRules } from '../coverage/coverage-bounds.js';
import { LoadStatus, loadStatusOf } from '../coverage/load-status.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Grid } from '../grid/grid.entity.js';
import { GridsLoaders } from '../loaders.js';
import { MicroGrid } from '../micro-grid/micro-grid.entity.js';
import { GridStaff } from './grid-staff.entity.js';
import { COVERAGE_ROLES } from './staff-role.js';
import { AssignStaffInput, EndStaffAssignmentInput } from './staff.inputs.js';
import { StaffService } from './staff.service.js';
import { EndStaffAssignmentPayload, GridStaffPayload } from './staff.types.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => GridStaff)
export class StaffResolver {
  constructor(
    private readonly staff: StaffService,
    private readonly coverage: CoverageService,
    private readonly loaders: GridsLoaders,
    private readonly coverageBounds: CoverageBoundsRules,
  ) {}

  @Query(() => GridStaff, { description: 'One staff assignment in your scope. 任职记录' })
  @Roles(...GRID_DETAIL_READERS)
  gridStaff(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Id. 编号' }) id: string): Promise<GridStaff> {
    return this.staff.get(user, id);
  }

  @Idempotent()
  @Mutation(() => GridStaffPayload, { description: 'Put a person on the team of a grid in your area. 配备网格力量' })
  @Roles(...GRID_ADMINS)
  async assignStaff(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: AssignStaffInput,
  ): Promise<GridStaffPayload> {
    return { staff: await this.staff.assign(user, input) };
  }

  @Mutation(() => EndStaffAssignmentPayload, { description: 'End a staff assignment; its households are released. 解除网格力量任职' })
  @Roles(...GRID_ADMINS)
  endStaffAssignment(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: EndStaffAssignmentInput,
  ): Promise<EndStaffAssignmentPayload> {
    return this.staff.end(user, input);
  }

  @ResolveField(() => Boolean, { description: 'The assignment is current. 是否在任' })
  active(@Parent() staff: GridStaff): boolean {
    return staff.endedAt === null;
  }

  @ResolveField(() => Grid, { nullable: true, description: 'The grid. 网格' })
  grid(@Parent() staff: GridStaff, @Context() context: GraphQLContext) {
    return this.loaders.grid(context).load(staff.gridCode);
  }

  @ResolveField(() => MicroGrid, { nullable: true, description: 'The micro-grid, for liaisons and micro-grid volunteers. 微网格' })
  microGrid(@Parent() staff: GridStaff, @Context() context: GraphQLContext) {
    return staff.microGridCode ? this.loaders.microGrid(context).load(staff.microGridCode) : null;
  }

  @ResolveField(() => PersonReference, { nullable: true, description: 'The person; null for roles that see names only. 人员' })
  person(@Caller() user: AuthUser, @Parent() staff: GridStaff): PersonReference | null {
    return hasAnyRole(user, STAFF_PERSONAL_DATA_READERS) ? { id: staff.personId } : null;
  }

  @ResolveField(() => Int, { nullable: true, description: 'Households the person links now; null for roles that do not link households. 包联户数' })
  async householdLoad(@Parent() staff: GridStaff, @Context() context: GraphQLContext): Promise<number | null> {
    if (!COVERAGE_ROLES.includes(staff.role)) return null;
    return this.loaders.householdLoad(context).load(staff.id);
  }

  @ResolveField(() => LoadStatus, { nullable: true, description: "The load against the county's coverage bounds (county setting, default 30–50). 包联户数状态" })
  async loadStatus(@Parent() staff: GridStaff, @Context() context: GraphQLContext): Promise<LoadStatus | null> {
    const load = await this.householdLoad(staff, context);
    return load === null ? null : loadStatusOf(load, await this.coverageBounds.boundsFor(context, staff.gridCode));
  }

  @ResolveField(() => HouseholdAssignmentConnection, { description: 'Households the person links now, newest first. 包联户' })
  households(@Caller() user: AuthUser, @Parent() staff: GridStaff, @Args() page: PageArgs) {
    requireAnyRole(user, STAFF_PERSONAL_DATA_READERS, 'the households a worker links');
    return this.coverage.householdsOf(user, staff.id, page);
  }
}

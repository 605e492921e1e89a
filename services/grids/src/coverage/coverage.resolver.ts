import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { HOUSEHOLD_ASSIGNERS, STAFF_PERSONAL_DATA_READERS } from '../common/access.js';
import { HouseholdReference } from '../common/references.js';
import type { GraphQLContext } from '../graphql-context.js';
import { GridsLoaders } from '../loaders.js';
import { GridStaff } from '../staff/grid-staff.entity.js';
import { AssignHouseholdInput } from './coverage.inputs.js';
import { CoverageService } from './coverage.service.js';
import { AssignHouseholdPayload, HouseholdAssignmentConnection } from './coverage.types.js';
import { HouseholdAssignment } from './household-assignment.entity.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => HouseholdAssignment)
export class CoverageResolver {
  constructor(
    private readonly coverage: CoverageService,
    private readonly loaders: GridsLoaders,
  ) {}

  @Query(() => HouseholdAssignmentConnection, {
    description: 'Who links a household now and before, newest first (the first edge is current unless it has ended). 户包联记录',
  })
  @Roles(...STAFF_PERSONAL_DATA_READERS)
  householdCoverage(
    @CurrentUser() user: AuthUser,
    @Args('householdId', { type: () => ID, description: 'The household (people subgraph). 户 ID' }) householdId: string,
    @Args() page: PageArgs,
  ) {
    return this.coverage.historyOf(user, householdId, page);
  }

  @Idempotent()
  @Mutation(() => AssignHouseholdPayload, { description: 'Link a household to a grid worker of your area (包联). 户包联' })
  @Roles(...HOUSEHOLD_ASSIGNERS)
  assignHousehold(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: AssignHouseholdInput,
  ): Promise<AssignHouseholdPayload> {
    return this.coverage.assign(user, input);
  }

  @ResolveField(() => HouseholdReference, { description: 'The household. 户' })
  household(@Parent() assignment: HouseholdAssignment): HouseholdReference {
    return { id: assignment.householdId };
  }

  @ResolveField(() => GridStaff, { nullable: true, description: 'The worker. 包联网格员' })
  staff(@Parent() assignment: HouseholdAssignment, @Context() context: GraphQLContext) {
    return this.loaders.staffMember(context).load(assignment.staffId);
  }
}

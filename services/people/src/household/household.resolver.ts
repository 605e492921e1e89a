import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { LEDGER_EDITOR_ROLES, LEDGER_READER_ROLES } from '../access/person-field.policy.js';
import type { GraphQLContext } from '../graphql-context.js';
import { LedgerLoaders } from '../loaders.js';
import { Person } from '../person/person.entity.js';
import { Grid } from '../population/grid.stub.js';
import { Household } from './household.entity.js';
import { CreateHouseholdInput, HouseholdFilter, MoveHouseholdInput, UpdateHouseholdInput } from './household.inputs.js';
import { HouseholdService } from './household.service.js';
import { HouseholdConnection, HouseholdPayload } from './household.types.js';

@Resolver(() => Household)
export class HouseholdResolver {
  constructor(
    private readonly service: HouseholdService,
    private readonly loaders: LedgerLoaders,
  ) {}

  @Query(() => Household, { description: 'One household in your area. 按ID查询户' })
  @Roles(...LEDGER_READER_ROLES)
  household(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Household id. 户ID' }) id: string): Promise<Household> {
    return this.service.get(user, id);
  }

  @Query(() => HouseholdConnection, { description: 'Households in your area. 本辖区户' })
  @Roles(...LEDGER_READER_ROLES)
  households(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => HouseholdFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: HouseholdFilter,
  ) {
    return this.service.search(user, filter, page);
  }

  @Mutation(() => HouseholdPayload, { description: 'Create a household in a grid of your area. 新建户' })
  @Roles(...LEDGER_EDITOR_ROLES)
  async createHousehold(@CurrentUser() user: AuthUser, @Args('input') input: CreateHouseholdInput): Promise<HouseholdPayload> {
    return { household: await this.service.create(user, input) };
  }

  @Mutation(() => HouseholdPayload, { description: 'Change a household\'s address, head or linking party member. 修改户信息' })
  @Roles(...LEDGER_EDITOR_ROLES)
  async updateHousehold(@CurrentUser() user: AuthUser, @Args('input') input: UpdateHouseholdInput): Promise<HouseholdPayload> {
    return { household: await this.service.update(user, input) };
  }

  @Mutation(() => HouseholdPayload, { description: 'Move a household with all its members to another grid of your area. 整户迁移' })
  @Roles(...LEDGER_EDITOR_ROLES)
  async moveHousehold(@CurrentUser() user: AuthUser, @Args('input') input: MoveHouseholdInput): Promise<HouseholdPayload> {
    return { household: await this.service.move(user, input) };
  }

  @ResolveField(() => Grid, { description: 'The grid the household lives in (details from the grids subgraph). 所属网格' })
  grid(@Parent() household: Household): Grid {
    return { code: household.gridCode };
  }

  @ResolveField(() => Person, { nullable: true, description: 'Head of household. 户主' })
  head(@Parent() household: Household, @Context() context: GraphQLContext) {
    return household.headId ? this.loaders.person(context).load(household.headId) : null;
  }

  @ResolveField(() => [Person], { description: 'Members, oldest first. 家庭成员' })
  members(@Parent() household: Household, @Context() context: GraphQLContext) {
    return this.loaders.householdMembers(context).load(household.id);
  }

  @ResolveField(() => Person, { nullable: true, description: 'The party member who links this household. 联户党员' })
  linkingPartyMember(@Parent() household: Household, @Context() context: GraphQLContext) {
    return household.linkingPartyMemberId ? this.loaders.person(context).load(household.linkingPartyMemberId) : null;
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Promise<Household | null> {
    return this.loaders.household(context).load(reference.id);
  }
}

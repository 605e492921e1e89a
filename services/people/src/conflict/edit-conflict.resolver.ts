import { Args, Context, Field, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { ConnectionType, PageArgs } from '@lianxin/graphql';
import type { GraphQLContext } from '../graphql-context.js';
import { Household } from '../household/household.entity.js';
import { LedgerLoaders } from '../loaders.js';
import { Person } from '../person/person.entity.js';
import { EditConflict, EditConflictEntity } from './edit-conflict.entity.js';
import { EditConflictFilter, ResolveEditConflictInput } from './edit-conflict.inputs.js';
import { CONFLICT_READERS, CONFLICT_RESOLVERS } from './edit-conflict.policy.js';
import { EditConflictService } from './edit-conflict.service.js';

export const EditConflictConnection = ConnectionType(EditConflict, 'EditConflict', 'Edit conflicts, newest first. 编辑冲突');

@ObjectType({ description: 'The resolved conflict. 已处理的冲突' })
export class ResolveEditConflictPayload {
  @Field(() => EditConflict, { description: 'The conflict. 冲突' })
  conflict: EditConflict;
}

@Resolver(() => EditConflict)
export class EditConflictResolver {
  constructor(
    private readonly service: EditConflictService,
    private readonly loaders: LedgerLoaders,
  ) {}

  @Query(() => EditConflictConnection, { description: 'Same-field edit conflicts of persons and households in your area, for the grid leader to resolve. 编辑冲突清单' })
  @Roles(...CONFLICT_READERS)
  editConflicts(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => EditConflictFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: EditConflictFilter,
  ) {
    return this.service.list(user, filter, page);
  }

  @Mutation(() => ResolveEditConflictPayload, { description: 'Take the proposed value of an edit conflict or keep the current one. 处理编辑冲突' })
  @Roles(...CONFLICT_RESOLVERS)
  async resolveEditConflict(@CurrentUser() user: AuthUser, @Args('input', { description: 'The decision. 输入' }) input: ResolveEditConflictInput): Promise<ResolveEditConflictPayload> {
    return { conflict: await this.service.resolve(user, input) };
  }

  @ResolveField(() => Person, { nullable: true, description: 'The person, for a person\'s conflict (what you may read of them). 人员' })
  person(@Parent() row: EditConflict, @Context() context: GraphQLContext): Promise<Person | null> | null {
    return row.entityType === EditConflictEntity.PERSON ? this.loaders.person(context).load(row.entityId) : null;
  }

  @ResolveField(() => Household, { nullable: true, description: 'The household, for a household\'s conflict. 户' })
  household(@Parent() row: EditConflict, @Context() context: GraphQLContext): Promise<Household | null> | null {
    return row.entityType === EditConflictEntity.HOUSEHOLD ? this.loaders.household(context).load(row.entityId) : null;
  }
}

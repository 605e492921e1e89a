import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { Tag } from './tag.entity.js';
import { CreateTagInput, TagFilter } from './tag.inputs.js';
import { TagService } from './tag.service.js';
import { TagConnection, TagPayload } from './tag.types.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => Tag)
export class TagResolver {
  constructor(private readonly service: TagService) {}

  @Query(() => TagConnection, { description: 'The focus-tag catalogue (sensitive tags only for roles that need them). 重点人群标签目录' })
  @Roles(...ALL_ROLES)
  tags(@CurrentUser() user: AuthUser, @Args() page: PageArgs, @Args('filter', { type: () => TagFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: TagFilter) {
    return this.service.list(user, filter, page);
  }

  @Idempotent()
  @Mutation(() => TagPayload, { description: 'Add a focus tag to the catalogue. 新增重点人群标签' })
  @Roles(Role.COUNTY_ADMIN)
  async createTag(@Args('input') input: CreateTagInput): Promise<TagPayload> {
    return { tag: await this.service.create(input) };
  }
}

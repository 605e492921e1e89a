import { Args, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { CaseCategory } from './case-category.entity.js';
import { CreateCaseCategoryInput, UpdateCaseCategoryInput } from './category.inputs.js';
import { CategoryService } from './category.service.js';
import { Idempotent } from '@lianxin/platform';

@ObjectType({ description: 'The category after the change. 变更后的事项类别' })
export class CaseCategoryPayload {
  @Field(() => CaseCategory, { description: 'The category. 事项类别' })
  category: CaseCategory;
}

@Resolver(() => CaseCategory)
export class CategoryResolver {
  constructor(private readonly service: CategoryService) {}

  @Query(() => [CaseCategory], { description: 'The case category catalogue: national categories and those of your county. 事项类别目录' })
  @Roles(...ALL_ROLES)
  caseCategories(
    @CurrentUser() user: AuthUser,
    @Args('includeInactive', { type: () => Boolean, defaultValue: false, description: 'Also categories no longer used. 包括停用类别' })
    includeInactive: boolean,
  ): Promise<CaseCategory[]> {
    return this.service.list(user, includeInactive);
  }

  @Idempotent()
  @Mutation(() => CaseCategoryPayload, { description: 'Add a case category of your county (admins above county level: to the national catalogue). 新增事项类别' })
  @Roles(Role.COUNTY_ADMIN)
  async createCaseCategory(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: CreateCaseCategoryInput): Promise<CaseCategoryPayload> {
    return { category: await this.service.create(user, input) };
  }

  @Mutation(() => CaseCategoryPayload, { description: 'Change a case category of your county (national ones: platform admins). 修改事项类别' })
  @Roles(Role.COUNTY_ADMIN)
  async updateCaseCategory(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: UpdateCaseCategoryInput): Promise<CaseCategoryPayload> {
    return { category: await this.service.update(user, input) };
  }
}

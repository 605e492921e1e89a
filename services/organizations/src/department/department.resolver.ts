import { Args, Context, Field, Info, Mutation, ObjectType, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { ALL_ROLES, authenticatedUser, CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, ConnectionType, groupedConnection, PageArgs, requestLoader } from '@lianxin/graphql';
import { Area } from '../area/area.entity.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Department } from './department.entity.js';
import { CreateDepartmentInput } from './department.inputs.js';
import { DepartmentService } from './department.service.js';
import { Idempotent } from '@lianxin/platform';

export const DepartmentConnection = ConnectionType(Department, 'Department', 'Departments. 职能部门');

@ObjectType({ description: 'The department after the change. 变更后的部门' })
export class DepartmentPayload {
  @Field(() => Department)
  department: Department;
}

@Resolver(() => Department)
export class DepartmentResolver {
  constructor(private readonly service: DepartmentService) {}

  @Query(() => DepartmentConnection, { description: 'Departments of the counties in or above your scope. 职能部门' })
  @Roles(...ALL_ROLES)
  departments(@CurrentUser() user: AuthUser, @Args() page: PageArgs) {
    return this.service.list(user, page);
  }

  @Query(() => Department, { description: 'One department. 职能部门' })
  @Roles(...ALL_ROLES)
  department(@CurrentUser() user: AuthUser, @Args('id') id: string): Promise<Department> {
    return this.service.get(user, id);
  }

  @Idempotent()
  @Mutation(() => DepartmentPayload, { description: 'Create a department of a county in your scope. 新建职能部门' })
  @Roles(Role.COUNTY_ADMIN)
  async createDepartment(@CurrentUser() user: AuthUser, @Args('input') input: CreateDepartmentInput): Promise<DepartmentPayload> {
    return { department: await this.service.create(user, input) };
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Promise<Department | null> {
    const user = authenticatedUser(context);
    return requestLoader<string, Department>(context, 'department', async (ids) =>
      byKeys(ids, await this.service.findVisible(user, ids), (department) => department.id),
    ).load(reference.id);
  }
}

@Resolver(() => Area)
export class AreaDepartmentsResolver {
  constructor(private readonly service: DepartmentService) {}

  @ResolveField(() => DepartmentConnection, { description: 'Departments of this county. 本县区职能部门' })
  departments(
    @CurrentUser() user: AuthUser,
    @Parent() area: Area,
    @Args() page: PageArgs,
    @Context() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return groupedConnection({
      context,
      list: 'Area.departments',
      group: area.code,
      args: page,
      info,
      keyOf: (department: Department) => department.id,
      fetch: (codes, request) => this.service.ofCounties(user, codes, request),
    });
  }
}

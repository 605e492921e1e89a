import { Args, Context, Field, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { GRID_ADMINS, GRID_DETAIL_READERS } from '../common/access.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Grid } from '../grid/grid.entity.js';
import { GridsLoaders } from '../loaders.js';
import { GridStaff } from '../staff/grid-staff.entity.js';
import { MicroGrid } from './micro-grid.entity.js';
import { CreateMicroGridInput } from './micro-grid.inputs.js';
import { MicroGridService } from './micro-grid.service.js';
import { Idempotent } from '@lianxin/platform';

@ObjectType({ description: 'The micro-grid after the change. 变更后的微网格' })
export class MicroGridPayload {
  @Field(() => MicroGrid, { description: 'The micro-grid. 微网格' })
  microGrid: MicroGrid;
}

@Resolver(() => MicroGrid)
export class MicroGridResolver {
  constructor(
    private readonly microGrids: MicroGridService,
    private readonly loaders: GridsLoaders,
  ) {}

  @Query(() => MicroGrid, { description: 'One micro-grid in your scope. 按代码查询微网格' })
  @Roles(...GRID_DETAIL_READERS)
  microGrid(@CurrentUser() user: AuthUser, @Args('code', { description: 'Micro-grid code (18 digits). 微网格代码' }) code: string): Promise<MicroGrid> {
    return this.microGrids.get(user, code);
  }

  @Idempotent()
  @Mutation(() => MicroGridPayload, { description: 'Create a micro-grid in a grid of your area. 新建微网格' })
  @Roles(...GRID_ADMINS)
  async createMicroGrid(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: CreateMicroGridInput,
  ): Promise<MicroGridPayload> {
    return { microGrid: await this.microGrids.create(user, input) };
  }

  @ResolveField(() => Grid, { nullable: true, description: 'The grid it belongs to. 所属网格' })
  grid(@Parent() microGrid: MicroGrid, @Context() context: GraphQLContext) {
    return this.loaders.grid(context).load(microGrid.gridCode);
  }

  @ResolveField(() => GridStaff, { nullable: true, description: 'The current liaison. 微网格联络员' })
  liaison(@Parent() microGrid: MicroGrid, @Context() context: GraphQLContext) {
    return this.loaders.liaison(context).load(microGrid.code);
  }
}

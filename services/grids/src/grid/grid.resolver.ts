import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ALL_ROLES, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { GRID_ADMINS, requireAnyRole, requireGridDetails, VISIT_READERS } from '../common/access.js';
import { Caller } from '../common/caller.decorator.js';
import { AreaReference, OrganizationReference } from '../common/references.js';
import { HazardService } from '../field-work/hazard.service.js';
import { KeyPlaceService } from '../field-work/key-place.service.js';
import { HazardConnection, KeyPlaceConnection, VisitConnection } from '../field-work/field-work.types.js';
import { VisitService } from '../field-work/visit.service.js';
import type { GraphQLContext } from '../graphql-context.js';
import { GridsLoaders } from '../loaders.js';
import { MicroGrid } from '../micro-grid/micro-grid.entity.js';
import { GridStaff } from '../staff/grid-staff.entity.js';
import { GridStaffRole } from '../staff/staff-role.js';
import { GridStructureCheck } from '../staff/staff.types.js';
import { checkStructure } from '../staff/structure-check.js';
import { StaffingRules } from '../staff/staffing-rule.js';
import { GridKind } from './grid-kind.js';
import { Grid } from './grid.entity.js';
import { CreateGridInput, GridFilter, UpdateGridInput } from './grid.inputs.js';
import { GridService } from './grid.service.js';
import { GridConnection, GridPayload } from './grid.types.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => Grid)
export class GridResolver {
  constructor(
    private readonly gridService: GridService,
    private readonly keyPlaceService: KeyPlaceService,
    private readonly visitService: VisitService,
    private readonly hazardService: HazardService,
    private readonly loaders: GridsLoaders,
    private readonly staffingRules: StaffingRules,
  ) {}

  @Query(() => Grid, { description: 'One grid in your scope (residents: their own grid\'s code and name). 按代码查询网格' })
  @Roles(...ALL_ROLES)
  grid(@CurrentUser() user: AuthUser, @Args('code', { description: 'Grid code (15 digits). 网格代码' }) code: string): Promise<Grid> {
    return this.gridService.get(user, code);
  }

  @Query(() => GridConnection, { description: 'Grids in your scope, by code; filter by village or kind. 本辖区网格' })
  @Roles(...ALL_ROLES)
  grids(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => GridFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: GridFilter,
  ) {
    return this.gridService.search(user, filter, page);
  }

  @Idempotent()
  @Mutation(() => GridPayload, { description: 'Create a grid in a village of your area. 新建网格' })
  @Roles(...GRID_ADMINS)
  async createGrid(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: CreateGridInput,
  ): Promise<GridPayload> {
    return { grid: await this.gridService.create(user, input) };
  }

  @Mutation(() => GridPayload, { description: 'Change a grid of your area. 修改网格' })
  @Roles(...GRID_ADMINS)
  async updateGrid(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: UpdateGridInput,
  ): Promise<GridPayload> {
    return { grid: await this.gridService.update(user, input) };
  }

  @ResolveField(() => AreaReference, { description: 'The village or community the grid belongs to. 所属村（社区）' })
  village(@Caller() user: AuthUser, @Parent() grid: Grid): AreaReference {
    requireGridDetails(user);
    return { code: grid.villageCode };
  }

  @ResolveField(() => OrganizationReference, { nullable: true, description: 'The party organization covering the grid. 网格党组织' })
  partyOrganization(@Caller() user: AuthUser, @Parent() grid: Grid): OrganizationReference | null {
    requireGridDetails(user);
    return grid.partyOrganizationId ? { id: grid.partyOrganizationId } : null;
  }

  @ResolveField(() => [MicroGrid], { description: 'Micro-grids of the grid, by code. 微网格' })
  microGrids(@Caller() user: AuthUser, @Parent() grid: Grid, @Context() context: GraphQLContext): Promise<MicroGrid[] | null> {
    requireGridDetails(user);
    return this.loaders.microGridsOfGrid(context).load(grid.code);
  }

  @ResolveField(() => [GridStaff], { description: 'The grid team: current assignments, or all with includeEnded. 网格力量' })
  async staff(
    @Caller() user: AuthUser,
    @Parent() grid: Grid,
    @Context() context: GraphQLContext,
    @Args('includeEnded', { defaultValue: false, description: 'Include past assignments. 含已离任' }) includeEnded: boolean,
    @Args('role', { type: () => GridStaffRole, nullable: true, description: 'Only this role. 角色' }) role?: GridStaffRole,
  ): Promise<GridStaff[]> {
    requireGridDetails(user);
    const team = (await this.loaders.team(context, includeEnded).load(grid.code)) ?? [];
    return role ? team.filter((staff) => staff.role === role) : team;
  }

  @ResolveField(() => GridStructureCheck, { description: "How the current team stands against the county's staffing pattern (1+1+3+N or 1+3+N). 网格力量配备检查" })
  async structureCheck(@Caller() user: AuthUser, @Parent() grid: Grid, @Context() context: GraphQLContext): Promise<GridStructureCheck> {
    requireGridDetails(user);
    const team = (await this.loaders.team(context, false).load(grid.code)) ?? [];
    return checkStructure(
      team.map((staff) => staff.role),
      await this.staffingRules.ruleFor(context, grid),
    );
  }

  @ResolveField(() => KeyPlaceConnection, { description: 'Key places of the grid. 重点场所' })
  keyPlaces(@Caller() user: AuthUser, @Parent() grid: Grid, @Args() page: PageArgs) {
    requireGridDetails(user);
    return this.keyPlaceService.search(user, { gridCode: grid.code }, page);
  }

  @ResolveField(() => VisitConnection, { description: 'Visits in the grid, newest first. 入户走访' })
  visits(@Caller() user: AuthUser, @Parent() grid: Grid, @Args() page: PageArgs) {
    requireAnyRole(user, VISIT_READERS, 'visits');
    return this.visitService.search(user, { areaCode: grid.code }, page);
  }

  @ResolveField(() => HazardConnection, { description: 'Hazards found in the grid, newest first. 安全隐患' })
  hazards(@Caller() user: AuthUser, @Parent() grid: Grid, @Args() page: PageArgs) {
    requireGridDetails(user);
    return this.hazardService.search(user, { areaCode: grid.code }, page);
  }

  @ResolveReference()
  resolveReference(reference: { code: string }, context: GraphQLContext): Promise<Grid | null> {
    return this.loaders.grid(context).load(reference.code);
  }
}

@Resolver(() => AreaReference)
export class AreaGridsResolver {
  constructor(private readonly gridService: GridService) {}

  @ResolveField(() => GridConnection, { description: 'Grids under this area that you may see, by code. 辖区网格' })
  grids(
    @Caller() user: AuthUser,
    @Parent() area: AreaReference,
    @Args() page: PageArgs,
    @Args('kind', { type: () => GridKind, nullable: true, description: 'Only this kind. 网格类型' }) kind?: GridKind,
  ) {
    return this.gridService.search(user, { kind }, page, area.code);
  }
}

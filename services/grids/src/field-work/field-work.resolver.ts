import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { FIELD_WORKERS, GRID_DETAIL_READERS, VISIT_READERS } from '../common/access.js';
import { Caller } from '../common/caller.decorator.js';
import { HouseholdReference } from '../common/references.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Grid } from '../grid/grid.entity.js';
import { GridsLoaders } from '../loaders.js';
import { GridStaff } from '../staff/grid-staff.entity.js';
import {
  HazardFilter,
  KeyPlaceFilter,
  RecordPatrolInput,
  RecordVisitInput,
  RegisterKeyPlaceInput,
  ReportHazardInput,
  VisitFilter,
} from './field-work.inputs.js';
import {
  HazardConnection,
  KeyPlaceConnection,
  KeyPlacePayload,
  PatrolConnection,
  RecordPatrolPayload,
  RecordVisitPayload,
  ReportHazardPayload,
  VisitConnection,
} from './field-work.types.js';
import { Hazard } from './hazard.entity.js';
import { HazardService } from './hazard.service.js';
import { KeyPlace } from './key-place.entity.js';
import { KeyPlaceService } from './key-place.service.js';
import { Patrol } from './patrol.entity.js';
import { PatrolService } from './patrol.service.js';
import { Visit } from './visit.entity.js';
import { VisitService } from './visit.service.js';

@Resolver(() => Visit)
export class VisitResolver {
  constructor(
    private readonly visitService: VisitService,
    private readonly loaders: GridsLoaders,
  ) {}

  @Query(() => VisitConnection, { description: 'Visits in your scope, newest first. 入户走访记录' })
  @Roles(...VISIT_READERS)
  visits(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => VisitFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: VisitFilter,
  ) {
    return this.visitService.search(user, filter, page);
  }

  @Mutation(() => RecordVisitPayload, { description: 'Record a door-to-door visit in your grid. 记录入户走访' })
  @Roles(...FIELD_WORKERS)
  async recordVisit(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: RecordVisitInput,
  ): Promise<RecordVisitPayload> {
    return { visit: await this.visitService.record(user, input) };
  }

  @ResolveField(() => GridStaff, { nullable: true, description: 'Who visited. 走访人' })
  staff(@Parent() visit: Visit, @Context() context: GraphQLContext) {
    return this.loaders.staffMember(context).load(visit.staffId);
  }

  @ResolveField(() => HouseholdReference, { description: 'The household visited. 走访户' })
  household(@Parent() visit: Visit): HouseholdReference {
    return { id: visit.householdId };
  }

  @ResolveField(() => Grid, { nullable: true, description: 'The grid. 网格' })
  grid(@Parent() visit: Visit, @Context() context: GraphQLContext) {
    return this.loaders.grid(context).load(visit.gridCode);
  }
}

@Resolver(() => KeyPlace)
export class KeyPlaceResolver {
  constructor(
    private readonly keyPlaceService: KeyPlaceService,
    private readonly patrolService: PatrolService,
    private readonly hazardService: HazardService,
    private readonly loaders: GridsLoaders,
  ) {}

  @Query(() => KeyPlace, { description: 'One key place in your scope. 重点场所' })
  @Roles(...GRID_DETAIL_READERS)
  keyPlace(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Id. 编号' }) id: string): Promise<KeyPlace> {
    return this.keyPlaceService.get(user, id);
  }

  @Query(() => KeyPlaceConnection, { description: 'Key places in your scope. 本辖区重点场所' })
  @Roles(...GRID_DETAIL_READERS)
  keyPlaces(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => KeyPlaceFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: KeyPlaceFilter,
  ) {
    return this.keyPlaceService.search(user, filter, page);
  }

  @Mutation(() => KeyPlacePayload, { description: 'Register a key place in your grid. 登记重点场所' })
  @Roles(...FIELD_WORKERS)
  async registerKeyPlace(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: RegisterKeyPlaceInput,
  ): Promise<KeyPlacePayload> {
    return { keyPlace: await this.keyPlaceService.register(user, input) };
  }

  @ResolveField(() => Grid, { nullable: true, description: 'The grid. 网格' })
  grid(@Parent() place: KeyPlace, @Context() context: GraphQLContext) {
    return this.loaders.grid(context).load(place.gridCode);
  }

  @ResolveField(() => PatrolConnection, { description: 'Patrols of this place, newest first. 巡查记录' })
  patrols(@Caller() user: AuthUser, @Parent() place: KeyPlace, @Args() page: PageArgs) {
    return this.patrolService.ofKeyPlace(user, place.id, page);
  }

  @ResolveField(() => HazardConnection, { description: 'Hazards found at this place, newest first. 安全隐患' })
  hazards(@Caller() user: AuthUser, @Parent() place: KeyPlace, @Args() page: PageArgs) {
    return this.hazardService.ofKeyPlace(user, place.id, page);
  }
}

@Resolver(() => Patrol)
export class PatrolResolver {
  constructor(
    private readonly patrolService: PatrolService,
    private readonly loaders: GridsLoaders,
  ) {}

  @Mutation(() => RecordPatrolPayload, { description: 'Record a patrol of a key place in your grid, reporting the hazards found. 记录巡查' })
  @Roles(...FIELD_WORKERS)
  recordPatrol(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: RecordPatrolInput,
  ): Promise<RecordPatrolPayload> {
    return this.patrolService.record(user, input);
  }

  @ResolveField(() => KeyPlace, { nullable: true, description: 'The place patrolled. 巡查场所' })
  keyPlace(@Parent() patrol: Patrol, @Context() context: GraphQLContext) {
    return this.loaders.keyPlace(context).load(patrol.keyPlaceId);
  }

  @ResolveField(() => GridStaff, { nullable: true, description: 'Who patrolled. 巡查人' })
  staff(@Parent() patrol: Patrol, @Context() context: GraphQLContext) {
    return this.loaders.staffMember(context).load(patrol.staffId);
  }

  @ResolveField(() => [Hazard], { description: 'Hazards found. 发现的隐患' })
  async hazards(@Parent() patrol: Patrol, @Context() context: GraphQLContext): Promise<Hazard[]> {
    return (await this.loaders.hazardsOfPatrol(context).load(patrol.id)) ?? [];
  }
}

@Resolver(() => Hazard)
export class HazardResolver {
  constructor(
    private readonly hazardService: HazardService,
    private readonly loaders: GridsLoaders,
  ) {}

  @Query(() => HazardConnection, { description: 'Hazards in your scope, newest first. 本辖区安全隐患' })
  @Roles(...GRID_DETAIL_READERS)
  hazards(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => HazardFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: HazardFilter,
  ) {
    return this.hazardService.search(user, filter, page);
  }

  @Mutation(() => ReportHazardPayload, { description: 'Report a safety hazard in your grid; cases picks it up. 上报安全隐患' })
  @Roles(...FIELD_WORKERS)
  async reportHazard(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'What to change. 输入' }) input: ReportHazardInput,
  ): Promise<ReportHazardPayload> {
    return { hazard: await this.hazardService.report(user, input) };
  }

  @ResolveField(() => Date, { description: 'When the server received the report (later than reportedAt for work sent from an offline device). 服务器接收时间' })
  receivedAt(@Parent() hazard: Hazard): Date {
    return hazard.createdAt;
  }

  @ResolveField(() => Grid, { nullable: true, description: 'The grid. 网格' })
  grid(@Parent() hazard: Hazard, @Context() context: GraphQLContext) {
    return this.loaders.grid(context).load(hazard.gridCode);
  }

  @ResolveField(() => KeyPlace, { nullable: true, description: 'The key place, if it is in one. 重点场所' })
  keyPlace(@Parent() hazard: Hazard, @Context() context: GraphQLContext) {
    return hazard.keyPlaceId ? this.loaders.keyPlace(context).load(hazard.keyPlaceId) : null;
  }
}

import { Args, Context, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { authenticatedUser, CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { ConnectionType, PageArgs } from '@lianxin/graphql';
import { READ_ROLES, STAFF_ROLES } from '../common/access.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Volunteer } from '../volunteer/volunteer.entity.js';
import { VolunteerService } from '../volunteer/volunteer.service.js';
import { Activity, ActivitySignUp } from './activity.entity.js';
import { ActivityFilter, CheckInInput, CreateActivityInput, SignUpInput } from './activity.inputs.js';
import { ActivityService } from './activity.service.js';

export const ActivityConnection = ConnectionType(Activity, 'Activity', 'Volunteer activities, latest start first. 志愿活动');
export const ActivitySignUpConnection = ConnectionType(ActivitySignUp, 'ActivitySignUp', 'Sign-ups of an activity. 活动报名');

@ObjectType({ description: 'The activity after the change. 变更后的活动' })
export class ActivityPayload {
  @Field(() => Activity, { description: 'The activity. 活动' })
  activity: Activity;
}

@ObjectType({ description: 'The sign-up and its activity. 报名结果' })
export class SignUpPayload {
  @Field(() => Activity, { description: 'The activity, with its new count. 活动' })
  activity: Activity;

  @Field(() => ActivitySignUp, { description: 'The sign-up. 报名记录' })
  signUp: ActivitySignUp;
}

@ObjectType({ description: 'The attendance recorded, with the hours credited. 签到结果' })
export class CheckInPayload {
  @Field(() => Activity, { description: 'The activity. 活动' })
  activity: Activity;

  @Field(() => ActivitySignUp, { description: 'The sign-up, now attended. 报名记录' })
  signUp: ActivitySignUp;

  @Field(() => Volunteer, { description: 'The volunteer, with the hours credited. 志愿者' })
  volunteer: Volunteer;
}

@Resolver(() => Activity)
export class ActivityResolver {
  constructor(private readonly service: ActivityService) {}

  @Query(() => Activity, { description: 'One activity you may see. 按ID查询活动' })
  @Roles(...READ_ROLES)
  activity(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Activity id. 活动ID' }) id: string): Promise<Activity> {
    return this.service.get(user, id);
  }

  @Query(() => ActivityConnection, { description: 'Activities of your area (volunteers and residents: their village), latest start first. 志愿活动列表' })
  @Roles(...READ_ROLES)
  activities(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => ActivityFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: ActivityFilter,
  ) {
    return this.service.list(user, filter, page);
  }

  @Mutation(() => ActivityPayload, { description: 'Organise an activity in your area. 发布志愿活动' })
  @Roles(...STAFF_ROLES)
  async createActivity(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: CreateActivityInput): Promise<ActivityPayload> {
    return { activity: await this.service.create(user, input) };
  }

  @Mutation(() => SignUpPayload, { description: 'Sign up for an activity; refused when it is full. 活动报名' })
  @Roles(Role.VOLUNTEER, ...STAFF_ROLES)
  signUp(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: SignUpInput): Promise<SignUpPayload> {
    return this.service.signUp(user, input);
  }

  @Mutation(() => CheckInPayload, { description: 'Check a signed-up volunteer in: service hours and points are credited. 活动签到' })
  @Roles(...STAFF_ROLES)
  checkIn(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: CheckInInput): Promise<CheckInPayload> {
    return this.service.checkIn(user, input);
  }

  @ResolveField(() => ActivitySignUpConnection, { description: 'Who signed up (staff and auditors). 报名名单' })
  signUps(@Parent() activity: Activity, @Context() context: GraphQLContext, @Args() page: PageArgs) {
    return this.service.signUps(authenticatedUser(context), activity, page);
  }
}

@Resolver(() => ActivitySignUp)
export class ActivitySignUpResolver {
  constructor(private readonly volunteers: VolunteerService) {}

  @ResolveField(() => Volunteer, { nullable: true, description: 'The volunteer, if you may see them. 志愿者' })
  volunteer(@Parent() signUp: ActivitySignUp, @Context() context: GraphQLContext): Promise<Volunteer | null> {
    return this.volunteers.loader(context).load(signUp.volunteerId);
  }
}


import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs, requestLoader } from '@lianxin/graphql';
import { ADMIN_ROLES, READ_ROLES, STAFF_READ_ROLES } from '../common/access.js';
import { PersonReference, personRef } from '../federation/person.reference.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Team } from './team.entity.js';
import { TeamService } from './team.service.js';
import { Volunteer } from './volunteer.entity.js';
import { RegisterVolunteerInput, UpdateVolunteerSkillsInput, VolunteerFilter } from './volunteer.inputs.js';
import { VolunteerService } from './volunteer.service.js';
import { VolunteerConnection, VolunteerPayload } from './volunteer.types.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => Volunteer)
export class VolunteerResolver {
  constructor(
    private readonly service: VolunteerService,
    private readonly teamService: TeamService,
  ) {}

  @Query(() => Volunteer, { description: 'One volunteer: staff in their area, a volunteer themselves. 按ID查询志愿者' })
  @Roles(...STAFF_READ_ROLES, Role.VOLUNTEER)
  volunteer(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Volunteer id. 志愿者ID' }) id: string): Promise<Volunteer> {
    return this.service.get(user, id);
  }

  @Query(() => VolunteerConnection, { description: 'Volunteers in your area. 本辖区志愿者' })
  @Roles(...STAFF_READ_ROLES)
  volunteers(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => VolunteerFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: VolunteerFilter,
  ) {
    return this.service.list(user, filter, page);
  }

  @Query(() => Volunteer, { nullable: true, description: 'Your own volunteer record, if you are one. 我的志愿者信息' })
  @Roles(...READ_ROLES)
  myVolunteer(@CurrentUser() user: AuthUser): Promise<Volunteer | null> {
    return this.service.mine(user);
  }

  @Idempotent()
  @Mutation(() => VolunteerPayload, { description: 'Register a person as a volunteer in your area. 登记志愿者' })
  @Roles(...ADMIN_ROLES)
  async registerVolunteer(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RegisterVolunteerInput): Promise<VolunteerPayload> {
    return { volunteer: await this.service.register(user, input) };
  }

  @Mutation(() => VolunteerPayload, { description: 'Replace a volunteer\'s skills (the volunteer themselves or an area admin). 更新技能特长' })
  @Roles(...ADMIN_ROLES, Role.VOLUNTEER)
  async updateVolunteerSkills(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: UpdateVolunteerSkillsInput): Promise<VolunteerPayload> {
    return { volunteer: await this.service.updateSkills(user, input) };
  }

  @ResolveField(() => PersonReference, { description: 'The person (people subgraph). 人员' })
  person(@Parent() volunteer: Volunteer): PersonReference {
    return personRef(volunteer.personId);
  }

  @ResolveField(() => [Team], { description: 'Teams the volunteer belongs to (their volunteer posts). 所在服务队' })
  teams(@Parent() volunteer: Volunteer, @Context() context: GraphQLContext): Promise<Team[]> {
    return requestLoader<string, Team[]>(context, 'teamsOfVolunteer', async (ids) => {
      const byVolunteer = await this.teamService.teamsOf(ids);
      return ids.map((id) => byVolunteer.get(id) ?? []);
    })
      .load(volunteer.id)
      .then((teams) => teams ?? []);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Promise<Volunteer | null> {
    return this.service.loader(context).load(reference.id);
  }
}

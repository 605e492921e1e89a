import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { authenticatedUser, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs, requestLoader } from '@lianxin/graphql';
import { ADMIN_ROLES, READ_ROLES } from '../common/access.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Team } from './team.entity.js';
import { TeamService } from './team.service.js';
import { CreateTeamInput, JoinTeamInput, TeamFilter } from './volunteer.inputs.js';
import { VolunteerService } from './volunteer.service.js';
import { JoinTeamPayload, TeamConnection, TeamPayload, VolunteerConnection } from './volunteer.types.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => Team)
export class TeamResolver {
  constructor(
    private readonly service: TeamService,
    private readonly volunteers: VolunteerService,
  ) {}

  @Query(() => Team, { description: 'One volunteer team you may see. 按ID查询服务队' })
  @Roles(...READ_ROLES)
  team(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Team id. 服务队ID' }) id: string): Promise<Team> {
    return this.service.get(user, id);
  }

  @Query(() => TeamConnection, { description: 'Volunteer teams of your area (volunteers and residents: their village). 志愿服务队' })
  @Roles(...READ_ROLES)
  teams(@CurrentUser() user: AuthUser, @Args() page: PageArgs, @Args('filter', { type: () => TeamFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: TeamFilter) {
    return this.service.list(user, filter, page);
  }

  @Idempotent()
  @Mutation(() => TeamPayload, { description: 'Create a volunteer team in your area. 新建志愿服务队' })
  @Roles(...ADMIN_ROLES)
  async createTeam(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: CreateTeamInput): Promise<TeamPayload> {
    return { team: await this.service.create(user, input) };
  }

  @Idempotent()
  @Mutation(() => JoinTeamPayload, { description: 'Put a volunteer of the team\'s area in the team. 加入服务队' })
  @Roles(...ADMIN_ROLES)
  joinTeam(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: JoinTeamInput): Promise<JoinTeamPayload> {
    return this.service.join(user, input);
  }

  @ResolveField(() => VolunteerConnection, {
    description: 'Members serving inside your area (staff and auditors; volunteers and residents see memberCount only). 队员（限本辖区）',
  })
  members(@Parent() team: Team, @Context() context: GraphQLContext, @Args() page: PageArgs) {
    return this.volunteers.membersOf(authenticatedUser(context), team.id, page);
  }

  @ResolveField(() => Int, { description: 'How many volunteers are in the team. 队员人数' })
  memberCount(@Parent() team: Team, @Context() context: GraphQLContext): Promise<number> {
    return requestLoader<string, number>(context, 'teamMemberCount', async (ids) => {
      const counts = await this.service.memberCounts(ids);
      return ids.map((id) => counts.get(id) ?? 0);
    })
      .load(team.id)
      .then((count) => count ?? 0);
  }
}

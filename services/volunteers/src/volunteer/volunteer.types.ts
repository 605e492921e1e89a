import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { Team } from './team.entity.js';
import { Volunteer } from './volunteer.entity.js';

export const VolunteerConnection = ConnectionType(Volunteer, 'Volunteer', 'Volunteers. 志愿者');
export const TeamConnection = ConnectionType(Team, 'Team', 'Volunteer teams. 志愿服务队');

@ObjectType({ description: 'The volunteer after the change. 变更后的志愿者' })
export class VolunteerPayload {
  @Field(() => Volunteer, { description: 'The volunteer. 志愿者' })
  volunteer: Volunteer;
}

@ObjectType({ description: 'The team after the change. 变更后的服务队' })
export class TeamPayload {
  @Field(() => Team, { description: 'The team. 服务队' })
  team: Team;
}

@ObjectType({ description: 'The team and the volunteer who joined it. 入队结果' })
export class JoinTeamPayload {
  @Field(() => Team, { description: 'The team. 服务队' })
  team: Team;

  @Field(() => Volunteer, { description: 'The volunteer. 志愿者' })
  volunteer: Volunteer;
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput, conflict, forbidden, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { assertMayManage, browsePrefix, mayBrowse } from '../common/access.js';
import { areaCondition } from '../common/area-filter.js';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import { Team, TeamMembership } from './team.entity.js';
import { Volunteer } from './volunteer.entity.js';
import type { CreateTeamInput, JoinTeamInput, TeamFilter } from './volunteer.inputs.js';

@Injectable()
export class TeamService {
  constructor(private readonly em: EntityManager) {}

  async create(user: AuthUser, input: CreateTeamInput): Promise<Team> {
    assertMayManage(user, input.areaCode, 'create teams');
    const name = input.name.trim();
    if (!name) throw badUserInput('name', 'must not be blank');
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          if (await em.findOne(Team, { areaCode: input.areaCode, name })) throw conflict(`area ${input.areaCode} already has a team named ${name}`);
          return em.create(Team, { name, areaCode: input.areaCode, description: input.description?.trim() || null });
        }),
      `area ${input.areaCode} already has a team named ${name}`,
    );
  }

  async join(user: AuthUser, input: JoinTeamInput): Promise<{ team: Team; volunteer: Volunteer }> {
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          const team = await em.findOne(Team, { id: input.teamId });
          if (!team || !mayBrowse(user, team.areaCode)) throw notFound('Team', input.teamId);
          assertMayManage(user, team.areaCode, 'put volunteers in teams');
          const volunteer = await em.findOne(Volunteer, { id: input.volunteerId });
          if (!volunteer || !isInScope(user, volunteer.areaCode)) throw notFound('Volunteer', input.volunteerId);
          if (!volunteer.areaCode.startsWith(team.areaCode)) {
            throw badUserInput('volunteerId', `the volunteer serves in ${volunteer.areaCode}, outside the team's area ${team.areaCode}`);
          }
          if (await em.findOne(TeamMembership, { teamId: team.id, volunteerId: volunteer.id })) throw conflict('the volunteer is already in this team');
          em.create(TeamMembership, { teamId: team.id, volunteerId: volunteer.id });
          return { team, volunteer };
        }),
      'the volunteer is already in this team',
    );
  }

  async get(user: AuthUser, id: string): Promise<Team> {
    const team = await this.em.findOne(Team, { id });
    if (!team || !mayBrowse(user, team.areaCode)) throw notFound('Team', id);
    return team;
  }

  list(user: AuthUser, filter: TeamFilter | undefined, page: PageArgs): Promise<Connection<Team>> {
    const prefix = browsePrefix(user);
    if (prefix === null) throw forbidden('your roles cannot see volunteer teams');
    const where = areaCondition(prefix, filter?.areaCode);
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Team, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (team) => team.id,
      () => this.em.count(Team, where),
    );
  }

  /** Teams of many volunteers in one query, for Volunteer.teams. */
  async teamsOf(volunteerIds: readonly string[]): Promise<Map<string, Team[]>> {
    const memberships = await this.em.find(TeamMembership, { volunteerId: { $in: [...volunteerIds] } });
    const teams = await this.em.find(Team, { id: { $in: [...new Set(memberships.map((m) => m.teamId))] } }, { orderBy: { name: 'asc' } });
    const byId = new Map(teams.map((team) => [team.id, team]));
    const result = new Map<string, Team[]>(volunteerIds.map((id) => [id, []]));
    for (const membership of memberships) {
      const team = byId.get(membership.teamId);
      if (team) result.get(membership.volunteerId)?.push(team);
    }
    return result;
  }

  /** Member counts of many teams in one query, for Team.memberCount. */
  async memberCounts(teamIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.em.execute<Array<{ team_id: string; n: string }>>(
      `select team_id, count(*) as n from team_membership where team_id in (?) group by team_id`,
      [[...teamIds]],
    );
    return new Map(rows.map((row) => [row.team_id, Number(row.n)]));
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { authenticatedUser, type AuthUser } from '@lianxin/auth';
import { badUserInput, byKeys, conflict, forbidden, notFound, paginate, requestLoader, type Connection, type PageArgs } from '@lianxin/graphql';
import { assertMayManage, isStaffReader, mayManage, STAFF_READ_ROLES, volunteerPrefix } from '../common/access.js';
import { areaCondition } from '../common/area-filter.js';
import { cleanList } from '../common/inputs.js';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import type { GraphQLContext } from '../graphql-context.js';
import { TeamMembership } from './team.entity.js';
import { VolunteerKind } from './volunteer-kind.js';
import { Volunteer } from './volunteer.entity.js';
import type { RegisterVolunteerInput, UpdateVolunteerSkillsInput, VolunteerFilter } from './volunteer.inputs.js';

/** Staff and auditors see the volunteers they may organise (grid staff: their village's); a volunteer sees their own record. */
export function mayReadVolunteer(user: AuthUser, volunteer: Volunteer): boolean {
  const prefix = volunteerPrefix(user);
  return volunteer.userId === user.sub || (prefix !== null && volunteer.areaCode.startsWith(prefix));
}

@Injectable()
export class VolunteerService {
  constructor(private readonly em: EntityManager) {}

  async register(user: AuthUser, input: RegisterVolunteerInput): Promise<Volunteer> {
    assertMayManage(user, input.areaCode, 'register volunteers');
    const isPartyMember = input.kinds.includes(VolunteerKind.PARTY_MEMBER);
    if (isPartyMember && !input.partyMemberType) throw badUserInput('partyMemberType', 'a PARTY_MEMBER volunteer needs the member type');
    if (!isPartyMember && input.partyMemberType) throw badUserInput('partyMemberType', 'only PARTY_MEMBER volunteers have a member type');
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          if (await em.findOne(Volunteer, { personId: input.personId })) throw conflict(`person ${input.personId} is already a volunteer`);
          if (input.userId && (await em.findOne(Volunteer, { userId: input.userId }))) throw conflict(`account ${input.userId} already belongs to a volunteer`);
          const volunteer = em.create(Volunteer, {
            personId: input.personId,
            userId: input.userId ?? null,
            areaCode: input.areaCode,
            kinds: input.kinds,
            skills: cleanList(input.skills),
            partyMemberType: input.partyMemberType ?? null,
          });
          // Points the person earned before registering (e.g. as a resident who reported cases) become theirs to see.
          if (input.userId) {
            await em.execute(`update point_account set holder_user_id = ? where person_id = ? and holder_user_id is null`, [input.userId, input.personId], 'run');
          }
          return volunteer;
        }),
      'the person or account is already registered as a volunteer',
    );
  }

  async updateSkills(user: AuthUser, input: UpdateVolunteerSkillsInput): Promise<Volunteer> {
    return this.em.transactional(async (em) => {
      const volunteer = await em.findOne(Volunteer, { id: input.volunteerId });
      if (!volunteer || !mayReadVolunteer(user, volunteer)) throw notFound('Volunteer', input.volunteerId);
      if (volunteer.userId !== user.sub && !mayManage(user, volunteer.areaCode)) throw forbidden('only the volunteer or an area admin may change their skills');
      if (volunteer.version !== input.expectedVersion) throw conflict(`volunteer is at version ${volunteer.version}, not ${input.expectedVersion}`);
      volunteer.skills = cleanList(input.skills);
      return volunteer;
    });
  }

  async get(user: AuthUser, id: string): Promise<Volunteer> {
    const volunteer = await this.em.findOne(Volunteer, { id });
    if (!volunteer || !mayReadVolunteer(user, volunteer)) throw notFound('Volunteer', id);
    return volunteer;
  }

  mine(user: AuthUser): Promise<Volunteer | null> {
    return this.em.findOne(Volunteer, { userId: user.sub });
  }

  list(user: AuthUser, filter: VolunteerFilter | undefined, page: PageArgs): Promise<Connection<Volunteer>> {
    const prefix = volunteerPrefix(user);
    if (prefix === null) throw forbidden(`needs one of the roles ${STAFF_READ_ROLES.join(', ')}`);
    const where = {
      $and: [
        areaCondition(prefix, filter?.areaCode),
        ...(filter?.kind ? [{ kinds: { $contains: [filter.kind] } }] : []),
        ...(filter?.skill ? [{ skills: { $contains: [filter.skill.trim()] } }] : []),
      ],
    };
    return this.page(where, page);
  }

  /** Volunteers of a team the caller may see (its members serve inside its area), for staff and auditors. */
  membersOf(user: AuthUser, teamId: string, page: PageArgs): Promise<Connection<Volunteer>> {
    if (!isStaffReader(user)) throw forbidden('team member lists are for staff and auditors');
    return paginate(
      page,
      async ({ limit, afterKey }) => {
        const memberships = await this.em.find(
          TeamMembership,
          { teamId, ...(afterKey ? { volunteerId: { $gt: afterKey } } : {}) },
          { orderBy: { volunteerId: 'asc' }, limit },
        );
        const volunteers = await this.em.find(Volunteer, { id: { $in: memberships.map((m) => m.volunteerId) } }, { orderBy: { id: 'asc' } });
        return volunteers;
      },
      (volunteer) => volunteer.id,
      () => this.em.count(TeamMembership, { teamId }),
    );
  }

  /** The request's Volunteer loader: every reference and field that points at volunteers shares one query. */
  loader(context: GraphQLContext): DataLoader<string, Volunteer | null> {
    const user = authenticatedUser(context);
    return requestLoader<string, Volunteer>(context, 'volunteer', async (ids) => byKeys(ids, await this.findVisible(user, ids), (volunteer) => volunteer.id));
  }

  /** The ids the caller may see, in one query. */
  async findVisible(user: AuthUser, ids: readonly string[]): Promise<Volunteer[]> {
    const rows = await this.em.find(Volunteer, { id: { $in: [...ids] } });
    return rows.filter((volunteer) => mayReadVolunteer(user, volunteer));
  }

  async byPersons(user: AuthUser, personIds: readonly string[]): Promise<Volunteer[]> {
    const rows = await this.em.find(Volunteer, { personId: { $in: [...personIds] } });
    return rows.filter((volunteer) => mayReadVolunteer(user, volunteer));
  }

  private page(where: object, page: PageArgs): Promise<Connection<Volunteer>> {
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Volunteer, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (volunteer) => volunteer.id,
      () => this.em.count(Volunteer, where),
    );
  }
}

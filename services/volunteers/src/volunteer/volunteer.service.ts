import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { authenticatedUser, hasAnyRole, type AuthUser } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import { badUserInput, byKeys, conflict, forbidden, notFound, paginate, requestLoader, type Connection, type PageArgs } from '@lianxin/graphql';
import { ADMIN_ROLES, assertMayManage, mayManage, STAFF_READ_ROLES, volunteerPrefix } from '../common/access.js';
import { areaCondition } from '../common/area-filter.js';
import { cleanList } from '../common/inputs.js';
import { PersonScope } from '../common/person-scope.js';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import type { GraphQLContext } from '../graphql-context.js';
import { TeamMembership } from './team.entity.js';
import { VolunteerKind } from './volunteer-kind.js';
import { ownVolunteer } from './own-volunteer.js';
import { Volunteer } from './volunteer.entity.js';
import type { RegisterVolunteerInput, UpdateVolunteerSkillsInput, VolunteerFilter } from './volunteer.inputs.js';

/** Staff and auditors see the volunteers they may organise (grid staff: their village's); a volunteer sees their own record. */
export function mayReadVolunteer(user: AuthUser, volunteer: Volunteer): boolean {
  const prefix = volunteerPrefix(user);
  return volunteer.userId === user.sub || (prefix !== null && volunteer.areaCode.startsWith(prefix));
}

@Injectable()
export class VolunteerService {
  constructor(
    private readonly em: EntityManager,
    private readonly persons: PersonScope,
  ) {}

  async register(user: AuthUser, input: RegisterVolunteerInput): Promise<Volunteer> {
    assertMayManage(user, input.areaCode, 'register volunteers');
    const isPartyMember = input.kinds.includes(VolunteerKind.PARTY_MEMBER);
    if (isPartyMember && !input.partyMemberType) throw badUserInput('partyMemberType', 'a PARTY_MEMBER volunteer needs the member type');
    if (!isPartyMember && input.partyMemberType) throw badUserInput('partyMemberType', 'only PARTY_MEMBER volunteers have a member type');
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          // §8.7: the person lives in the admin's area; their account is the one people linked to them.
          await this.persons.assertMayName(em, user, input.personId, 'personId');
          const userId = await this.persons.accountOf(em, input.personId, input.userId, 'userId');
          if (await em.findOne(Volunteer, { personId: input.personId })) throw conflict(`person ${input.personId} is already a volunteer`);
          if (userId && (await em.findOne(Volunteer, { userId }))) throw conflict(`account ${userId} already belongs to a volunteer`);
          const volunteer = em.create(Volunteer, {
            personId: input.personId,
            userId,
            areaCode: input.areaCode,
            kinds: input.kinds,
            skills: cleanList(input.skills),
            partyMemberType: input.partyMemberType ?? null,
          });
          // Points the person earned before registering (e.g. as a resident who reported cases) become theirs to see.
          if (userId) {
            await em.execute(`update point_account set holder_user_id = ? where person_id = ? and holder_user_id is null`, [userId, input.personId], 'run');
          }
          return volunteer;
        }),
      'the person or account is already registered as a volunteer',
    );
  }

  async updateSkills(user: AuthUser, input: UpdateVolunteerSkillsInput): Promise<Volunteer> {
    return this.em.transactional(async (em) => {
      const own = await ownVolunteer(em, user);
      // §8.7: a volunteer changes only their own skills; naming another is refused before any lookup.
      if (own?.id !== input.volunteerId && !hasAnyRole(user, ADMIN_ROLES)) throw forbidden('you may change only your own skills (§8.7)');
      const volunteer = await em.findOne(Volunteer, { id: input.volunteerId });
      if (!volunteer || !mayReadVolunteer(user, volunteer)) throw notFound('Volunteer', input.volunteerId);
      if (own?.id !== volunteer.id && !mayManage(user, volunteer.areaCode)) throw forbidden('only the volunteer or an area admin of their area may change their skills');
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
    return ownVolunteer(this.em, user);
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

  /**
   * Members of a team, as far as the caller may see volunteers (issue 13): staff and auditors get the
   * members who serve inside their volunteer scope (admins and auditors their area, grid staff their
   * village), filtered in the query itself, so a team above the caller's area (a township's team reached
   * through Volunteer.teams) lists only the caller's own volunteers and counts only them. Volunteers and
   * residents see no roster (the team's memberCount only): this subgraph holds no names, and what a
   * Volunteer row carries (person, account, party membership, skills) is personal data a peer has no
   * need to know.
   */
  membersOf(user: AuthUser, teamId: string, page: PageArgs): Promise<Connection<Volunteer>> {
    const prefix = volunteerPrefix(user);
    if (prefix === null) throw forbidden('team member lists are for staff and auditors');
    // A fresh sub-query for each statement (page and count).
    const where = () => ({
      areaCode: { $like: prefixPattern(prefix) },
      id: { $in: this.em.createQueryBuilder(TeamMembership, 'm').select('m.volunteerId').where({ teamId }) },
    });
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Volunteer, afterKey ? { $and: [where(), { id: { $gt: afterKey } }] } : where(), { orderBy: { id: 'asc' }, limit }),
      (volunteer) => volunteer.id,
      () => this.em.count(Volunteer, where()),
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

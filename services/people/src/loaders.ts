import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { authenticatedUser, type AuthUser } from '@lianxin/auth';
import { byKeys, requestLoader } from '@lianxin/graphql';
import { PersonAccess } from './access/person-access.service.js';
import { todayInChina } from './common/calendar-date.js';
import { groupBy } from './common/group-by.js';
import type { GraphQLContext } from './graphql-context.js';
import type { Household } from './household/household.entity.js';
import { HouseholdService } from './household/household.service.js';
import type { PartyMembership } from './party/party-membership.entity.js';
import { PartyService } from './party/party.service.js';
import type { Person } from './person/person.entity.js';
import { activeOn, PersonService } from './person/person.service.js';
import { Residence } from './person/residence.entity.js';
import { TagAssignment } from './person/tag-assignment.entity.js';
import type { Tag } from './tag/tag.entity.js';
import { TagService } from './tag/tag.service.js';

/**
 * Per-request DataLoaders: each entity type costs one query per request however many parents ask
 * (no N+1 through lists or `_entities`). Loaders filter by the caller's area and role themselves.
 */
@Injectable()
export class LedgerLoaders {
  constructor(
    private readonly em: EntityManager,
    private readonly persons: PersonService,
    private readonly households: HouseholdService,
    private readonly party: PartyService,
    private readonly tags: TagService,
    private readonly access: PersonAccess,
  ) {}

  user(context: GraphQLContext): AuthUser {
    return authenticatedUser(context);
  }

  person(context: GraphQLContext) {
    const user = this.user(context);
    return requestLoader<string, Person>(context, 'person', async (ids) => byKeys(ids, await this.persons.findVisible(user, ids), (person) => person.id));
  }

  household(context: GraphQLContext) {
    const user = this.user(context);
    return requestLoader<string, Household>(context, 'household', async (ids) =>
      byKeys(ids, await this.households.findVisible(user, ids), (household) => household.id),
    );
  }

  householdMembers(context: GraphQLContext) {
    const user = this.user(context);
    return requestLoader<string, Person[]>(context, 'household-members', async (ids) => {
      const members = await this.households.membersOf(user, ids);
      return ids.map((id) => members.get(id) ?? []);
    });
  }

  /** The tags this caller may see on someone, by code (the whole catalogue is read once per request); Person fields narrow per person. */
  async visibleTags(context: GraphQLContext): Promise<Map<string, Tag>> {
    const user = this.user(context);
    const all = (await requestLoader<string, Tag[]>(context, 'tag-catalogue', async (keys) => {
      const catalogue = await this.tags.catalogue();
      return keys.map(() => catalogue);
    }).load('all'))!;
    const sensitive = this.access.readsSensitiveTags(user);
    return new Map(all.filter((tag) => sensitive || !tag.sensitive).map((tag) => [tag.code, tag]));
  }

  /** All tag links of persons (history included), without the tags the caller may not see. */
  tagAssignments(context: GraphQLContext) {
    return requestLoader<string, TagAssignment[]>(context, 'tag-assignments', async (personIds) => {
      const visible = await this.visibleTags(context);
      const rows = await this.em.find(
        TagAssignment,
        { personId: { $in: [...personIds] }, tagCode: { $in: [...visible.keys()] } },
        { orderBy: { validFrom: 'asc', tagCode: 'asc' } },
      );
      const byPerson = groupBy(rows, (row) => row.personId);
      return personIds.map((id) => byPerson.get(id) ?? []);
    });
  }

  /** Tags persons carry today, without the ones the caller may not see. */
  activeTags(context: GraphQLContext) {
    return requestLoader<string, Tag[]>(context, 'active-tags', async (personIds) => {
      const visible = await this.visibleTags(context);
      const rows = await this.em.find(
        TagAssignment,
        { $and: [{ personId: { $in: [...personIds] } }, { tagCode: { $in: [...visible.keys()] } }, activeOn(todayInChina())] },
        { orderBy: { tagCode: 'asc' } },
      );
      const byPerson = groupBy(rows, (row) => row.personId);
      return personIds.map((id) => [...new Set((byPerson.get(id) ?? []).map((row) => row.tagCode))].map((code) => visible.get(code)!));
    });
  }

  residences(context: GraphQLContext) {
    return requestLoader<string, Residence[]>(context, 'residences', async (personIds) => {
      const rows = await this.em.find(Residence, { personId: { $in: [...personIds] } }, { orderBy: { movedInAt: 'asc' } });
      const byPerson = groupBy(rows, (row) => row.personId);
      return personIds.map((id) => byPerson.get(id) ?? []);
    });
  }

  partyMembership(context: GraphQLContext) {
    return requestLoader<string, PartyMembership>(context, 'party-membership', async (personIds) =>
      byKeys(personIds, await this.party.byPersons(personIds), (membership) => membership.personId),
    );
  }
}

import { raw } from '@mikro-orm/core';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { claimIdempotencyKey, planMerge, prefixPattern, withFieldChanges } from '@lianxin/db';
import { assertInScope, hasAnyRole, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, notFound, occurredAtOf, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { needToKnowSql, PersonAccess } from '../access/person-access.service.js';
import { LEDGER_READER_ROLES, PersonScope, scopesReading } from '../access/person-field.policy.js';
import { groupBy } from '../common/group-by.js';
import { EditConflictEntity } from '../conflict/edit-conflict.entity.js';
import { editConflictError, parkEditConflicts } from '../conflict/edit-conflict.record.js';
import { PeopleEvents, type HouseholdCreatedData, type PersonUpdatedData } from '../events/people-events.js';
import { PartyMembership } from '../party/party-membership.entity.js';
import { Person } from '../person/person.entity.js';
import { PersonService, type Actor } from '../person/person.service.js';
import { Household } from './household.entity.js';
import type { CreateHouseholdInput, HouseholdFilter, MoveHouseholdInput, UpdateHouseholdInput } from './household.inputs.js';

const HOUSEHOLD_FIELD_COLUMNS: Record<string, string> = { head: 'headId', linkingPartyMember: 'linkingPartyMemberId', address: 'address' };

@Injectable()
export class HouseholdService {
  constructor(
    private readonly em: EntityManager,
    private readonly persons: PersonService,
    private readonly access: PersonAccess,
  ) {}

  /**
   * Households are ledger data: keepers and auditors read those of their area; department staff only
   * those with a member they need to know (field policy table, `household`). Null: none.
   */
  scopeWhere(user: AuthUser): FilterQuery<Household> | null {
    if (!hasAnyRole(user, LEDGER_READER_ROLES)) return null;
    const scopes = scopesReading(this.access.rows(user), ['household']);
    const inArea = { gridCode: { $like: prefixPattern(user.areaCode) } };
    if (scopes.includes(PersonScope.AREA)) return inArea;
    if (!scopes.includes(PersonScope.DEPARTMENT_CASES)) return null;
    const { params } = needToKnowSql('id', user);
    return {
      $and: [
        inArea,
        { [raw((alias: string) => `${alias}.id in (select p.household_id from person p where p.household_id is not null and ${needToKnowSql('p.id', user).sql})`, params)]: true },
      ],
    } as FilterQuery<Household>;
  }

  private scopeOrForbidden(user: AuthUser): FilterQuery<Household> {
    const where = this.scopeWhere(user);
    if (!where) throw forbidden('your role does not read households');
    return where;
  }

  findVisible(user: AuthUser, ids: readonly string[]): Promise<Household[]> {
    const where = this.scopeWhere(user);
    if (!where) return Promise.resolve([]);
    return this.em.find(Household, { $and: [{ id: { $in: [...ids] } }, where] });
  }

  async get(user: AuthUser, id: string): Promise<Household> {
    const household = await this.em.findOne(Household, { id });
    if (!household) throw notFound('Household', id);
    const where = this.scopeOrForbidden(user);
    assertInScope(user, household.gridCode, 'household in grid');
    if (!(await this.em.count(Household, { $and: [{ id }, where] }))) throw forbidden(`household ${id} has no member your department needs to know`);
    return household;
  }

  search(user: AuthUser, filter: HouseholdFilter | undefined, page: PageArgs): Promise<Connection<Household>> {
    const conditions: FilterQuery<Household>[] = [this.scopeOrForbidden(user)];
    if (filter?.areaCode) {
      assertInScope(user, filter.areaCode);
      conditions.push({ gridCode: { $like: prefixPattern(filter.areaCode) } });
    }
    if (filter?.number) conditions.push({ number: filter.number.trim() });
    const where: FilterQuery<Household> = { $and: conditions };
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(Household, afterKey ? { $and: [...conditions, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (household) => household.id,
      () => this.em.count(Household, where),
    );
  }

  /** Members of many households in one query, for DataLoader (only persons the user may see). */
  async membersOf(user: AuthUser, householdIds: readonly string[]): Promise<Map<string, Person[]>> {
    const members = await this.em.find(Person, { $and: [{ householdId: { $in: [...householdIds] } }, this.persons.scopeWhere(user)] }, { orderBy: { birthDate: 'asc' } });
    return groupBy(members, (member) => member.householdId!);
  }

  async create(actor: Actor, input: CreateHouseholdInput): Promise<Household> {
    if (actor !== 'system') assertInScope(actor, input.gridCode, 'grid');
    const memberIds = [...new Set([...(input.headId ? [input.headId] : []), ...(input.memberIds ?? [])])];
    return this.em.transactional(async (em) => {
      const claim = await claimIdempotencyKey<{ householdId: string }>(em, { caller: actor === 'system' ? 'system' : actor.sub, operation: 'createHousehold', key: input.idempotencyKey, payload: input });
      if (claim.replay) return em.findOneOrFail(Household, { id: claim.replay.householdId });
      occurredAtOf(input.occurredAt);
      const number = input.number?.trim() || null;
      if (number && (await em.findOne(Household, { number }))) throw conflict(`household number ${number} is already registered`);
      const members = await this.personsInGrid(em, memberIds, input.gridCode, input.headId ? 'headId' : 'memberIds');
      if (input.linkingPartyMemberId) await this.assertPartyMember(em, actor, input.linkingPartyMemberId);
      const household = em.create(Household, {
        number,
        address: input.address.trim(),
        gridCode: input.gridCode,
        headId: input.headId ?? null,
        linkingPartyMemberId: input.linkingPartyMemberId ?? null,
      });
      const actorId = actor === 'system' ? 'system' : actor.sub;
      if (members.length > 0) {
        // Members leave their previous households; one that they headed loses its head.
        for (const previous of await em.find(Household, { headId: { $in: members.map((member) => member.id) } })) previous.headId = null;
      }
      for (const member of members) member.householdId = household.id;
      await em.flush();
      recordEvent<HouseholdCreatedData>(em, {
        type: PeopleEvents.HOUSEHOLD_CREATED,
        areaCode: household.gridCode,
        actor: actorId,
        data: { householdId: household.id, gridCode: household.gridCode, headId: household.headId },
      });
      for (const member of members) {
        recordEvent<PersonUpdatedData>(em, {
          type: PeopleEvents.PERSON_UPDATED,
          areaCode: member.gridCode,
          actor: actorId,
          data: { personId: member.id, gridCode: member.gridCode, changed: ['household'], version: member.version },
        });
      }
      claim.remember({ householdId: household.id });
      return household;
    });
  }

  /** A stale expectedVersion merges the fields nobody changed since; same-field edits wait for the grid leader (issue 17). */
  async update(user: AuthUser, input: UpdateHouseholdInput): Promise<Household> {
    const editedAt = occurredAtOf(input.occurredAt);
    const outcome = await this.em.transactional(async (em) => {
      const household = await em.findOne(Household, { id: input.id });
      if (!household) throw notFound('Household', input.id);
      assertInScope(user, household.gridCode, 'household in grid');
      const proposed: Record<string, string> = {};
      if (input.headId) {
        const head = await em.findOne(Person, { id: input.headId });
        if (!head || head.householdId !== household.id) throw badUserInput('headId', 'the head must be a member of the household');
        if (head.id !== household.headId) proposed.head = head.id;
      }
      if (input.linkingPartyMemberId) {
        await this.assertPartyMember(em, user, input.linkingPartyMemberId);
        if (input.linkingPartyMemberId !== household.linkingPartyMemberId) proposed.linkingPartyMember = input.linkingPartyMemberId;
      }
      if (input.address && input.address.trim() !== household.address) proposed.address = input.address.trim();
      const plan = planMerge(Object.keys(proposed), input.expectedVersion, household.version, household.fieldChanges);
      const currentVersion = household.version;
      const conflictIds = plan.conflicts.length
        ? await parkEditConflicts(em, user, {
            entityType: EditConflictEntity.HOUSEHOLD,
            entityId: household.id,
            gridCode: household.gridCode,
            baseVersion: input.expectedVersion ?? currentVersion,
            currentVersion,
            history: household.fieldChanges,
            proposed: Object.fromEntries(plan.conflicts.map((field) => [field, proposed[field]!])),
            at: editedAt,
            device: input.deviceId ?? null,
          })
        : [];
      if (plan.merge.length) {
        for (const field of plan.merge) Object.assign(household, { [HOUSEHOLD_FIELD_COLUMNS[field]!]: proposed[field] });
        household.fieldChanges = withFieldChanges(household.fieldChanges, plan.merge, { v: household.version + 1, by: user.sub, at: editedAt.toISOString(), device: input.deviceId ?? null });
        await em.flush();
      }
      return { household, plan, conflictIds };
    });
    if (outcome.plan.conflicts.length) {
      throw editConflictError('household', input.id, { currentVersion: outcome.household.version, conflictingFields: outcome.plan.conflicts, mergedFields: outcome.plan.merge, conflictIds: outcome.conflictIds });
    }
    return outcome.household;
  }

  /** Every member moves with the household: one residence change and one people.person.moved per member. */
  async move(user: AuthUser, input: MoveHouseholdInput): Promise<Household> {
    assertInScope(user, input.toGridCode, 'destination grid');
    return this.em.transactional(async (em) => {
      const household = await em.findOne(Household, { id: input.householdId });
      if (!household) throw notFound('Household', input.householdId);
      assertInScope(user, household.gridCode, 'household in grid');
      if (household.gridCode === input.toGridCode) throw badUserInput('toGridCode', 'the household already lives in this grid');
      const members = await em.find(Person, { householdId: household.id }, { orderBy: { id: 'asc' } });
      household.gridCode = input.toGridCode;
      if (input.address) household.address = input.address.trim();
      for (const member of members) await this.persons.relocate(em, user, member, input.toGridCode, household.id, input.reason);
      await em.flush();
      return household;
    });
  }

  private async personsInGrid(em: EntityManager, ids: string[], gridCode: string, field: string): Promise<Person[]> {
    if (ids.length === 0) return [];
    const persons = await em.find(Person, { id: { $in: ids } });
    for (const id of ids) {
      const person = persons.find((candidate) => candidate.id === id);
      if (!person) throw badUserInput(field, `person ${id} does not exist`);
      if (person.gridCode !== gridCode) throw badUserInput(field, `person ${id} lives in grid ${person.gridCode}, not ${gridCode}`);
    }
    return persons;
  }

  private async assertPartyMember(em: EntityManager, actor: Actor, personId: string): Promise<void> {
    const person = await em.findOne(Person, { id: personId });
    if (!person || (actor !== 'system' && !(await this.access.mayRead(actor, person)))) {
      throw badUserInput('linkingPartyMemberId', `person ${personId} does not exist in your area`);
    }
    if (!(await em.findOne(PartyMembership, { personId }))) throw badUserInput('linkingPartyMemberId', `person ${personId} is not a party member`);
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, notFound } from '@lianxin/graphql';
import { todayInChina } from '../common/calendar-date.js';
import { PeopleEvents, type PersonUpdatedData } from '../events/people-events.js';
import { Person } from '../person/person.entity.js';
import type { Actor } from '../person/person.service.js';
import { PartyMemberType } from './party-member-type.js';
import { PartyMembership } from './party-membership.entity.js';
import type { SetPartyMembershipInput } from './party.inputs.js';

@Injectable()
export class PartyService {
  constructor(private readonly em: EntityManager) {}

  byPersons(personIds: readonly string[]): Promise<PartyMembership[]> {
    return this.em.find(PartyMembership, { personId: { $in: [...personIds] } });
  }

  /** Creates or replaces the membership; in-service members need the community they reported to (双报到). */
  async set(actor: Actor, input: SetPartyMembershipInput): Promise<PartyMembership> {
    const inService = input.type === PartyMemberType.IN_SERVICE;
    if (inService && !input.reportedToAreaCode) throw badUserInput('reportedToAreaCode', 'in-service members report to a community (双报到)');
    if (!inService && (input.reportedToAreaCode || input.workUnit)) {
      throw badUserInput(input.reportedToAreaCode ? 'reportedToAreaCode' : 'workUnit', 'only in-service members report to a community with a work unit');
    }
    if (input.joinedOn && input.joinedOn > todayInChina()) throw badUserInput('joinedOn', 'must not be in the future');
    return this.em.transactional(async (em) => {
      const person = await em.findOne(Person, { id: input.personId });
      if (!person) throw notFound('Person', input.personId);
      if (actor !== 'system') assertInScope(actor, person.gridCode, 'person in grid');
      const values = {
        type: input.type,
        branchId: input.branchId ?? null,
        joinedOn: input.joinedOn ?? null,
        reportedToAreaCode: input.reportedToAreaCode ?? null,
        workUnit: input.workUnit?.trim() || null,
      };
      let membership = await em.findOne(PartyMembership, { personId: person.id });
      if (membership) Object.assign(membership, values);
      else membership = em.create(PartyMembership, { personId: person.id, ...values });
      person.updatedAt = new Date();
      await em.flush();
      recordEvent<PersonUpdatedData>(em, {
        type: PeopleEvents.PERSON_UPDATED,
        areaCode: person.gridCode,
        actor: actor === 'system' ? 'system' : actor.sub,
        data: { personId: person.id, gridCode: person.gridCode, changed: ['partyMembership'], version: person.version },
      });
      return membership;
    });
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { recordEvent } from '@lianxin/events';
import { PeopleEvents, type AccountLinkData } from '../events/people-events.js';
import type { Person } from '../person/person.entity.js';

/**
 * people.account.linked, in the caller's unit of work (the outbox: committed with the link or not at
 * all). Call after the flush that wrote the link, so `version` is the person's version after it.
 */
export function recordAccountLinked(em: EntityManager, actor: string, person: Pick<Person, 'id' | 'gridCode' | 'userId' | 'version'>): void {
  recordEvent<AccountLinkData>(em, {
    type: PeopleEvents.ACCOUNT_LINKED,
    areaCode: person.gridCode,
    actor,
    data: { userId: person.userId!, personId: person.id, gridCode: person.gridCode, version: person.version },
  });
}

/** people.account.unlinked, naming the account that was linked; after the flush, like recordAccountLinked. */
export function recordAccountUnlinked(em: EntityManager, actor: string, person: Pick<Person, 'id' | 'gridCode' | 'version'>, userId: string): void {
  recordEvent<AccountLinkData>(em, {
    type: PeopleEvents.ACCOUNT_UNLINKED,
    areaCode: person.gridCode,
    actor,
    data: { userId, personId: person.id, gridCode: person.gridCode, version: person.version },
  });
}

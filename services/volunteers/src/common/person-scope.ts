import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isInScope, type AuthUser } from '@lianxin/auth';
import { KnownPerson, PersonDirectory, type DirectoryEntry } from '@lianxin/events';
import { badUserInput } from '@lianxin/graphql';

/**
 * DOMAIN.md §8.7 for the writes that name a person or an account, decided from the person directory
 * (people's events, kept in this service's known_person table):
 *
 * - Staff name a person (a requester, a new volunteer, a points holder) only when that person lives
 *   inside the caller's area. A person the directory does not know and a person living elsewhere get
 *   the same answer (BAD_USER_INPUT on the field, "not registered in your area", as cases answers for
 *   reporters), so the answer says nothing about who exists elsewhere. Volunteers and residents never
 *   get this far: naming anyone but themselves is FORBIDDEN for them (common/access.ts).
 * - An account named for a person must be the one people linked to that person (after a grid worker
 *   checked their ID, or a one-time code); when people linked one, it is filled in when omitted. An
 *   account people linked to another person is refused. An account with no link yet may still be named
 *   by staff (installations that link logins later); the first people.account.linked event replaces it.
 */
@Injectable()
export class PersonScope {
  constructor(private readonly directory: PersonDirectory) {}

  /** The person people linked to the caller's login, or null. */
  personOfCaller(em: EntityManager, user: AuthUser): Promise<DirectoryEntry | null> {
    return this.directory.personOfUser(em, user.sub);
  }

  /** The person people linked to an account, or null. */
  personOfAccount(em: EntityManager, userId: string): Promise<DirectoryEntry | null> {
    return this.directory.personOfUser(em, userId);
  }

  /** Refuses naming a person who does not live in the caller's area (§8.7); returns the person's grid. */
  async assertMayName(em: EntityManager, user: AuthUser, personId: string, field: string): Promise<string> {
    const gridCode = await this.directory.gridOfPerson(em, personId);
    if (!gridCode || !isInScope(user, gridCode)) throw badUserInput(field, `no person ${personId} is registered in your area ${user.areaCode} (§8.7)`);
    return gridCode;
  }

  /** The account of the named person: people's link, checked against (or filling in) the named one. */
  async accountOf(em: EntityManager, personId: string, named: string | null | undefined, field: string): Promise<string | null> {
    const known = await em.findOne(KnownPerson, { personId });
    if (known?.userId) {
      if (named && named !== known.userId) throw badUserInput(field, 'is not the account people linked to this person');
      return known.userId;
    }
    if (!named) return null;
    const holder = await this.directory.personOfUser(em, named);
    if (holder && holder.personId !== personId) throw badUserInput(field, 'is linked to another person');
    return named;
  }
}

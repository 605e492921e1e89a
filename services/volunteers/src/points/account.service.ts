import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput, forbidden } from '@lianxin/graphql';
import { assertMayManage } from '../common/access.js';
import { PersonScope } from '../common/person-scope.js';
import { LedgerService } from './ledger.service.js';
import type { PointAccount } from './point-account.entity.js';
import { PointAccountKind, type PersonAccountKind } from './points-enums.js';
import type { OpenPointAccountInput } from './points.inputs.js';

/** Enrolment in the points scheme: an admin opens a person's account and links their login to it. */
@Injectable()
export class AccountService {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: LedgerService,
    private readonly persons: PersonScope,
  ) {}

  async open(user: AuthUser, input: OpenPointAccountInput): Promise<PointAccount> {
    assertMayManage(user, input.areaCode, 'open points accounts');
    if (input.partyMemberType && input.accountKind !== PointAccountKind.PARTY) throw badUserInput('partyMemberType', 'only PARTY accounts have a member type');
    return this.em.transactional(async (em) => {
      // §8.7: the person lives in the admin's area; the holder is the account people linked to them.
      await this.persons.assertMayName(em, user, input.personId, 'personId');
      const holderUserId = await this.persons.accountOf(em, input.personId, input.holderUserId, 'holderUserId');
      const existing = await this.ledger.findPersonAccount(em, input.personId, input.accountKind);
      if (existing && !isInScope(user, existing.areaCode)) throw forbidden(`the person's account belongs to ${existing.areaCode}, outside your area`);
      return this.ledger.personAccount(em, {
        personId: input.personId,
        kind: input.accountKind as PersonAccountKind,
        areaCode: input.areaCode,
        holderUserId,
        partyMemberType: input.partyMemberType ?? null,
      });
    });
  }
}

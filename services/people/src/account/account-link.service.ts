import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput, conflict, notFound } from '@lianxin/graphql';
import { GraphQLError } from 'graphql';
import { AuditAction, PersonalDataField } from '../audit/audit-enums.js';
import { AuditService, type AuditRecord, type LimitedOutcome } from '../audit/audit.service.js';
import { Person } from '../person/person.entity.js';
import { MIN_PURPOSE_LENGTH } from '../person/person.service.js';
import { checkIdNumber } from '../personal-data/id-number.js';
import { PersonalDataVault } from '../personal-data/personal-data-vault.js';
import { recordAccountLinked, recordAccountUnlinked } from './account-events.js';
import type { IssueLinkCodeInput, LinkAccountInput, RedeemLinkCodeInput, UnlinkAccountInput } from './account.inputs.js';
import { PersonLinkCode } from './link-code.entity.js';
import { formatLinkCode, generateLinkCode, LINK_CODE_VALID_DAYS, normalizeLinkCode, WRONG_LINK_TRIES_PER_HOUR } from './link-code.js';

const HOUR = 3_600_000;
/** Refusal reasons the brute-force limits count (stored in the audit log). */
export const WRONG_ID_NUMBER = 'typed ID number does not match the person';
export const WRONG_CODE = 'wrong, used or expired link code';

const PERSON_LINKED_ELSEWHERE = 'this person is already linked to another account: unlink it first';
const ACCOUNT_LINKED_ELSEWHERE = 'this account is already linked to another person';

/**
 * A person and their login (DOMAIN.md §8.7): one Person per account and one account per person. A
 * keeper links a login after checking the ID card (the typed number must hash to the person's), or
 * issues a one-time code the resident redeems with their own login. Every attempt is audited; wrong
 * ID numbers and wrong codes are limited per account and hour, counted in the audit log. Each change
 * publishes people.account.linked / people.account.unlinked through the outbox, in its transaction.
 */
@Injectable()
export class AccountLinkService {
  constructor(
    private readonly em: EntityManager,
    private readonly vault: PersonalDataVault,
    private readonly audit: AuditService,
  ) {}

  private async personInScope(user: AuthUser, personId: string): Promise<Person> {
    const person = await this.em.findOne(Person, { id: personId });
    if (!person) throw notFound('Person', personId);
    assertInScope(user, person.gridCode, 'person in grid');
    return person;
  }

  /** Runs `work`; a GraphQL error it throws becomes the outcome (after its audit line), anything else propagates. */
  private async outcome<T>(refused: (reason: string) => AuditRecord, work: () => Promise<LimitedOutcome<T>>): Promise<LimitedOutcome<T>> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return { records: [refused(String(error.extensions?.reason ?? error.message))], error };
    }
  }

  /** Sets the link in its own transaction with the event; CONFLICT when either side is linked elsewhere. */
  private async setLink(personId: string, userId: string, actor: string, after?: (em: EntityManager, person: Person) => Promise<void>): Promise<Person> {
    return this.em.fork().transactional(async (em) => {
      const person = await em.findOneOrFail(Person, { id: personId });
      if (person.userId === userId) return person;
      if (person.userId) throw conflict(PERSON_LINKED_ELSEWHERE);
      if (await em.findOne(Person, { userId })) throw conflict(ACCOUNT_LINKED_ELSEWHERE);
      person.userId = userId;
      await em.flush().catch((error: unknown) => {
        if (error instanceof UniqueConstraintViolationException) throw conflict(ACCOUNT_LINKED_ELSEWHERE);
        throw error;
      });
      recordAccountLinked(em, actor, person);
      // A linked person needs no code any more.
      await em.nativeUpdate(PersonLinkCode, { personId, redeemedAt: null, revokedAt: null }, { revokedAt: new Date() });
      await after?.(em, person);
      return person;
    });
  }

  /** By a keeper in the person's area, with the number typed from the ID card. */
  async link(user: AuthUser, input: LinkAccountInput): Promise<Person> {
    const target = await this.personInScope(user, input.personId);
    const checked = checkIdNumber(input.idNumber);
    if (!checked.valid) throw badUserInput('idNumber', checked.reason);
    const base = { action: AuditAction.ACCOUNT_LINK, field: PersonalDataField.ACCOUNT, personId: target.id, areaCode: target.gridCode, purpose: `account ${input.accountId}` };
    const limit = {
      action: AuditAction.ACCOUNT_LINK,
      field: PersonalDataField.ACCOUNT,
      max: WRONG_LINK_TRIES_PER_HOUR,
      windowMs: HOUR,
      countOnlyRefusal: WRONG_ID_NUMBER,
      refusal: `${WRONG_LINK_TRIES_PER_HOUR} ID numbers that did not match within an hour: try again later`,
    };
    const linked = await this.audit.rateLimited<Person>(user, limit, target.gridCode, () =>
      this.outcome<Person>(
        (reason) => ({ ...base, allowed: false, refusalReason: reason }),
        async () => {
          // Proves the keeper had the ID card in hand: the typed number must be the person's (keyed hash).
          if (!this.vault.lookupHashes(checked.idNumber).includes(target.idNumberHash)) {
            return {
              records: [{ ...base, allowed: false, refusalReason: WRONG_ID_NUMBER }],
              error: badUserInput('idNumber', 'does not match the ID number of this person: check the ID card'),
            };
          }
          const person = await this.setLink(target.id, input.accountId, user.sub);
          return { value: person, records: [{ ...base, allowed: true }] };
        },
      ),
    );
    return this.em.findOneOrFail(Person, { id: linked.id }, { refresh: true });
  }

  /** By a keeper in the person's area: a new code, valid LINK_CODE_VALID_DAYS; an older active one is revoked. */
  async issueCode(user: AuthUser, input: IssueLinkCodeInput): Promise<{ code: string; expiresAt: Date; person: Person }> {
    const person = await this.personInScope(user, input.personId);
    if (person.userId) throw conflict(PERSON_LINKED_ELSEWHERE);
    const code = generateLinkCode();
    const expiresAt = new Date(Date.now() + LINK_CODE_VALID_DAYS * 86_400_000);
    await this.em.fork().transactional(async (em) => {
      await em.nativeUpdate(PersonLinkCode, { personId: person.id, redeemedAt: null, revokedAt: null }, { revokedAt: new Date() });
      em.create(PersonLinkCode, { personId: person.id, codeHash: this.vault.linkCodeHash(code), issuedBy: user.sub, expiresAt });
    });
    await this.audit.record(user, {
      action: AuditAction.LINK_CODE_ISSUE,
      field: PersonalDataField.ACCOUNT,
      personId: person.id,
      areaCode: person.gridCode,
      allowed: true,
    });
    return { code: formatLinkCode(code), expiresAt, person };
  }

  /** By the resident (or volunteer) themselves: links the caller's own login. */
  async redeem(user: AuthUser, input: RedeemLinkCodeInput): Promise<Person> {
    const base = { action: AuditAction.LINK_CODE_REDEEM, field: PersonalDataField.ACCOUNT, personId: null, areaCode: user.areaCode };
    const limit = {
      action: AuditAction.LINK_CODE_REDEEM,
      field: PersonalDataField.ACCOUNT,
      max: WRONG_LINK_TRIES_PER_HOUR,
      windowMs: HOUR,
      countOnlyRefusal: WRONG_CODE,
      refusal: `${WRONG_LINK_TRIES_PER_HOUR} wrong link codes within an hour: try again later`,
    };
    let codeFor: string | null = null;
    const linked = await this.audit.rateLimited<Person>(user, limit, user.areaCode, () =>
      this.outcome<Person>(
        (reason) => ({ ...base, personId: codeFor, allowed: false, refusalReason: reason }),
        async () => {
          const normalized = normalizeLinkCode(input.code);
          const stored = normalized ? await this.em.fork().findOne(PersonLinkCode, { codeHash: { $in: this.vault.linkCodeHashes(normalized) } }) : null;
          codeFor = stored?.personId ?? null;
          const now = new Date();
          if (!stored || stored.redeemedAt || stored.revokedAt || stored.expiresAt <= now) {
            const expired = stored !== null && !stored.redeemedAt && !stored.revokedAt;
            return {
              records: [{ ...base, personId: stored?.personId ?? null, allowed: false, refusalReason: WRONG_CODE }],
              error: badUserInput('code', expired ? 'has expired: ask your grid worker for a new one' : 'is wrong or was already used'),
            };
          }
          const person = await this.setLink(stored.personId, user.sub, user.sub, async (em) => {
            await em.nativeUpdate(PersonLinkCode, { id: stored.id }, { redeemedAt: now, redeemedBy: user.sub });
          });
          return { value: person, records: [{ ...base, personId: person.id, areaCode: person.gridCode, allowed: true }] };
        },
      ),
    );
    return this.em.findOneOrFail(Person, { id: linked.id }, { refresh: true });
  }

  /** By a keeper in the person's area, with a reason. */
  async unlink(user: AuthUser, input: UnlinkAccountInput): Promise<Person> {
    const reason = input.reason.trim();
    if (reason.length < MIN_PURPOSE_LENGTH) throw badUserInput('reason', `say why (at least ${MIN_PURPOSE_LENGTH} characters); it is kept in the audit log`);
    const target = await this.personInScope(user, input.personId);
    if (!target.userId) throw badUserInput('personId', 'no account is linked to this person');
    await this.em.fork().transactional(async (em) => {
      const person = await em.findOneOrFail(Person, { id: target.id });
      const userId = person.userId;
      if (!userId) return;
      person.userId = null;
      await em.flush();
      recordAccountUnlinked(em, user.sub, person, userId);
    });
    await this.audit.record(user, {
      action: AuditAction.ACCOUNT_UNLINK,
      field: PersonalDataField.ACCOUNT,
      personId: target.id,
      areaCode: target.gridCode,
      purpose: reason,
      allowed: true,
    });
    return this.em.findOneOrFail(Person, { id: target.id }, { refresh: true });
  }
}

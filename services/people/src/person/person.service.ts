import { raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { claimIdempotencyKey, planMerge, prefixPattern, withFieldChanges } from '@lianxin/db';
import { assertInScope, isInScope, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, notFound, occurredAtOf, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { PersonAccess } from '../access/person-access.service.js';
import { fieldsFor, LOOKUPS_PER_HOUR, PersonScope, scopesReading, Visibility, type PersonField } from '../access/person-field.policy.js';
import { recordAccountLinked } from '../account/account-events.js';
import { AuditAction, PersonalDataField } from '../audit/audit-enums.js';
import { AuditService, type AuditRecord } from '../audit/audit.service.js';
import { recordCareTags } from '../care-tags/care-tags-event.js';
import { todayInChina } from '../common/calendar-date.js';
import { EditConflictEntity } from '../conflict/edit-conflict.entity.js';
import { editConflictError, parkEditConflicts } from '../conflict/edit-conflict.record.js';
import { PeopleEvents, type PersonMovedData, type PersonRegisteredData, type PersonUpdatedData } from '../events/people-events.js';
import { Household } from '../household/household.entity.js';
import { checkIdNumber } from '../personal-data/id-number.js';
import { PersonalDataVault } from '../personal-data/personal-data-vault.js';
import { sealIdNumber, sealPhone } from '../personal-data/sealed-fields.js';
import { Tag } from '../tag/tag.entity.js';
import { checkAddress, checkName, checkOptionalPhone, checkPersonFacts, type PersonFacts } from './person-facts.js';
import { Person } from './person.entity.js';
import type { MovePersonInput, PersonFilter, RegisterPersonInput, TagPersonInput, UntagPersonInput, UpdatePersonInput } from './person.inputs.js';
import { Residence } from './residence.entity.js';
import { TagAssignment } from './tag-assignment.entity.js';

export type Actor = AuthUser | 'system';
const actorId = (actor: Actor) => (actor === 'system' ? 'system' : actor.sub);

/** The one answer to an ID number that is already registered, wherever: it must not say where (§8.8). */
export const ID_NUMBER_TAKEN = 'this ID number is already registered';

/** Shortest purpose a look-up or reveal accepts. */
export const MIN_PURPOSE_LENGTH = 4;

/** An audit line for an ID number typed in a registration, correction or import that matched a registered person. */
export function idNumberMatchRecord(actor: AuthUser, person: Pick<Person, 'id' | 'gridCode'>, purpose: string): AuditRecord {
  const inScope = isInScope(actor, person.gridCode);
  return {
    action: AuditAction.ID_NUMBER_MATCH,
    field: PersonalDataField.ID_NUMBER,
    personId: person.id,
    areaCode: person.gridCode,
    purpose,
    allowed: inScope,
    refusalReason: inScope ? null : "registered outside the caller's area; answered without saying where",
  };
}

function valueOrBadInput<T>(field: string, checked: { value: T } | { reason: string }): T {
  if ('reason' in checked) throw badUserInput(field, checked.reason);
  return checked.value;
}

/** Tag links in force on a day: started, and not yet ended. */
export function activeOn(day: string): FilterQuery<TagAssignment> {
  return { validFrom: { $lte: day }, $or: [{ validTo: null }, { validTo: { $gte: day } }] };
}

/** The columns behind each field name an update reports (restored when the field is in conflict). */
const PERSON_FIELD_COLUMNS: Record<string, string[]> = {
  idNumber: ['idNumberSealed', 'idNumberHash', 'idNumberMasked'],
  phone: ['phoneSealed', 'phoneMasked'],
  household: ['householdId'],
};

@Injectable()
export class PersonService {
  constructor(
    private readonly em: EntityManager,
    private readonly vault: PersonalDataVault,
    private readonly audit: AuditService,
    private readonly access: PersonAccess,
  ) {}

  /** The persons a user reaches (field policy table), as a condition in the query itself; matches nobody when none. */
  scopeWhere(user: AuthUser): FilterQuery<Person> {
    return this.access.scopeWhere(user) ?? { id: { $in: [] } };
  }

  /** Batched look-up for DataLoader; persons outside the user's reach are left out. */
  findVisible(user: AuthUser, ids: readonly string[]): Promise<Person[]> {
    return this.em.find(Person, { $and: [{ id: { $in: [...ids] } }, this.scopeWhere(user)] });
  }

  async get(user: AuthUser, id: string): Promise<Person> {
    const person = await this.em.findOne(Person, { id });
    if (!person) throw notFound('Person', id);
    if (!(await this.access.mayRead(user, person))) throw forbidden(`person ${id} is outside your area ${user.areaCode} or what your role needs to know`);
    return person;
  }

  /** The caller's own Person (residents), if one is linked to their account. */
  mine(user: AuthUser): Promise<Person | null> {
    return this.em.findOne(Person, { userId: user.sub });
  }

  async search(user: AuthUser, filter: PersonFilter | undefined, page: PageArgs): Promise<Connection<Person>> {
    const codes = [...new Set(filter?.tagCodes ?? [])];
    const tags = codes.length > 0 ? await this.assertTagsUsable(user, codes, 'filter.tagCodes') : [];
    const sensitive = tags.filter((tag) => tag.sensitive);
    // A filter may only use what the caller reads of the persons it lists (field policy table).
    const required: PersonField[] = ['name'];
    if (filter?.residenceStatus) required.push('residenceStatus');
    if (filter?.householdId) required.push('household');
    if (tags.some((tag) => !tag.sensitive)) required.push('tags');
    if (sensitive.length > 0) required.push('sensitiveTags');
    // Filtering persons by a field the caller does not read of them would tell it (who is FLOATING …).
    const beyondSelf = (fields: PersonField[]) => scopesReading(this.access.rows(user), fields).filter((scope) => scope !== PersonScope.SELF);
    if (beyondSelf(['name']).length > 0 && beyondSelf(required).length === 0) throw forbidden('your role sees names only: filter by area or name');
    const scope = this.access.scopeWhere(user, required, { forList: true });
    if (!scope) throw forbidden('your role lists nobody');
    const conditions: FilterQuery<Person>[] = [scope];
    if (filter?.areaCode) {
      // Residents list only themselves: an area filter narrows that, it cannot widen it.
      if (this.access.rows(user).some((row) => row.scope !== PersonScope.NONE)) assertInScope(user, filter.areaCode);
      conditions.push({ gridCode: { $like: prefixPattern(filter.areaCode) } });
    }
    if (filter?.nameContains) conditions.push({ name: { $ilike: `%${filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } });
    if (filter?.residenceStatus) conditions.push({ residenceStatus: filter.residenceStatus });
    if (filter?.householdId) conditions.push({ householdId: filter.householdId });
    if (codes.length > 0) {
      const today = todayInChina();
      conditions.push({
        [raw(
          (alias) =>
            `(select count(distinct pt.tag_code) from person_tag pt where pt.person_id = ${alias}.id ` +
            `and pt.tag_code in (${codes.map(() => '?').join(', ')}) and pt.valid_from <= ? and (pt.valid_to is null or pt.valid_to >= ?))`,
          [...codes, today, today],
        )]: codes.length,
      });
    }
    const where: FilterQuery<Person> = { $and: conditions };
    let total: Promise<number> | undefined;
    const count = () => (total ??= this.em.count(Person, where));
    if (sensitive.length > 0) {
      // §8.8: a list filtered by a special-population tag is audited like a reveal: who, filter, how many.
      await this.audit.record(user, {
        action: AuditAction.SENSITIVE_TAG_LIST,
        field: PersonalDataField.SENSITIVE_TAGS,
        personId: null,
        areaCode: filter?.areaCode ?? user.areaCode,
        allowed: true,
        filter: JSON.stringify({ ...filter, first: page.first ?? null, after: page.after ?? null }),
        rowCount: await count(),
      });
    }
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(Person, afterKey ? { $and: [...conditions, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (person) => person.id,
      count,
    );
  }

  /**
   * Exact look-up by the keyed hash; audited and rate-limited (LOOKUPS_PER_HOUR per user, counted in
   * the audit log): any look-up answers "is this number registered", an oracle for the candidates
   * of a masked number. With a purpose (lookUpPerson) department staff may find anyone in their area,
   * and then read that person for LOOKUP_GRANT_DAYS; without one (personByIdNumber) a look-up finds
   * only persons the caller already reads. Null when nobody is found for the caller.
   */
  async lookUp(user: AuthUser, idNumber: string, purpose: string | null): Promise<Person | null> {
    const checked = checkIdNumber(idNumber);
    if (!checked.valid) throw badUserInput('idNumber', checked.reason);
    const statedPurpose = purpose === null ? null : purpose.trim();
    if (statedPurpose !== null && statedPurpose.length < MIN_PURPOSE_LENGTH) {
      throw badUserInput('purpose', `state why you need this person (at least ${MIN_PURPOSE_LENGTH} characters); it is kept in the audit log`);
    }
    const limit = {
      action: AuditAction.LOOKUP_BY_ID_NUMBER,
      field: PersonalDataField.ID_NUMBER,
      max: LOOKUPS_PER_HOUR,
      windowMs: 3_600_000,
      refusal: `at most ${LOOKUPS_PER_HOUR} look-ups by ID number per hour`,
    };
    return this.audit.rateLimited(user, limit, user.areaCode, async () => {
      // Under the current key or, until rotate-data-key has run, a previous one.
      const found = await this.em.findOne(Person, { idNumberHash: { $in: this.vault.lookupHashes(checked.idNumber) } });
      const record: AuditRecord = { action: AuditAction.LOOKUP_BY_ID_NUMBER, field: PersonalDataField.ID_NUMBER, personId: null, areaCode: user.areaCode, purpose: statedPurpose, allowed: true };
      if (!found) return { value: null, records: [record] };
      const rows = this.access.rows(user);
      const reach = await this.access.reach(user, found);
      const grants = statedPurpose !== null && reach.inArea && rows.some((row) => row.scope === PersonScope.DEPARTMENT_CASES);
      const visible = grants || fieldsFor(rows, reach).name !== Visibility.NONE;
      const refusalReason = visible ? null : reach.inArea ? 'not among the persons the caller needs to know: look up with a purpose' : "outside the caller's area";
      // A match the caller may not see is on record with the person, but not as allowed: it grants nothing.
      return { value: visible ? found : null, records: [{ ...record, personId: found.id, areaCode: found.gridCode, allowed: visible, refusalReason }] };
    });
  }

  /** Tags must exist, and sensitive ones may only be used by roles that may see them (else they "do not exist"). */
  async assertTagsUsable(user: Actor, codes: string[], field: string, em: EntityManager = this.em): Promise<Tag[]> {
    if (codes.length === 0) return [];
    const tags = await em.find(Tag, { code: { $in: codes } });
    const visible = user === 'system' || this.access.readsSensitiveTags(user) ? tags : tags.filter((tag) => !tag.sensitive);
    const unknown = codes.filter((code) => !visible.some((tag) => tag.code === code));
    if (unknown.length > 0) throw badUserInput(field, `unknown tag ${unknown.join(', ')}`);
    return visible;
  }

  /**
   * Refuses an ID number that is already registered, without saying where, and audits the match (§8.8).
   * `hashes` are the number's look-up hashes under every configured key: during a key rotation a row
   * still under the previous key is not caught by the unique index on the current key's hash.
   */
  private async assertIdNumberFree(em: EntityManager, actor: Actor, hashes: string[], purpose: string): Promise<void> {
    const other = await em.findOne(Person, { idNumberHash: { $in: hashes } });
    if (!other) return;
    if (actor !== 'system') await this.audit.record(actor, idNumberMatchRecord(actor, other, purpose));
    throw conflict(ID_NUMBER_TAKEN);
  }

  async register(actor: Actor, input: RegisterPersonInput): Promise<Person> {
    const facts = this.checkFacts(input);
    if (actor !== 'system') assertInScope(actor, facts.gridCode, 'grid');
    const tagCodes = [...new Set(input.tagCodes ?? [])];
    return this.em.transactional(async (em) => {
      // Once per idempotency key (issue 17): a replay returns the first person, no second ID-number conflict.
      // The key store keeps hashes of the request: the ID number and phone enter only as the vault's keyed hashes (§8.8).
      const payload = { ...input, idNumber: this.vault.lookupHash(facts.idNumber), phone: facts.phone ? this.vault.lookupHash(facts.phone) : undefined };
      const claim = await claimIdempotencyKey<{ personId: string }>(em, { caller: actorId(actor), operation: 'registerPerson', key: input.idempotencyKey, payload });
      if (claim.replay) return em.findOneOrFail(Person, { id: claim.replay.personId });
      occurredAtOf(input.occurredAt);
      await this.assertTagsUsable(actor, tagCodes, 'tagCodes', em);
      if (input.householdId) await this.assertHouseholdInGrid(em, input.householdId, facts.gridCode);
      await this.assertIdNumberFree(em, actor, this.vault.lookupHashes(facts.idNumber), 'registerPerson');
      if (input.userId && (await em.findOne(Person, { userId: input.userId }))) throw conflict('this account is already linked to a person');
      const person = em.create(Person, {
        name: facts.name,
        sex: facts.sex,
        birthDate: facts.birthDate,
        ...sealIdNumber(this.vault, facts.idNumber),
        ...sealPhone(this.vault, facts.phone),
        address: facts.address,
        gridCode: facts.gridCode,
        residenceStatus: facts.residenceStatus,
        householdId: input.householdId ?? null,
        userId: input.userId ?? null,
      });
      const now = new Date();
      em.create(Residence, { personId: person.id, gridCode: person.gridCode, householdId: person.householdId, movedInAt: now, reason: 'registered', recordedBy: actorId(actor) });
      for (const tagCode of tagCodes) em.create(TagAssignment, { personId: person.id, tagCode, validFrom: todayInChina(now), assignedBy: actorId(actor) });
      await em.flush().catch((error: unknown) => {
        // The same number registered concurrently, between the check above and this insert.
        if (error instanceof UniqueConstraintViolationException) throw conflict(input.userId ? `${ID_NUMBER_TAKEN}, or this account is linked to a person` : ID_NUMBER_TAKEN);
        throw error;
      });
      recordEvent<PersonRegisteredData>(em, {
        type: PeopleEvents.PERSON_REGISTERED,
        areaCode: person.gridCode,
        actor: actorId(actor),
        data: {
          personId: person.id,
          gridCode: person.gridCode,
          householdId: person.householdId,
          residenceStatus: person.residenceStatus,
          version: person.version,
          ...(person.userId ? { userId: person.userId } : {}),
        },
      });
      if (tagCodes.length > 0) await recordCareTags(em, actorId(actor), person);
      if (person.userId) {
        // Registered with the person's own account: the registering keeper typed the ID number (§8.7).
        recordAccountLinked(em, actorId(actor), person);
        if (actor !== 'system') {
          await this.audit.record(actor, {
            action: AuditAction.ACCOUNT_LINK,
            field: PersonalDataField.ACCOUNT,
            personId: person.id,
            areaCode: person.gridCode,
            purpose: 'registerPerson with the account',
            allowed: true,
          });
        }
      }
      claim.remember({ personId: person.id });
      return person;
    });
  }

  async update(user: AuthUser, input: UpdatePersonInput): Promise<Person> {
    const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;
    const name = given(input.name) ? valueOrBadInput('name', checkName(input.name)) : undefined;
    const phone = given(input.phone) ? valueOrBadInput('phone', checkOptionalPhone(input.phone)) : undefined;
    const address = given(input.address) ? valueOrBadInput('address', checkAddress(input.address)) : undefined;
    let id: { idNumber: string; birthDate: string } | undefined;
    if (given(input.idNumber)) {
      const checked = checkIdNumber(input.idNumber, input.birthDate ?? undefined);
      if (!checked.valid) throw badUserInput('idNumber', checked.reason);
      id = checked;
    }
    const editedAt = occurredAtOf(input.occurredAt);
    const outcome = await this.em.transactional(async (em) => {
      const person = await em.findOne(Person, { id: input.id }, { populate: ['phoneSealed'] });
      if (!person) throw notFound('Person', input.id);
      assertInScope(user, person.gridCode, 'person in grid');
      // A stale expectedVersion no longer refuses the whole edit: fields nobody changed since merge (issue 17).
      const before: Record<string, unknown> = { ...person };
      // The birth date is part of the ID number: it changes only with a corrected number.
      if (!id && given(input.birthDate) && input.birthDate !== person.birthDate) {
        throw badUserInput('birthDate', 'differs from the birth date in the ID number; send the corrected idNumber with it');
      }
      const changed: string[] = [];
      if (id) {
        const hashes = this.vault.lookupHashes(id.idNumber);
        if (!hashes.includes(person.idNumberHash)) {
          await this.assertIdNumberFree(em, user, hashes, 'updatePerson');
          Object.assign(person, sealIdNumber(this.vault, id.idNumber));
          changed.push('idNumber');
        }
        if (id.birthDate !== person.birthDate) {
          person.birthDate = id.birthDate;
          changed.push('birthDate');
        }
      }
      if (given(input.householdId) && input.householdId !== person.householdId) {
        await this.assertHouseholdInGrid(em, input.householdId, person.gridCode);
        person.householdId = input.householdId;
        changed.push('household');
      }
      if (phone !== undefined) {
        const current = person.phoneSealed ? this.vault.open('phone', person.phoneSealed) : null;
        if (phone !== current) {
          Object.assign(person, sealPhone(this.vault, phone));
          changed.push('phone');
        }
      }
      const plain = { name, sex: input.sex ?? undefined, address, residenceStatus: input.residenceStatus ?? undefined };
      for (const [field, value] of Object.entries(plain) as Array<[keyof typeof plain, string | null | undefined]>) {
        if (value !== undefined && value !== person[field]) {
          Object.assign(person, { [field]: value });
          changed.push(field);
        }
      }
      const plan = planMerge(changed, input.expectedVersion, person.version, person.fieldChanges);
      const baseVersion = input.expectedVersion ?? person.version;
      const currentVersion = person.version;
      let conflictIds: string[] = [];
      if (plan.conflicts.length) {
        for (const field of plan.conflicts) for (const column of PERSON_FIELD_COLUMNS[field] ?? [field]) Object.assign(person, { [column]: before[column] });
        const proposed: Record<string, string | null> = { name: name ?? null, sex: input.sex ?? null, address: address ?? null, residenceStatus: input.residenceStatus ?? null, household: input.householdId ?? null };
        conflictIds = await parkEditConflicts(em, user, {
          entityType: EditConflictEntity.PERSON,
          entityId: person.id,
          gridCode: person.gridCode,
          baseVersion,
          currentVersion,
          history: person.fieldChanges,
          proposed: Object.fromEntries(plan.conflicts.filter((field) => field in proposed).map((field) => [field, proposed[field]!])),
          at: editedAt,
          device: input.deviceId ?? null,
        });
      }
      if (plan.merge.length) {
        person.fieldChanges = withFieldChanges(person.fieldChanges, plan.merge, { v: person.version + 1, by: user.sub, at: editedAt.toISOString(), device: input.deviceId ?? null });
        await em.flush();
        this.recordUpdated(em, user, person, plan.merge);
        if (plan.merge.includes('household') || plan.merge.includes('birthDate')) await recordCareTags(em, user.sub, person);
      }
      return { person, plan, conflictIds };
    });
    if (outcome.plan.conflicts.length) {
      throw editConflictError('person', input.id, { currentVersion: outcome.person.version, conflictingFields: outcome.plan.conflicts, mergedFields: outcome.plan.merge, conflictIds: outcome.conflictIds });
    }
    return outcome.person;
  }

  async tag(user: AuthUser, input: TagPersonInput): Promise<Person> {
    const validFrom = input.validFrom ?? todayInChina();
    if (input.validTo && input.validTo < validFrom) throw badUserInput('validTo', 'must not be before validFrom');
    return this.em.transactional(async (em) => {
      const person = await this.editable(em, user, input.personId);
      await this.assertTagsUsable(user, [input.tagCode], 'tagCode', em);
      const overlapping = await em.findOne(TagAssignment, {
        personId: person.id,
        tagCode: input.tagCode,
        $or: [{ validTo: null }, { validTo: { $gte: validFrom } }],
        ...(input.validTo ? { validFrom: { $lte: input.validTo } } : {}),
      });
      if (overlapping) throw conflict(`the person already carries ${input.tagCode} from ${overlapping.validFrom}`);
      em.create(TagAssignment, { personId: person.id, tagCode: input.tagCode, validFrom, validTo: input.validTo ?? null, assignedBy: user.sub });
      person.updatedAt = new Date();
      await em.flush();
      this.recordUpdated(em, user, person, ['tags']);
      await recordCareTags(em, user.sub, person);
      return person;
    });
  }

  async untag(user: AuthUser, input: UntagPersonInput): Promise<Person> {
    const today = todayInChina();
    const validTo = input.validTo ?? new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
    return this.em.transactional(async (em) => {
      const person = await this.editable(em, user, input.personId);
      await this.assertTagsUsable(user, [input.tagCode], 'tagCode', em);
      const current = await em.findOne(TagAssignment, { $and: [{ personId: person.id, tagCode: input.tagCode }, activeOn(today)] });
      if (!current) throw badUserInput('tagCode', `the person does not carry ${input.tagCode} now`);
      if (validTo < current.validFrom) {
        em.remove(current); // ended before it began: it never applied
      } else {
        current.validTo = validTo;
      }
      person.updatedAt = new Date();
      await em.flush();
      this.recordUpdated(em, user, person, ['tags']);
      await recordCareTags(em, user.sub, person);
      return person;
    });
  }

  /** Closes the current residence, opens one in the destination grid; both grids must be in the caller's area. */
  async move(user: AuthUser, input: MovePersonInput): Promise<Person> {
    assertInScope(user, input.toGridCode, 'destination grid');
    return this.em.transactional(async (em) => {
      const person = await this.editable(em, user, input.personId);
      if (person.gridCode === input.toGridCode) throw badUserInput('toGridCode', 'the person already lives in this grid');
      const household = person.householdId ? await em.findOne(Household, { id: person.householdId }) : null;
      // Moving alone out of the household's grid leaves the household.
      const householdId = household && household.gridCode === input.toGridCode ? household.id : null;
      await this.relocate(em, user, person, input.toGridCode, householdId, input.reason);
      if (household && householdId === null && household.headId === person.id) household.headId = null;
      await em.flush();
      return person;
    });
  }

  /** Moves one person within an open transaction: residence history, the person's grid, and the moved event. */
  async relocate(em: EntityManager, user: AuthUser, person: Person, toGridCode: string, householdId: string | null, reason: string): Promise<void> {
    const now = new Date();
    const fromGridCode = person.gridCode;
    const open = await em.findOne(Residence, { personId: person.id, movedOutAt: null });
    if (open) open.movedOutAt = now;
    em.create(Residence, { personId: person.id, gridCode: toGridCode, householdId, movedInAt: now, reason: reason.trim(), recordedBy: user.sub });
    person.gridCode = toGridCode;
    person.householdId = householdId;
    await em.flush();
    recordEvent<PersonMovedData>(em, {
      type: PeopleEvents.PERSON_MOVED,
      areaCode: toGridCode,
      actor: user.sub,
      data: { personId: person.id, fromGridCode, toGridCode, gridCode: toGridCode, householdId, version: person.version },
    });
    await recordCareTags(em, user.sub, person);
  }

  private async editable(em: EntityManager, user: AuthUser, id: string): Promise<Person> {
    const person = await em.findOne(Person, { id });
    if (!person) throw notFound('Person', id);
    assertInScope(user, person.gridCode, 'person in grid');
    return person;
  }

  private async assertHouseholdInGrid(em: EntityManager, householdId: string, gridCode: string): Promise<void> {
    const household = await em.findOne(Household, { id: householdId });
    if (!household) throw badUserInput('householdId', `household ${householdId} does not exist`);
    if (household.gridCode !== gridCode) throw badUserInput('householdId', `household ${householdId} is in grid ${household.gridCode}, not ${gridCode}`);
  }

  /** The first problem as BAD_USER_INPUT. */
  private checkFacts(facts: PersonFacts) {
    const checked = checkPersonFacts(facts);
    if (!checked.valid) throw badUserInput(checked.problems[0].field, checked.problems[0].reason);
    return checked.facts;
  }

  private recordUpdated(em: EntityManager, user: AuthUser, person: Person, changed: string[]): void {
    recordEvent<PersonUpdatedData>(em, {
      type: PeopleEvents.PERSON_UPDATED,
      areaCode: person.gridCode,
      actor: user.sub,
      data: { personId: person.id, gridCode: person.gridCode, changed, version: person.version },
    });
  }
}

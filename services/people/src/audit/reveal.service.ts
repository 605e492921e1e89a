import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { type AuthUser } from '@lianxin/auth';
import { forbidden, notFound } from '@lianxin/graphql';
import { PersonAccess } from '../access/person-access.service.js';
import { Person } from '../person/person.entity.js';
import { PersonalDataVault } from '../personal-data/personal-data-vault.js';
import { AuditAction, PersonalDataField } from './audit-enums.js';
import type { RevealPersonalDataInput } from './audit.inputs.js';
import { AuditService } from './audit.service.js';

/**
 * The only way a clear ID or phone number leaves the service. Every attempt is written to the audit
 * log first — allowed or not — so a refusal is on record even though the caller gets an error.
 */
@Injectable()
export class RevealService {
  constructor(
    private readonly em: EntityManager,
    private readonly vault: PersonalDataVault,
    private readonly audit: AuditService,
    private readonly access: PersonAccess,
  ) {}

  async reveal(user: AuthUser, input: RevealPersonalDataInput): Promise<{ personId: string; field: PersonalDataField; value: string | null }> {
    const purpose = input.purpose.trim();
    const sealedField = input.field === PersonalDataField.ID_NUMBER ? 'idNumberSealed' : 'phoneSealed';
    const person = await this.em.findOne(Person, { id: input.personId }, { populate: [sealedField] });
    const record = { action: AuditAction.REVEAL, field: input.field, personId: input.personId, purpose };
    const refuse = async (areaCode: string, reason: string) => {
      await this.audit.record(user, { ...record, areaCode, allowed: false, refusalReason: reason });
    };
    // A role that may reveal nothing is refused before anything about the person is said (exists or not).
    if (!this.access.mayRevealAnyone(user)) {
      await refuse(person?.gridCode ?? user.areaCode, 'role may not see clear personal data');
      throw forbidden('your role may not see clear ID or phone numbers');
    }
    if (!person) {
      await refuse(user.areaCode, 'no such person');
      throw notFound('Person', input.personId);
    }
    if (!(await this.access.mayReveal(user, person))) {
      await refuse(person.gridCode, 'person outside the caller\'s area or need to know');
      throw forbidden(`person ${person.id} is outside your area ${user.areaCode} or the cases of your department`);
    }
    const sealed = input.field === PersonalDataField.ID_NUMBER ? person.idNumberSealed : person.phoneSealed;
    const value = sealed ? this.vault.open(input.field === PersonalDataField.ID_NUMBER ? 'idNumber' : 'phone', sealed) : null;
    await this.audit.record(user, { ...record, areaCode: person.gridCode, allowed: true });
    return { personId: person.id, field: input.field, value };
  }
}

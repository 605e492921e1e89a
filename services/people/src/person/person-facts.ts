import { isCalendarDate } from '../common/calendar-date.js';
import { checkIdNumber } from '../personal-data/id-number.js';
import { checkPhone } from '../personal-data/phone.js';
import { ResidenceStatus, Sex } from './person-enums.js';

export const GRID_CODE = /^\d{15}$/;

/** What registering a person needs, before validation (from a GraphQL input or an import row). */
export interface PersonFacts {
  name: string;
  idNumber: string;
  gridCode: string;
  sex?: Sex | null;
  birthDate?: string | null;
  phone?: string | null;
  address?: string | null;
  residenceStatus?: ResidenceStatus | null;
}

export interface ValidPersonFacts {
  name: string;
  idNumber: string;
  gridCode: string;
  sex: Sex;
  birthDate: string;
  phone: string | null;
  address: string | null;
  residenceStatus: ResidenceStatus;
}

export interface FieldProblem {
  field: keyof PersonFacts;
  reason: string;
}

export type FactsCheck = { valid: true; facts: ValidPersonFacts } | { valid: false; problems: FieldProblem[] };

type Checked<T> = { value: T } | { reason: string };

export function checkName(raw: string): Checked<string> {
  const name = raw.trim().replace(/\s+/g, ' ');
  return name.length === 0 || name.length > 50 ? { reason: 'must be 1 to 50 characters' } : { value: name };
}

/** Blank means "no phone". */
export function checkOptionalPhone(raw: string | null | undefined): Checked<string | null> {
  if (!raw?.trim()) return { value: null };
  const checked = checkPhone(raw);
  return checked.valid ? { value: checked.phone } : { reason: checked.reason };
}

/** Blank means "no address". */
export function checkAddress(raw: string | null | undefined): Checked<string | null> {
  const address = raw?.trim() || null;
  return address && address.length > 200 ? { reason: 'must be at most 200 characters' } : { value: address };
}

/**
 * Every problem at once (an import reports them all); sex and birth date default to what the ID number
 * says, a given birth date must match it.
 */
export function checkPersonFacts(input: PersonFacts): FactsCheck {
  const problems: FieldProblem[] = [];
  const name = checkName(input.name);
  if ('reason' in name) problems.push({ field: 'name', reason: name.reason });
  const birthDate = input.birthDate?.trim() || undefined;
  if (birthDate && !isCalendarDate(birthDate)) problems.push({ field: 'birthDate', reason: 'must be a date written YYYY-MM-DD' });
  const id = checkIdNumber(input.idNumber, birthDate && isCalendarDate(birthDate) ? birthDate : undefined);
  if (!id.valid) problems.push({ field: 'idNumber', reason: id.reason });
  if (!GRID_CODE.test(input.gridCode)) problems.push({ field: 'gridCode', reason: 'must be a 15-digit grid code' });
  const phone = checkOptionalPhone(input.phone);
  if ('reason' in phone) problems.push({ field: 'phone', reason: phone.reason });
  const address = checkAddress(input.address);
  if ('reason' in address) problems.push({ field: 'address', reason: address.reason });
  if (!id.valid || 'reason' in name || 'reason' in phone || 'reason' in address || problems.length > 0) return { valid: false, problems };
  return {
    valid: true,
    facts: {
      name: name.value,
      idNumber: id.idNumber,
      gridCode: input.gridCode,
      sex: input.sex ?? id.sex,
      birthDate: id.birthDate,
      phone: phone.value,
      address: address.value,
      residenceStatus: input.residenceStatus ?? ResidenceStatus.REGISTERED_RESIDENT,
    },
  };
}

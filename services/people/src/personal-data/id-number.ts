import { isCalendarDate, todayInChina } from '../common/calendar-date.js';
import { Sex } from '../person/person-enums.js';

/**
 * Resident identity card numbers (公民身份号码, GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
/** Province-level prefixes of GB/T 2260 (and 71/81/82 for Taiwan, Hong Kong, Macao residence permits). */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

export type IdNumberCheck =
  | { valid: true; idNumber: string; birthDate: string; sex: Sex; regionCode: string }
  | { valid: false; reason: string };

/** The check character for the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('need the first 17 digits');
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  return CHECK_CHARACTERS[sum % 11];
}

/** Upper-case, without surrounding spaces. */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/**
 * Checks format, region, birth date and check character; when the person's birth date is known it
 * must be the one inside the number. The reasons are written for the person typing the number.
 */
export function checkIdNumber(raw: string, expectedBirthDate?: string, today = todayInChina()): IdNumberCheck {
  const idNumber = normalizeIdNumber(raw);
  if (idNumber.length !== 18) return { valid: false, reason: `must be 18 characters, got ${idNumber.length}` };
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { valid: false, reason: 'must be 17 digits followed by a digit or X' };
  const regionCode = idNumber.slice(0, 6);
  if (!PROVINCE_PREFIXES.has(regionCode.slice(0, 2)) || regionCode.slice(2) === '0000') {
    return { valid: false, reason: `region code ${regionCode} is not a county-level division code` };
  }
  const digits = idNumber.slice(6, 14);
  const birthDate = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  if (!isCalendarDate(birthDate) || birthDate < '1900-01-01') return { valid: false, reason: `birth date ${digits} is not a valid date` };
  if (birthDate > today) return { valid: false, reason: `birth date ${birthDate} is in the future` };
  const expected = idNumberCheckCharacter(idNumber.slice(0, 17));
  if (idNumber[17] !== expected) return { valid: false, reason: `check character is ${idNumber[17]} but must be ${expected}` };
  if (expectedBirthDate && expectedBirthDate !== birthDate) {
    return { valid: false, reason: `birth date in the number (${birthDate}) differs from birthDate ${expectedBirthDate}` };
  }
  const sex = Number(idNumber[16]) % 2 === 1 ? Sex.MALE : Sex.FEMALE;
  return { valid: true, idNumber, birthDate, sex, regionCode };
}

/** Builds a valid number, for demo data and test fixtures. */
export function buildIdNumber(regionCode: string, birthDate: string, sequence: number, sex: Sex): string {
  const parityAdjusted = sequence - (sequence % 2) + (sex === Sex.MALE ? 1 : 0);
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(parityAdjusted % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

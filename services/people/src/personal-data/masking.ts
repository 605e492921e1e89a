/**
 * Masked forms of protected numbers (DOMAIN.md §8.8): what a role that may read the field sees. A
 * masked value must not, together with anything else a role can read, give the clear number back
 * without an audited reveal (see access/person-field.policy.spec.ts, "§8.8 no role rebuilds …").
 */

/** Characters of an ID number that stay visible: the 6-digit region code. */
export const ID_NUMBER_VISIBLE_PREFIX = 6;
/** Digits of a phone number that stay visible: the last four. */
export const PHONE_VISIBLE_SUFFIX = 4;

/**
 * `330402************`: only the region stays. The 8 digits after it are the birth date, the next 3 a
 * sequence whose last digit is the sex, the last one a check character computed from the rest: with
 * the birth date (readable by grid staff) the old `330402********1234` gave the number back exactly.
 * The region alone leaves 500 numbers for a known birth date and sex, 365 × 500 for a known year.
 */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, ID_NUMBER_VISIBLE_PREFIX)}${'*'.repeat(Math.max(idNumber.length - ID_NUMBER_VISIBLE_PREFIX, 0))}`;
}

/**
 * `*******5678`: only the last four digits stay. The conventional `138****5678` hides the four digits
 * of the number segment (H0–H3), which operators allocate per city: knowing where the person lives
 * narrows those to the city's few hundred segments of that prefix. Hiding the prefix as well leaves
 * every segment of every operator (7 × 10^6 numbers as digits go, thousands of segments of the city).
 */
export function maskPhone(phone: string): string {
  if (phone.length <= PHONE_VISIBLE_SUFFIX) return '*'.repeat(phone.length);
  return `${'*'.repeat(phone.length - PHONE_VISIBLE_SUFFIX)}${phone.slice(-PHONE_VISIBLE_SUFFIX)}`;
}

/**
 * The masked column as stored may be older than the masking above (rows written before
 * Migration20261201000000, or loaded by an old tool): applying the mask again to a masked value
 * hides whatever the current rule hides. Both masks are idempotent on their own output.
 */
export const remaskIdNumber = maskIdNumber;
export const remaskPhone = maskPhone;

/** Mainland mobile numbers (138…) and landlines with area code (0573-82345678). */
export const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
export const PHONE_MESSAGE = 'must be an 11-digit mobile number or a landline with area code, e.g. 0573-82345678';

/** Keeps the first 3 and last 4 digits: 13812345678 → 138****5678, 0573-82345678 → 057****5678. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export type PhoneCheck = { valid: true; phone: string } | { valid: false; reason: string };

/**
 * Mainland mobile numbers (11 digits starting 13–19) or fixed lines with their area code
 * (0 + 2–3 digit area code + 7–8 digits). Spaces, dashes and a +86 prefix are dropped.
 */
export function checkPhone(raw: string): PhoneCheck {
  const phone = raw.trim().replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  if (/^1[3-9]\d{9}$/.test(phone) || /^0\d{9,11}$/.test(phone)) return { valid: true, phone };
  return { valid: false, reason: 'must be an 11-digit mobile number or a fixed line with its area code' };
}

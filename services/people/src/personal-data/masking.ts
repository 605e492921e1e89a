/** `330402********1234`: region and the last four stay, the birth date and sequence are hidden. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}${'*'.repeat(Math.max(idNumber.length - 10, 0))}${idNumber.slice(-4)}`;
}

/** `138****5678` for mobiles; fixed lines keep their first three and last four digits as well. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

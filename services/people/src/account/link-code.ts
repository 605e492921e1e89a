import { randomInt } from 'node:crypto';

/**
 * One-time link codes (DOMAIN.md §8.7): 10 characters of Crockford's base32 (no I, L, O, U), 50 bits
 * from the CSPRNG, shown as `ABCDE-FGHJK`. Typed back case-insensitively, with or without spaces and
 * dashes, O read as 0 and I/L as 1. With 5 wrong tries per account and hour a guess succeeds with
 * odds of about 5 / 2^50 per hour and account.
 */
export const LINK_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const LINK_CODE_LENGTH = 10;
export const LINK_CODE_VALID_DAYS = 7;
/** Wrong codes (or wrong ID numbers when linking) per account and hour before further tries are refused. */
export const WRONG_LINK_TRIES_PER_HOUR = 5;

export function generateLinkCode(): string {
  let code = '';
  for (let index = 0; index < LINK_CODE_LENGTH; index += 1) code += LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)];
  return code;
}

/** `ABCDE-FGHJK` for people to read out and type. */
export function formatLinkCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The code as stored (hashed): upper case, separators dropped, look-alikes folded; null when it cannot be a code. */
export function normalizeLinkCode(typed: string): string | null {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== LINK_CODE_LENGTH || [...code].some((char) => !LINK_CODE_ALPHABET.includes(char))) return null;
  return code;
}

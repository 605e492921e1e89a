import { formatLinkCode, generateLinkCode, LINK_CODE_ALPHABET, LINK_CODE_LENGTH, normalizeLinkCode } from './link-code.js';

describe('one-time link codes', () => {
  it('§8.7 are 10 characters of base32 without look-alikes, different every time', () => {
    const codes = new Set(Array.from({ length: 2_000 }, () => generateLinkCode()));
    expect(codes.size).toBe(2_000);
    for (const code of codes) {
      expect(code).toHaveLength(LINK_CODE_LENGTH);
      expect([...code].every((char) => LINK_CODE_ALPHABET.includes(char))).toBe(true);
    }
    // Every character of the alphabet turns up (uniform draw, not a skewed subset).
    expect(new Set([...codes].join('')).size).toBe(LINK_CODE_ALPHABET.length);
    expect(LINK_CODE_ALPHABET).toHaveLength(32);
    expect(LINK_CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('§8.7 read back as typed: any case, spaces and dashes, O for 0 and I or L for 1', () => {
    const code = '0123ABCDEF';
    expect(formatLinkCode(code)).toBe('0123A-BCDEF');
    expect(normalizeLinkCode(formatLinkCode(code))).toBe(code);
    expect(normalizeLinkCode(' o123a bcdef ')).toBe(code);
    expect(normalizeLinkCode('l1ZZZ-ZZZZZ')).toBe('11ZZZZZZZZ');
  });

  it('§8.7 refuses what cannot be a code', () => {
    expect(normalizeLinkCode('')).toBeNull();
    expect(normalizeLinkCode('0123A-BCDE')).toBeNull();
    expect(normalizeLinkCode('0123A-BCDEU')).toBeNull();
    expect(normalizeLinkCode('0123A-BCDEFG')).toBeNull();
  });
});

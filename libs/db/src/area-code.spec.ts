import { ancestorCodesOf, isWithinArea, levelOfCode, parentCodeOf, prefixPattern } from './area-code.js';

describe('area codes', () => {
  it('knows the level from the length of the code', () => {
    expect(levelOfCode('33')).toBe('PROVINCE');
    expect(levelOfCode('330402')).toBe('COUNTY');
    expect(levelOfCode('330402001')).toBe('TOWNSHIP');
    expect(levelOfCode('330402001001')).toBe('VILLAGE');
    expect(levelOfCode('330402001001001')).toBe('GRID');
    expect(levelOfCode('330402001001001001')).toBe('MICRO_GRID');
    expect(levelOfCode('3304020')).toBeUndefined();
    expect(levelOfCode('33040A')).toBeUndefined();
  });

  it('derives parents and ancestors by cutting the code', () => {
    expect(parentCodeOf('330402001001')).toBe('330402001');
    expect(parentCodeOf('33')).toBeUndefined();
    expect(ancestorCodesOf('330402001001')).toEqual(['33', '3304', '330402', '330402001']);
  });

  it('treats scope as a prefix', () => {
    expect(isWithinArea('330402001001', '330402001')).toBe(true);
    expect(isWithinArea('330402002001', '330402001')).toBe(false);
    expect(prefixPattern('330402')).toBe('330402%');
    expect(() => prefixPattern("33' OR 1=1")).toThrow();
    // A client's non-numeric areaCode is bad input (issue 14), not a server error.
    expect(() => prefixPattern('330402abc')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'areaCode', reason: 'an area code has digits only' } }));
  });
});

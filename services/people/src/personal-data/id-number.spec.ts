import { Sex } from '../person/person-enums.js';
import { buildIdNumber, checkIdNumber, idNumberCheckCharacter } from './id-number.js';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts a number with the right check digit and reads birth date and sex from it', () => {
    // The standard's own example: 11010519491231002X.
    expect(checkIdNumber('11010519491231002X')).toEqual({
      valid: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: Sex.FEMALE,
      regionCode: '110105',
    });
    expect(checkIdNumber('330402198001010014', '1980-01-01')).toMatchObject({ valid: true, sex: Sex.MALE });
  });

  it('accepts X as the check character, also written in lower case', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002x')).toMatchObject({ valid: true, idNumber: '11010519491231002X' });
  });

  it('refuses a wrong check digit with the expected one', () => {
    expect(checkIdNumber('330402198001010017')).toEqual({ valid: false, reason: 'check character is 7 but must be 4' });
    expect(checkIdNumber('110105194912310021')).toEqual({ valid: false, reason: 'check character is 1 but must be X' });
  });

  it('refuses impossible or future birth dates', () => {
    const feb30 = '33040219800230' + '001';
    expect(checkIdNumber(`${feb30}${idNumberCheckCharacter(feb30)}`)).toEqual({ valid: false, reason: 'birth date 19800230 is not a valid date' });
    const future = buildIdNumber('330402', '2030-01-01', 1, Sex.MALE);
    expect(checkIdNumber(future, undefined, '2025-01-01')).toMatchObject({ valid: false, reason: expect.stringContaining('future') });
  });

  it('refuses a number whose birth date differs from the person\'s', () => {
    expect(checkIdNumber('330402198001010014', '1980-01-02')).toMatchObject({ valid: false, reason: expect.stringContaining('differs from birthDate') });
  });

  it('refuses wrong length, characters and region codes', () => {
    expect(checkIdNumber('33040219800101001')).toMatchObject({ valid: false, reason: 'must be 18 characters, got 17' });
    expect(checkIdNumber('3304021980010100X6')).toMatchObject({ valid: false, reason: expect.stringContaining('17 digits') });
    const unknownProvince = buildIdNumber('990402', '1980-01-01', 1, Sex.MALE);
    expect(checkIdNumber(unknownProvince)).toMatchObject({ valid: false, reason: expect.stringContaining('region code 990402') });
  });

  it('builds valid numbers whose sequence parity follows the sex', () => {
    const man = buildIdNumber('330402', '1975-06-30', 12, Sex.MALE);
    const woman = buildIdNumber('330402', '1975-06-30', 13, Sex.FEMALE);
    expect(checkIdNumber(man, '1975-06-30')).toMatchObject({ valid: true, sex: Sex.MALE });
    expect(checkIdNumber(woman, '1975-06-30')).toMatchObject({ valid: true, sex: Sex.FEMALE });
  });
});

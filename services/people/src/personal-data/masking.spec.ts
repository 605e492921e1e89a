import { checkPhone } from './phone.js';
import { maskIdNumber, maskPhone, remaskIdNumber, remaskPhone } from './masking.js';

describe('masking personal data', () => {
  it('§8.8 keeps only the 6-digit region of an ID number: birth date, sequence and check character are hidden', () => {
    expect(maskIdNumber('330402198001011234')).toBe('330402************');
    expect(maskIdNumber('11010519491231002X')).toBe('110105************');
  });

  it('§8.8 keeps only the last 4 digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('*******5678');
    expect(maskPhone('057382345678')).toBe('********5678');
    expect(maskPhone('0573823456')).toBe('******3456');
  });

  it('§8.8 hides what the current rule hides when applied again to a value masked the old way', () => {
    expect(remaskIdNumber('330402********8518')).toBe('330402************');
    expect(remaskIdNumber(maskIdNumber('330402195309228518'))).toBe('330402************');
    expect(remaskPhone('138****5678')).toBe('*******5678');
    expect(remaskPhone(maskPhone('13812345678'))).toBe(maskPhone('13812345678'));
  });
});

describe('phone numbers', () => {
  it('normalises mobiles and fixed lines', () => {
    expect(checkPhone(' +86 138-1234-5678 ')).toEqual({ valid: true, phone: '13812345678' });
    expect(checkPhone('0573-82345678')).toEqual({ valid: true, phone: '057382345678' });
  });

  it('refuses anything else', () => {
    expect(checkPhone('12812345678')).toMatchObject({ valid: false });
    expect(checkPhone('1381234567')).toMatchObject({ valid: false });
  });
});

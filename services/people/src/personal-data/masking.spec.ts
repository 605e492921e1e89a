import { checkPhone } from './phone.js';
import { maskIdNumber, maskPhone } from './masking.js';

describe('masking personal data', () => {
  it('keeps the first 6 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('330402198001011234')).toBe('330402********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps the first 3 and last 4 digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('057382345678')).toBe('057*****5678');
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

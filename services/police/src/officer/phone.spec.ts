import { maskPhone, PHONE } from './phone.js';

describe('officer phone numbers', () => {
  it('masks the middle of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks a landline the same way and never shows a short number', () => {
    expect(maskPhone('0573-82345678')).toBe('057****5678');
    expect(maskPhone('1234567')).toBe('*******');
  });

  it('accepts mobile numbers and landlines, nothing else', () => {
    expect(['13812345678', '0573-82345678', '057382345678'].every((phone) => PHONE.test(phone))).toBe(true);
    expect(['1381234567', '23812345678', '138-1234-5678', ''].some((phone) => PHONE.test(phone))).toBe(false);
  });
});

import { randomBytes } from 'node:crypto';
import { PersonalDataVault } from './personal-data-vault.js';

describe('personal data vault', () => {
  const vault = new PersonalDataVault(randomBytes(32));

  it('opens what it sealed, with a fresh IV each time', () => {
    const first = vault.seal('idNumber', '330402198001010014');
    const second = vault.seal('idNumber', '330402198001010014');
    expect(first.equals(second)).toBe(false);
    expect(first.length).toBe(12 + 16 + 18);
    expect(vault.open('idNumber', first)).toBe('330402198001010014');
    expect(first.toString('latin1')).not.toContain('330402198001010014');
  });

  it('refuses altered values, other fields and other keys', () => {
    const sealed = vault.seal('phone', '13812345678');
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => vault.open('phone', altered)).toThrow();
    expect(() => vault.open('idNumber', sealed)).toThrow();
    expect(() => new PersonalDataVault(randomBytes(32)).open('phone', sealed)).toThrow();
  });

  it('hashes deterministically per key', () => {
    expect(vault.lookupHash('330402198001010014')).toBe(vault.lookupHash('330402198001010014'));
    expect(vault.lookupHash('330402198001010014')).toMatch(/^[0-9a-f]{64}$/);
    expect(new PersonalDataVault(randomBytes(32)).lookupHash('330402198001010014')).not.toBe(vault.lookupHash('330402198001010014'));
  });

  it('reads the key from PEOPLE_DATA_KEY and warns in production without one', () => {
    const key = randomBytes(32);
    const fromEnv = PersonalDataVault.fromEnvironment({ PEOPLE_DATA_KEY: key.toString('base64') });
    expect(new PersonalDataVault(key).open('phone', fromEnv.seal('phone', '13812345678'))).toBe('13812345678');
    const warnings: string[] = [];
    PersonalDataVault.fromEnvironment({ NODE_ENV: 'production' }, (message) => warnings.push(message));
    PersonalDataVault.fromEnvironment({ NODE_ENV: 'development' }, (message) => warnings.push(message));
    expect(warnings).toHaveLength(1);
    expect(() => PersonalDataVault.fromEnvironment({ PEOPLE_DATA_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/32 bytes/);
  });
});

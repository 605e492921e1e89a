import { createCipheriv, randomBytes } from 'node:crypto';
import { PersonalDataVault } from './personal-data-vault.js';

describe('personal data vault', () => {
  const vault = new PersonalDataVault(randomBytes(32));

  it('opens what it sealed, with a fresh IV each time', () => {
    const first = vault.seal('idNumber', '330402198001010014');
    const second = vault.seal('idNumber', '330402198001010014');
    expect(first.equals(second)).toBe(false);
    expect(first.length).toBe(1 + 4 + 12 + 16 + 18);
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

  describe('§8.8 key rotation', () => {
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    const underA = new PersonalDataVault(keyA);
    const underBWithA = new PersonalDataVault(keyB, [keyA]);
    const underB = new PersonalDataVault(keyB);

    /** The format written before key ids existed: iv ‖ tag ‖ ciphertext, the field name as additional data. */
    const legacySeal = (key: Buffer, field: string, value: string, iv = randomBytes(12)) => {
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(field));
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
    };

    it('§8.8 key rotation: values sealed before key ids existed still open, with the current or a previous key', () => {
      const legacy = legacySeal(keyA, 'idNumber', '330402198001010014');
      expect(underA.open('idNumber', legacy)).toBe('330402198001010014');
      expect(underBWithA.unseal('idNumber', legacy)).toEqual({ value: '330402198001010014', keyId: underA.currentKeyId, legacy: true });
      expect(underBWithA.isCurrent('idNumber', legacy)).toBe(false);
      expect(() => underB.open('idNumber', legacy)).toThrow(/without key id.*does not open with any configured key/);
      expect(() => underA.open('phone', legacy)).toThrow();
    });

    it('§8.8 key rotation: an old value whose random IV starts like a header naming a configured key is still read as the old format', () => {
      // The worst case: byte 0 = format 1 and bytes 1-4 = the id of a configured key (1 in 2^40 of old values).
      const iv = Buffer.concat([Buffer.of(0x01), Buffer.from(underBWithA.currentKeyId, 'hex'), randomBytes(7)]);
      const legacy = legacySeal(keyA, 'phone', '13812345678', iv);
      expect(underBWithA.unseal('phone', legacy)).toEqual({ value: '13812345678', keyId: underA.currentKeyId, legacy: true });
      expect(underBWithA.isCurrent('phone', legacy)).toBe(false);
      const unknownId = Buffer.concat([Buffer.of(0x01), randomBytes(11)]);
      expect(underA.open('phone', legacySeal(keyA, 'phone', '13812345678', unknownId))).toBe('13812345678');
    });

    it('§8.8 key rotation: new values carry the format byte and the current key id, and open with the key they name', () => {
      const sealed = underBWithA.seal('idNumber', '330402198001010014');
      expect(sealed[0]).toBe(1);
      expect(sealed.subarray(1, 5).toString('hex')).toBe(underBWithA.currentKeyId);
      expect(underBWithA.currentKeyId).toBe(underB.currentKeyId);
      expect(underBWithA.currentKeyId).toMatch(/^[0-9a-f]{8}$/);
      expect(underBWithA.previousKeyIds).toEqual([underA.currentKeyId]);
      expect(underB.unseal('idNumber', sealed)).toEqual({ value: '330402198001010014', keyId: underB.currentKeyId, legacy: false });
      expect(underBWithA.isCurrent('idNumber', sealed)).toBe(true);
      // The key id is derived, not a piece of the key.
      expect(keyB.toString('hex')).not.toContain(underB.currentKeyId);
    });

    it('§8.8 key rotation: a previous key opens what it sealed; once dropped, the error names the unknown key id', () => {
      const sealedA = underA.seal('phone', '13812345678');
      expect(underBWithA.unseal('phone', sealedA)).toEqual({ value: '13812345678', keyId: underA.currentKeyId, legacy: false });
      expect(underBWithA.isCurrent('phone', sealedA)).toBe(false);
      expect(() => underB.open('phone', sealedA)).toThrow(
        new RegExp(`names key ${underA.currentKeyId}, which is neither PEOPLE_DATA_KEY \\(${underB.currentKeyId}\\) nor in PEOPLE_DATA_PREVIOUS_KEYS \\(none\\)`),
      );
    });

    it('§8.8 key rotation: tampering with the ciphertext, the key id or the field fails', () => {
      const sealed = underBWithA.seal('phone', '13812345678');
      const altered = Buffer.from(sealed);
      altered[altered.length - 1] ^= 1;
      expect(() => underBWithA.open('phone', altered)).toThrow(/does not open with key/);
      // Pointing the header at the other configured key: that key does not authenticate it.
      const renamed = Buffer.concat([Buffer.of(1), Buffer.from(underA.currentKeyId, 'hex'), sealed.subarray(5)]);
      expect(() => underBWithA.open('phone', renamed)).toThrow(/does not open with key/);
      expect(() => underBWithA.open('idNumber', sealed)).toThrow(/does not open with key/);
      expect(() => underBWithA.open('phone', sealed.subarray(0, 20))).toThrow();
    });

    it('§8.8 key rotation: look-up and link-code hashes under the current key first, then every previous key', () => {
      expect(underBWithA.lookupHashes('330402198001010014')).toEqual([underB.lookupHash('330402198001010014'), underA.lookupHash('330402198001010014')]);
      expect(underBWithA.lookupHash('330402198001010014')).toBe(underB.lookupHash('330402198001010014'));
      expect(underBWithA.linkCodeHashes('ABCDEFGHJK')).toEqual([underB.linkCodeHash('ABCDEFGHJK'), underA.linkCodeHash('ABCDEFGHJK')]);
    });

    it('§8.8 key rotation: PEOPLE_DATA_PREVIOUS_KEYS is read comma-separated, checked for length and for a key listed twice', () => {
      const fromEnv = PersonalDataVault.fromEnvironment({ PEOPLE_DATA_KEY: keyB.toString('base64'), PEOPLE_DATA_PREVIOUS_KEYS: ` ${keyA.toString('base64')} , ` });
      expect(fromEnv.currentKeyId).toBe(underB.currentKeyId);
      expect(fromEnv.previousKeyIds).toEqual([underA.currentKeyId]);
      expect(() => PersonalDataVault.fromEnvironment({ PEOPLE_DATA_KEY: keyB.toString('base64'), PEOPLE_DATA_PREVIOUS_KEYS: Buffer.alloc(16).toString('base64') })).toThrow(
        /PEOPLE_DATA_PREVIOUS_KEYS\[0\] must be 32 bytes/,
      );
      expect(() => new PersonalDataVault(keyB, [keyA, keyB])).toThrow(/configured twice/);
    });
  });
});

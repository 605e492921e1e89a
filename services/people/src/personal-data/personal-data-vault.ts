import { createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/** What a sealed value is bound to (GCM additional data): a ciphertext cannot be moved to another column. */
export type SealedField = 'idNumber' | 'phone';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Used when PEOPLE_DATA_KEY is unset: fine for development and tests, never for real data. */
const DEVELOPMENT_SECRET = createHash('sha256').update('lianxin-people-development-key: not for real data').digest();

/**
 * Encrypts ID and phone numbers (AES-256-GCM, random 96-bit IV per value, stored as iv ‖ tag ‖ ciphertext)
 * and computes the keyed hash (HMAC-SHA256) used for exact look-up by ID number. The HMAC key is
 * derived from the same secret with HKDF, so one secret (PEOPLE_DATA_KEY, base64 of 32 bytes) serves both.
 */
export class PersonalDataVault {
  // Key objects, not buffers: Node would otherwise build one on every call (a third of an import's crypto time).
  private readonly encryptionKey: KeyObject;
  private readonly hashKey: KeyObject;
  private readonly linkCodeKey: KeyObject;

  constructor(secret: Buffer) {
    if (secret.length !== 32) throw new Error(`PEOPLE_DATA_KEY must be 32 bytes (base64), got ${secret.length}`);
    this.encryptionKey = createSecretKey(secret);
    this.hashKey = createSecretKey(Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'lianxin-people/lookup-hash/v1', 32)));
    this.linkCodeKey = createSecretKey(Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'lianxin-people/link-code/v1', 32)));
  }

  /** Reads PEOPLE_DATA_KEY; without it uses the development key, and warns in production. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = console.warn): PersonalDataVault {
    const encoded = env.PEOPLE_DATA_KEY?.trim();
    if (!encoded) {
      if (env.NODE_ENV === 'production') {
        warn('PEOPLE_DATA_KEY is not set: personal data is encrypted with the public development key. Set a 32-byte base64 key.');
      }
      return new PersonalDataVault(DEVELOPMENT_SECRET);
    }
    return new PersonalDataVault(Buffer.from(encoded, 'base64'));
  }

  seal(field: SealedField, value: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(field));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  /** Throws when the value was not sealed for this field with this key, or was altered. */
  open(field: SealedField, sealed: Buffer): string {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value is too short');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash (hex) of a normalised ID number: equal numbers, equal hashes; no key, no dictionary attack. */
  lookupHash(idNumber: string): string {
    return createHmac('sha256', this.hashKey).update(idNumber).digest('hex');
  }

  /** Keyed hash (hex) of a normalised one-time link code: a copy of the table alone does not give the codes. */
  linkCodeHash(code: string): string {
    return createHmac('sha256', this.linkCodeKey).update(code).digest('hex');
  }
}

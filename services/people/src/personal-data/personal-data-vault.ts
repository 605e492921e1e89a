import { createCipheriv, createDecipheriv, createHash, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/** What a sealed value is bound to (GCM additional data): a ciphertext cannot be moved to another column. */
export type SealedField = 'idNumber' | 'phone';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** First byte of a value sealed in the keyed format: FORMAT_V1 ‖ key id (4 bytes) ‖ iv ‖ tag ‖ ciphertext. */
const FORMAT_V1 = 0x01;
const KEY_ID_BYTES = 4;
const HEADER_BYTES = 1 + KEY_ID_BYTES;
/** Used when PEOPLE_DATA_KEY is unset: fine for development and tests, never for real data. */
const DEVELOPMENT_SECRET = createHash('sha256').update('lianxin-people-development-key: not for real data').digest();

/** What one secret gives: the AES key, the two HMAC keys and the key id written in front of what it seals. */
interface DataKey {
  /** 8 hex characters: the first 4 bytes of SHA-256 of a key derived (HKDF) for this purpose; tells nothing of the secret. */
  id: string;
  idBytes: Buffer;
  // Key objects, not buffers: Node would otherwise build one on every call (a third of an import's crypto time).
  encryptionKey: KeyObject;
  hashKey: KeyObject;
  linkCodeKey: KeyObject;
}

/** How a sealed value opened: which key, and whether it still has the format without key id (sealed before rotation existed). */
export interface Unsealed {
  value: string;
  keyId: string;
  legacy: boolean;
}

const derive = (secret: Buffer, info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));

function dataKey(secret: Buffer, name: string): DataKey {
  if (secret.length !== 32) throw new Error(`${name} must be 32 bytes (base64), got ${secret.length}`);
  const idBytes = createHash('sha256').update(derive(secret, 'lianxin-people/key-id/v1')).digest().subarray(0, KEY_ID_BYTES);
  return {
    id: idBytes.toString('hex'),
    idBytes,
    encryptionKey: createSecretKey(secret),
    hashKey: createSecretKey(derive(secret, 'lianxin-people/lookup-hash/v1')),
    linkCodeKey: createSecretKey(derive(secret, 'lianxin-people/link-code/v1')),
  };
}

function decrypt(key: KeyObject, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}

/**
 * Encrypts ID and phone numbers (AES-256-GCM, random 96-bit IV per value) and computes the keyed hash
 * (HMAC-SHA256) used for exact look-up by ID number. The HMAC keys are derived from the same secret with
 * HKDF, so one secret (PEOPLE_DATA_KEY, base64 of 32 bytes) serves all.
 *
 * Key rotation: values are sealed with the current key as FORMAT_V1 ‖ key id ‖ iv ‖ tag ‖ ciphertext,
 * the header being part of the additional data. Previous keys (PEOPLE_DATA_PREVIOUS_KEYS) still open
 * what they sealed, and their look-up hashes are still searched (`lookupHashes`), until
 * `rotate-data-key.js` has re-sealed every row with the current key.
 *
 * Values sealed before key ids existed (iv ‖ tag ‖ ciphertext) still open. Their first byte is a random
 * IV byte, so 1 in 256 starts with FORMAT_V1 and 1 in 2^40 also carries a configured key id: the header
 * only says which key to try first, the GCM tag (128 bits) decides. A value that does not authenticate
 * as FORMAT_V1 is tried as the old format with every configured key, so an old value is never misread
 * (misreading would need a forged tag), and a value that opens neither way is refused.
 */
export class PersonalDataVault {
  private readonly current: DataKey;
  private readonly previous: readonly DataKey[];
  private readonly byId: ReadonlyMap<string, DataKey>;

  constructor(secret: Buffer, previousSecrets: readonly Buffer[] = []) {
    this.current = dataKey(secret, 'PEOPLE_DATA_KEY');
    this.previous = previousSecrets.map((previous, index) => dataKey(previous, `PEOPLE_DATA_PREVIOUS_KEYS[${index}]`));
    const byId = new Map<string, DataKey>();
    for (const key of [this.current, ...this.previous]) {
      if (byId.has(key.id)) throw new Error(`personal-data key ${key.id} is configured twice (PEOPLE_DATA_KEY / PEOPLE_DATA_PREVIOUS_KEYS)`);
      byId.set(key.id, key);
    }
    this.byId = byId;
  }

  /**
   * Reads PEOPLE_DATA_KEY (current) and PEOPLE_DATA_PREVIOUS_KEYS (comma-separated, still accepted for
   * reading); without a current key uses the development key, and warns in production.
   */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = console.warn): PersonalDataVault {
    const encoded = env.PEOPLE_DATA_KEY?.trim();
    const previous = (env.PEOPLE_DATA_PREVIOUS_KEYS ?? '')
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key.length > 0)
      .map((key) => Buffer.from(key, 'base64'));
    if (!encoded) {
      if (env.NODE_ENV === 'production') {
        warn('PEOPLE_DATA_KEY is not set: personal data is encrypted with the public development key. Set a 32-byte base64 key.');
      }
      return new PersonalDataVault(DEVELOPMENT_SECRET, previous);
    }
    return new PersonalDataVault(Buffer.from(encoded, 'base64'), previous);
  }

  /** Id (8 hex characters) of the key new values are sealed with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  /** Ids of the keys still accepted for reading, not counting the current one. */
  get previousKeyIds(): string[] {
    return this.previous.map((key) => key.id);
  }

  seal(field: SealedField, value: string): Buffer {
    const header = Buffer.concat([Buffer.of(FORMAT_V1), this.current.idBytes]);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.encryptionKey, iv);
    cipher.setAAD(Buffer.concat([header, Buffer.from(field)]));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
  }

  /** Throws when the value was not sealed for this field with a configured key, or was altered. */
  open(field: SealedField, sealed: Buffer): string {
    return this.unseal(field, sealed).value;
  }

  /** The clear value and the key that sealed it (the rotation re-seals what is not under the current key). */
  unseal(field: SealedField, sealed: Buffer): Unsealed {
    let refusal: Error | null = null;
    if (sealed.length >= HEADER_BYTES + IV_BYTES + TAG_BYTES && sealed[0] === FORMAT_V1) {
      const keyId = sealed.subarray(1, HEADER_BYTES).toString('hex');
      const key = this.byId.get(keyId);
      if (key) {
        try {
          const body = sealed.subarray(HEADER_BYTES);
          const aad = Buffer.concat([sealed.subarray(0, HEADER_BYTES), Buffer.from(field)]);
          const value = decrypt(key.encryptionKey, body.subarray(0, IV_BYTES), body.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), body.subarray(IV_BYTES + TAG_BYTES), aad);
          return { value, keyId, legacy: false };
        } catch {
          refusal = new Error(`sealed ${field} does not open with key ${keyId}: altered, or sealed for another field`);
        }
      } else {
        refusal = new Error(
          `sealed ${field} names key ${keyId}, which is neither PEOPLE_DATA_KEY (${this.current.id}) nor in PEOPLE_DATA_PREVIOUS_KEYS (${this.previous.map((known) => known.id).join(', ') || 'none'}): configure that key to read it`,
        );
      }
    }
    // The format without key id (or an old value whose random IV happens to start like a header).
    if (sealed.length >= IV_BYTES + TAG_BYTES) {
      for (const key of [this.current, ...this.previous]) {
        try {
          const value = decrypt(key.encryptionKey, sealed.subarray(0, IV_BYTES), sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), sealed.subarray(IV_BYTES + TAG_BYTES), Buffer.from(field));
          return { value, keyId: key.id, legacy: true };
        } catch {
          // the next key
        }
      }
    } else if (!refusal) {
      throw new Error('sealed value is too short');
    }
    throw refusal ?? new Error(`sealed ${field} (without key id) does not open with any configured key (${[this.current, ...this.previous].map((key) => key.id).join(', ')}): altered, sealed for another field, or with a key no longer configured`);
  }

  /** Whether the value is sealed with the current key in the keyed format (the rotation has nothing to do). */
  isCurrent(field: SealedField, sealed: Buffer): boolean {
    try {
      const opened = this.unseal(field, sealed);
      return !opened.legacy && opened.keyId === this.current.id;
    } catch {
      return false;
    }
  }

  /** Deterministic keyed hash (hex) of a normalised ID number under the current key: equal numbers, equal hashes; no key, no dictionary attack. */
  lookupHash(idNumber: string): string {
    return createHmac('sha256', this.current.hashKey).update(idNumber).digest('hex');
  }

  /**
   * The look-up hash under the current key first, then under every previous key: during a rotation a
   * row holds either, so look-ups and "already registered" checks search all of them.
   */
  lookupHashes(idNumber: string): string[] {
    return [this.current, ...this.previous].map((key) => createHmac('sha256', key.hashKey).update(idNumber).digest('hex'));
  }

  /** Keyed hash (hex) of a normalised one-time link code: a copy of the table alone does not give the codes. */
  linkCodeHash(code: string): string {
    return createHmac('sha256', this.current.linkCodeKey).update(code).digest('hex');
  }

  /** As lookupHashes, for codes issued before the key changed (valid for days, not re-hashed by the rotation). */
  linkCodeHashes(code: string): string[] {
    return [this.current, ...this.previous].map((key) => createHmac('sha256', key.linkCodeKey).update(code).digest('hex'));
  }
}

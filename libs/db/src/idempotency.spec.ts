import { canonicalJson, differingFields, fingerprint, idempotencyConflict, idempotencyKeyRetention, idFromIdempotencyKey, uuidV5 } from './idempotency.js';

describe('idempotency fingerprints', () => {
  it('canonical JSON ignores key order, undefined and null, and writes dates as ISO', () => {
    const at = new Date('2026-12-01T08:00:00Z');
    expect(canonicalJson({ b: 1, a: { d: at, c: undefined, e: null } })).toBe(canonicalJson({ a: { d: new Date(at.getTime()) }, b: 1 }));
    expect(canonicalJson({ a: [2, 1] })).not.toBe(canonicalJson({ a: [1, 2] }));
  });

  it('the same request under another idempotencyKey value has the same hash; any value change changes it', () => {
    const salt = 'salt';
    const a = fingerprint({ idempotencyKey: 'key-00000001', householdId: 'h', findings: 'ok' }, salt);
    const b = fingerprint({ findings: 'ok', householdId: 'h', idempotencyKey: 'key-00000002' }, salt);
    const c = fingerprint({ findings: 'not ok', householdId: 'h' }, salt);
    expect(a.requestHash).toBe(b.requestHash);
    expect(c.requestHash).not.toBe(a.requestHash);
    expect(differingFields(a.fieldHashes, c.fieldHashes)).toEqual(['findings']);
    expect(differingFields(a.fieldHashes, fingerprint({ householdId: 'h' }, salt).fieldHashes)).toEqual(['findings']);
  });

  it('stores no values: field hashes are salted and short', () => {
    const one = fingerprint({ idNumber: '330402199001011234' }, 'salt-1');
    const two = fingerprint({ idNumber: '330402199001011234' }, 'salt-2');
    expect(one.fieldHashes.idNumber).toHaveLength(12);
    expect(one.fieldHashes.idNumber).not.toBe(two.fieldHashes.idNumber);
    expect(JSON.stringify(one)).not.toContain('330402');
  });

  it('a conflict is CONFLICT on idempotencyKey naming the differing fields', () => {
    const error = idempotencyConflict('recordVisit', ['findings']);
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['findings'] });
    expect(error.message).toContain('findings differ');
  });
});

describe('ids derived from idempotency keys', () => {
  it('are UUIDv5, the same for the same caller/operation/key and different otherwise', () => {
    const one = idFromIdempotencyKey('user-1', 'reportCase', 'key-00000001');
    expect(one).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idFromIdempotencyKey('user-1', 'reportCase', 'key-00000001')).toBe(one);
    expect(idFromIdempotencyKey('user-2', 'reportCase', 'key-00000001')).not.toBe(one);
    expect(idFromIdempotencyKey('user-1', 'reportHazard', 'key-00000001')).not.toBe(one);
  });

  it('follow RFC 9562 version 5 (the DNS-namespace vector)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('idempotency key retention (the purge)', () => {
  it('keeps keys 45 days by default, every 6 hours', () => {
    expect(idempotencyKeyRetention({})).toEqual({ days: 45, clamped: false, intervalMs: 6 * 3_600_000 });
  });

  it('never shorter than the accepted age of occurredAt plus a day: a replay inside the window must find its key', () => {
    expect(idempotencyKeyRetention({ IDEMPOTENCY_KEY_RETENTION_DAYS: '20' })).toMatchObject({ days: 31, clamped: true });
    expect(idempotencyKeyRetention({ IDEMPOTENCY_KEY_RETENTION_DAYS: '60', OCCURRED_AT_MAX_AGE_DAYS: '90' })).toMatchObject({ days: 91, clamped: true });
    expect(idempotencyKeyRetention({ IDEMPOTENCY_KEY_RETENTION_DAYS: '10', OCCURRED_AT_MAX_AGE_DAYS: '7', IDEMPOTENCY_KEY_PURGE_INTERVAL_MS: '0' })).toEqual({ days: 10, clamped: false, intervalMs: 0 });
  });
});

import { GraphQLError } from 'graphql';
import { assertIdempotencyKey, IDEMPOTENCY_KEY_PATTERN, occurredAtLimits, occurredAtOf } from './offline-write.js';

const now = new Date('2026-12-07T10:00:00Z');
const bounds = { maxFutureMs: 5 * 60_000, maxAgeMs: 30 * 86_400_000 };

function reasonOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions;
  }
  return undefined;
}

describe('occurredAt (device time of offline work)', () => {
  it('defaults to now and keeps a past device time', () => {
    expect(occurredAtOf(undefined, 'occurredAt', now, bounds)).toBe(now);
    const earlier = new Date('2026-12-06T17:00:00Z');
    expect(occurredAtOf(earlier, 'occurredAt', now, bounds)).toBe(earlier);
  });

  it('allows 5 minutes of clock skew ahead, refuses more', () => {
    expect(occurredAtOf(new Date(now.getTime() + 5 * 60_000), 'occurredAt', now, bounds).getTime()).toBe(now.getTime() + 5 * 60_000);
    expect(reasonOf(() => occurredAtOf(new Date(now.getTime() + 5 * 60_000 + 1), 'occurredAt', now, bounds))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'occurredAt' });
  });

  it('refuses work older than the configured maximum age', () => {
    expect(reasonOf(() => occurredAtOf(new Date(now.getTime() - 31 * 86_400_000), 'items.3.occurredAt', now, bounds))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.3.occurredAt' });
    expect(occurredAtLimits({ OCCURRED_AT_MAX_AGE_DAYS: '7', OCCURRED_AT_MAX_FUTURE_MS: '60000' })).toEqual({ maxFutureMs: 60_000, maxAgeMs: 7 * 86_400_000 });
    expect(occurredAtLimits({})).toEqual(bounds);
  });
});

describe('idempotencyKey', () => {
  it('accepts UUIDs and refuses short keys or other characters', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('0b6f1d1e-7d59-4c1c-9d0a-3f1f2f3c4d5e')).toBe(true);
    expect(assertIdempotencyKey('device-7:visit:42')).toBe('device-7:visit:42');
    expect(assertIdempotencyKey(undefined)).toBeUndefined();
    expect(reasonOf(() => assertIdempotencyKey('short'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(reasonOf(() => assertIdempotencyKey('has spaces in it', 'items.0.idempotencyKey'))).toMatchObject({ field: 'items.0.idempotencyKey' });
    expect(reasonOf(() => assertIdempotencyKey('x'.repeat(129)))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

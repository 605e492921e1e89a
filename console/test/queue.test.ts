import { describe, expect, it } from 'vitest';
import { FieldQueue, memoryStore, toMutationInput, type QueuedWork, type SendOutcome } from '../src/offline/queue';

function queue() {
  let n = 0;
  let clock = Date.parse('2026-12-07T08:00:00Z');
  return new FieldQueue(memoryStore(), () => `key-${++n}`, () => new Date((clock += 60000)));
}

describe('offline field queue', () => {
  it('keeps the idempotency key and device time fixed at recording, and sends in recorded order', async () => {
    const q = queue();
    await q.add('visit', { householdId: 'h1', findings: 'a' });
    await q.add('visit', { householdId: 'h2', findings: 'b' });
    await q.add('hazard', { gridCode: 'g', category: 'FIRE', severity: 'LOW', description: 'c' });
    const sent: QueuedWork[] = [];
    const result = await q.flush(async (item) => {
      sent.push(item);
      return { ok: true };
    });
    expect(result).toEqual({ sent: 3, refused: 0, remaining: 0 });
    expect(sent.map((item) => item.key)).toEqual(['key-1', 'key-2', 'key-3']);
    expect(sent.map((item) => item.occurredAt)).toEqual(['2026-12-07T08:01:00.000Z', '2026-12-07T08:02:00.000Z', '2026-12-07T08:03:00.000Z']);
    expect(await q.items()).toEqual([]);
  });

  it('stops at the first network failure and retries the same item (same key) later', async () => {
    const q = queue();
    await q.add('visit', { householdId: 'h1', findings: 'a' });
    await q.add('visit', { householdId: 'h2', findings: 'b' });
    const first = await q.flush(async (): Promise<SendOutcome> => ({ ok: false, retry: true, reason: 'offline' }));
    expect(first).toEqual({ sent: 0, refused: 0, remaining: 2 });
    const left = await q.items();
    expect(left.map((item) => [item.key, item.attempts])).toEqual([['key-1', 1], ['key-2', 0]]);
    const keys: string[] = [];
    await q.flush(async (item) => {
      keys.push(item.key);
      return { ok: true };
    });
    expect(keys).toEqual(['key-1', 'key-2']);
  });

  it('keeps a refused item with its reason, visible, and sends the rest', async () => {
    const q = queue();
    await q.add('visit', { householdId: 'bad', findings: 'a' });
    await q.add('visit', { householdId: 'h2', findings: 'b' });
    const result = await q.flush(async (item) => (item.input.householdId === 'bad' ? { ok: false, retry: false, reason: 'NOT_FOUND · householdId' } : { ok: true }));
    expect(result).toEqual({ sent: 1, refused: 1, remaining: 0 });
    const [left] = await q.items();
    expect(left).toMatchObject({ key: 'key-1', lastError: 'NOT_FOUND · householdId' });
    // Not tried again automatically; the user discards it.
    let calls = 0;
    await q.flush(async () => {
      calls++;
      return { ok: true };
    });
    expect(calls).toBe(0);
    await q.discard('key-1');
    expect(await q.items()).toEqual([]);
  });

  it('two flushes at once (the online event and a tap) send each item once', async () => {
    const q = queue();
    for (const findings of ['a', 'b', 'c']) await q.add('visit', { householdId: 'h', findings });
    const sent: string[] = [];
    const sender = async (item: QueuedWork): Promise<SendOutcome> => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push(item.key);
      return { ok: true };
    };
    const [a, b] = await Promise.all([q.flush(sender), q.flush(sender)]);
    expect(a).toBe(b);
    expect(sent).toEqual(['key-1', 'key-2', 'key-3']);
  });

  it('sends the idempotency key and device time in the offline-safe input shape', () => {
    const base = { key: 'k-123456789', seq: 1, attempts: 0, occurredAt: '2026-12-07T08:00:00.000Z' };
    expect(toMutationInput({ ...base, kind: 'visit', input: { householdId: 'h', findings: 'f' } }, true)).toEqual({ householdId: 'h', findings: 'f', idempotencyKey: 'k-123456789', occurredAt: '2026-12-07T08:00:00.000Z' });
    expect(toMutationInput({ ...base, kind: 'hazard', input: { gridCode: 'g' } }, true)).toEqual({ gridCode: 'g', idempotencyKey: 'k-123456789', occurredAt: '2026-12-07T08:00:00.000Z' });
  });

  it('against a schema without offline-safe creates, puts the device time where the input has one', () => {
    const base = { key: 'k', seq: 1, attempts: 0, occurredAt: '2026-12-07T08:00:00.000Z' };
    expect(toMutationInput({ ...base, kind: 'visit', input: { householdId: 'h', findings: 'f' } }, false)).toEqual({ householdId: 'h', findings: 'f', visitedAt: '2026-12-07T08:00:00.000Z' });
    expect(toMutationInput({ ...base, kind: 'patrol', input: { keyPlaceId: 'p' } }, false)).toEqual({ keyPlaceId: 'p', patrolledAt: '2026-12-07T08:00:00.000Z' });
  });
});

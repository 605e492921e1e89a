import { describe, expect, it } from 'vitest';
import { fieldSender, type FieldSendSteps } from '../src/offline/field-send';
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

describe('offline field queue with photos (upload → write → attach)', () => {
  /** A stand-in for the server's idempotent behaviour: one owner per key, one attachment per upload id. */
  function server() {
    const owners = new Map<string, string>();
    const attached = new Map<string, string>();
    const uploads = new Map<string, { name: string; done: boolean }>();
    let nextUpload = 0;
    return { owners, attached, uploads, newUpload: (name: string) => `u${++nextUpload}-${name}` };
  }

  function photo(name: string) {
    return { name, type: 'image/jpeg', blob: new Blob([name], { type: 'image/jpeg' }) };
  }

  it('keeps each step as it completes: a cut upload resumes from its URL, a finished one is not sent again, the write and attach happen once', async () => {
    const q = queue();
    const srv = server();
    await q.add('visit', { householdId: 'h1', findings: 'a' }, [photo('p1.jpg'), photo('p2.jpg')]);
    const calls: string[] = [];
    let cutSecond = true;
    const steps: FieldSendSteps = {
      online: () => true,
      upload: async (p, onUploadUrl) => {
        calls.push(`upload ${p.name}${p.uploadUrl ? ` resume ${p.uploadUrl}` : ''}`);
        const url = p.uploadUrl ?? `/uploads/${srv.newUpload(p.name)}`;
        if (!p.uploadUrl) await onUploadUrl(url);
        if (p.name === 'p2.jpg' && cutSecond) {
          cutSecond = false;
          throw new Error('network cut');
        }
        return url.split('/').pop()!;
      },
      write: async (item) => {
        calls.push(`write ${item.key}`);
        if (!srv.owners.has(item.key)) srv.owners.set(item.key, `visit-${srv.owners.size + 1}`);
        return srv.owners.get(item.key)!;
      },
      attach: async (ownerType, ownerId, uploadIds) => {
        calls.push(`attach ${ownerType} ${ownerId} ${uploadIds.join(',')}`);
        for (const id of uploadIds) srv.attached.set(id, ownerId);
      },
      classify: () => ({ retry: true, reason: 'network' }),
    };
    expect(await q.flush(fieldSender(steps))).toEqual({ sent: 0, refused: 0, remaining: 1 });
    const [waiting] = await q.items();
    expect(waiting.photos![0]).toEqual({ name: 'p1.jpg', type: 'image/jpeg', uploadUrl: '/uploads/u1-p1.jpg', uploadId: 'u1-p1.jpg' });
    expect(waiting.photos![1]).toMatchObject({ name: 'p2.jpg', uploadUrl: '/uploads/u2-p2.jpg' });
    expect(waiting.photos![1].uploadId).toBeUndefined();
    expect(waiting.photos![1].blob).toBeInstanceOf(Blob);

    expect(await q.flush(fieldSender(steps))).toEqual({ sent: 1, refused: 0, remaining: 0 });
    expect(calls).toEqual(['upload p1.jpg', 'upload p2.jpg', 'upload p2.jpg resume /uploads/u2-p2.jpg', 'write key-1', 'attach VISIT visit-1 u1-p1.jpg,u2-p2.jpg']);
    expect(srv.owners.size).toBe(1);
    expect([...srv.attached.entries()]).toEqual([['u1-p1.jpg', 'visit-1'], ['u2-p2.jpg', 'visit-1']]);
    expect(await q.items()).toEqual([]);
  });

  it('an answer lost after the write: the replay skips the uploads, sends the same key, and attaches the same uploads', async () => {
    const q = queue();
    const srv = server();
    await q.add('hazard', { gridCode: 'g', category: 'FIRE', severity: 'HIGH', description: 'd' }, [photo('h.jpg')]);
    let loseAttach = true;
    const writes: string[] = [];
    const attaches: string[] = [];
    const steps: FieldSendSteps = {
      online: () => true,
      upload: async (p, onUploadUrl) => {
        const id = srv.newUpload(p.name);
        await onUploadUrl(`/uploads/${id}`);
        return id;
      },
      write: async (item) => {
        writes.push(item.key);
        if (!srv.owners.has(item.key)) srv.owners.set(item.key, 'hazard-1');
        return srv.owners.get(item.key)!;
      },
      attach: async (_type, ownerId, uploadIds) => {
        for (const id of uploadIds) srv.attached.set(id, ownerId);
        attaches.push(uploadIds.join(','));
        if (loseAttach) {
          loseAttach = false;
          throw new Error('the answer was lost');
        }
      },
      classify: () => ({ retry: true, reason: 'network' }),
    };
    await q.flush(fieldSender(steps));
    const [waiting] = await q.items();
    expect(waiting.ownerId).toBe('hazard-1');
    await q.flush(fieldSender(steps));
    expect(writes).toEqual(['key-1']);
    expect(attaches).toEqual(['u1-h.jpg', 'u1-h.jpg']);
    expect(srv.attached.size).toBe(1);
    expect(await q.items()).toEqual([]);
  });

  it('a photo the server refuses for good keeps the item, with its reason, and nothing is written', async () => {
    const q = queue();
    await q.add('patrol', { keyPlaceId: 'p' }, [photo('notes.txt')]);
    let writes = 0;
    const result = await q.flush(
      fieldSender({
        online: () => true,
        upload: async () => {
          throw new Error('415 notes.txt: not an image');
        },
        write: async () => `patrol-${++writes}`,
        attach: async () => undefined,
        classify: (error) => ({ retry: false, reason: String((error as Error).message) }),
      }),
    );
    expect(result).toEqual({ sent: 0, refused: 1, remaining: 0 });
    expect(writes).toBe(0);
    const [kept] = await q.items();
    expect(kept.lastError).toBe('415 notes.txt: not an image');
    expect(kept.photos![0].blob).toBeInstanceOf(Blob);
  });

  it('offline: nothing is tried', async () => {
    const q = queue();
    await q.add('visit', { householdId: 'h', findings: 'f' }, [photo('a.jpg')]);
    let tried = 0;
    const result = await q.flush(fieldSender({ online: () => false, upload: async () => `u${++tried}`, write: async () => `w${++tried}`, attach: async () => void tried++, classify: () => ({ retry: true, reason: '' }) }));
    expect(result).toEqual({ sent: 0, refused: 0, remaining: 1 });
    expect(tried).toBe(0);
  });
});

import { stopInOrder } from './shutdown.js';

describe('gateway stop (stopInOrder)', () => {
  const logger = () => {
    const lines: Array<{ fields: Record<string, unknown>; message: string }> = [];
    return { lines, warn: (fields: Record<string, unknown>, message: string) => void lines.push({ fields, message }) };
  };

  it('stops every part in order', async () => {
    const order: string[] = [];
    const log = logger();
    const left = await stopInOrder(
      ['live', 'apollo', 'cache'].map((name) => ({ name, stop: async () => void order.push(name) })),
      { timeoutMs: 1_000, logger: log as never },
    );
    expect(order).toEqual(['live', 'apollo', 'cache']);
    expect(left).toEqual([]);
    expect(log.lines).toEqual([]);
  });

  it('a part that never stops is left behind by name and the parts after it still stop', async () => {
    const log = logger();
    let afterCalls = 0;
    const after = () => void (afterCalls += 1);
    const started = Date.now();
    const left = await stopInOrder(
      [
        { name: 'rate limits', stop: () => new Promise<void>(() => undefined) },
        { name: 'entity cache', stop: after },
      ],
      { timeoutMs: 200, logger: log as never },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(left).toEqual(['rate limits']);
    expect(afterCalls).toBe(1);
    expect(log.lines).toEqual([{ fields: expect.objectContaining({ part: 'rate limits' }), message: expect.stringContaining('did not stop in time') }]);
  });

  it('a part that throws is logged and does not stop the others', async () => {
    const log = logger();
    let afterCalls = 0;
    const after = () => void (afterCalls += 1);
    const left = await stopInOrder(
      [
        { name: 'live', stop: () => { throw new Error('already closed'); } },
        { name: 'apollo', stop: after },
      ],
      { timeoutMs: 1_000, logger: log as never },
    );
    expect(left).toEqual([]);
    expect(afterCalls).toBe(1);
    expect(log.lines[0]).toMatchObject({ fields: { part: 'live' }, message: expect.stringContaining('failed to stop') });
  });
});

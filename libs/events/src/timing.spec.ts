import { backoffDelay, fulfilledWithin, Sleeper } from './timing.js';

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, within ±20 % jitter', () => {
    for (let i = 0; i < 50; i++) {
      const first = backoffDelay(1, 250, 10_000);
      expect(first).toBeGreaterThanOrEqual(200);
      expect(first).toBeLessThanOrEqual(300);
      const third = backoffDelay(3, 250, 10_000);
      expect(third).toBeGreaterThanOrEqual(800);
      expect(third).toBeLessThanOrEqual(1_200);
      expect(backoffDelay(30, 250, 10_000)).toBeLessThanOrEqual(12_000);
    }
  });
});

describe('Sleeper', () => {
  it('wake() ends a long sleep at once', async () => {
    const sleeper = new Sleeper();
    const slept = sleeper.sleep(60_000).then(() => 'woken');
    sleeper.wake();
    await expect(slept).resolves.toBe('woken');
  });
});

describe('fulfilledWithin', () => {
  it('is true for a promise that fulfils in time, false for one that rejects or is still pending', async () => {
    expect(await fulfilledWithin(Promise.resolve('done'), 1_000)).toBe(true);
    expect(await fulfilledWithin(Promise.reject(new Error('closed')), 1_000)).toBe(false);
    expect(await fulfilledWithin(new Promise(() => undefined), 20)).toBe(false);
  });
});

import { backoffDelay, Sleeper } from './timing.js';

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

import { gatewayWorkerCount } from './cluster.js';

describe('GATEWAY_WORKERS', () => {
  it('runs one process unless told otherwise', () => {
    expect(gatewayWorkerCount(undefined, 8)).toBe(1);
    expect(gatewayWorkerCount('', 8)).toBe(1);
  });

  it('takes a count, or one worker per core with auto', () => {
    expect(gatewayWorkerCount('3', 8)).toBe(3);
    expect(gatewayWorkerCount(' 2 ', 8)).toBe(2);
    expect(gatewayWorkerCount('auto', 4)).toBe(4);
  });

  it('refuses anything else instead of guessing', () => {
    for (const setting of ['0', '-1', '1.5', 'two', 'all']) {
      expect(() => gatewayWorkerCount(setting, 8)).toThrow(/GATEWAY_WORKERS/);
    }
  });
});

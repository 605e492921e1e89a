import { CircuitBreaker } from './circuit-breaker.js';

describe('circuit breaker per subgraph', () => {
  it('issue 14: opens after consecutive failures, fails at once while open, lets one probe through, closes on success', () => {
    let now = 0;
    const states: string[] = [];
    const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 1_000 }, () => now, (state) => states.push(state));
    breaker.failure();
    breaker.failure();
    breaker.success(); // a success in between starts the count again
    breaker.failure();
    breaker.failure();
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.current).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.retryInMs()).toBe(1_000);
    now += 1_000;
    expect(breaker.tryAcquire()).toBe(true); // the probe
    expect(breaker.tryAcquire()).toBe(false); // the others wait for it
    breaker.success();
    expect(breaker.current).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('issue 14: a failed probe opens it again for another period', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 500 }, () => now);
    breaker.failure();
    now += 500;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.current).toBe('open');
    now += 499;
    expect(breaker.tryAcquire()).toBe(false);
  });
});

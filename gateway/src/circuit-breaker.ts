/**
 * One subgraph's circuit breaker (issue 14, Availability). Closed: calls go through and consecutive
 * failures (no answer, a timeout, HTTP 5xx) are counted. After `failureThreshold` of them it opens:
 * calls fail at once, without waiting for the subgraph, for `openMs`. Then it is half-open: one call
 * goes through as a probe (the others still fail at once); a success closes it, a failure opens it again.
 * Settings: limits.ts (GATEWAY_BREAKER_FAILURES, GATEWAY_BREAKER_OPEN_MS).
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerSettings {
  failureThreshold: number;
  openMs: number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private state: BreakerState = 'closed';

  constructor(
    private readonly settings: BreakerSettings,
    private readonly now: () => number = Date.now,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
  ) {}

  get current(): BreakerState {
    return this.state;
  }

  /** Whether a call may go out now; in half-open, true once (the probe) until it reports back. */
  tryAcquire(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open') {
      if (this.now() - this.openedAt < this.settings.openMs) return false;
      this.set('half-open');
    }
    if (this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    if (this.state !== 'closed') this.set('closed');
  }

  failure(): void {
    this.probing = false;
    this.failures += 1;
    if (this.state === 'half-open' || this.failures >= this.settings.failureThreshold) {
      this.openedAt = this.now();
      if (this.state !== 'open') this.set('open');
    }
  }

  /** Milliseconds until a probe may go out (0 unless open). */
  retryInMs(): number {
    return this.state === 'open' ? Math.max(0, this.settings.openMs - (this.now() - this.openedAt)) : 0;
  }

  private set(state: BreakerState): void {
    this.state = state;
    this.onChange(state);
  }
}

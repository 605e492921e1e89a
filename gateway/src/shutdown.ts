import type { Logger } from 'pino';

/** One part of the gateway that a stop must close (the live feeds, Apollo and its HTTP server, the rate limits …). */
export interface StopStep {
  name: string;
  stop: () => Promise<void> | void;
}

/**
 * Stops the parts in order, each within `timeoutMs`. A part that does not finish in time (a NATS client waiting
 * for a server that is gone, a request that never ends) is logged by name and left behind, so a SIGTERM or a
 * test's afterAll always ends; the process exits after it anyway. Resolves with the names of the parts left behind.
 */
export async function stopInOrder(steps: StopStep[], options: { timeoutMs: number; logger: Pick<Logger, 'warn'> }): Promise<string[]> {
  const leftBehind: string[] = [];
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    const started = Date.now();
    const outcome = await Promise.race([
      Promise.resolve()
        .then(step.stop)
        .then(
          () => 'stopped' as const,
          (error: unknown) => {
            options.logger.warn({ err: error, part: step.name }, 'gateway stop: a part failed to stop');
            return 'failed' as const;
          },
        ),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      leftBehind.push(step.name);
      options.logger.warn({ part: step.name, waitedMs: Date.now() - started }, 'gateway stop: a part did not stop in time; left behind');
    }
  }
  return leftBehind;
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@nestjs/common';
import { PeriodicJob, PeriodicTask, type PeriodicSchedule } from './periodic-task.js';

/** A Logger that keeps its lines (the task logs through it). */
function recordingLogger() {
  const lines: Array<{ level: 'log' | 'error'; line: Record<string, unknown> }> = [];
  const logger = {
    log: (line: Record<string, unknown>) => lines.push({ level: 'log', line }),
    error: (line: Record<string, unknown>) => lines.push({ level: 'error', line }),
  } as unknown as Logger;
  return { logger, lines };
}

/** A run that takes `ms` and counts how many runs overlap. */
function slowRuns(ms: number) {
  const state = { started: 0, finished: 0, active: 0, maxActive: 0, nows: [] as Date[] };
  const run = async (now: Date) => {
    state.started += 1;
    state.nows.push(now);
    state.active += 1;
    state.maxActive = Math.max(state.maxActive, state.active);
    await sleep(ms);
    state.active -= 1;
    state.finished += 1;
    return state.finished;
  };
  return { state, run };
}

describe('PeriodicTask (the one periodic-task base of the services)', () => {
  it('runs every interval, never two runs at once: ticks during a run are skipped', async () => {
    const { state, run } = slowRuns(45);
    const { logger } = recordingLogger();
    const task = new PeriodicTask({ name: 'test', schedule: { intervalMs: 10 }, run, logger });
    task.start();
    task.start(); // a second start is a no-op (one timer)
    await sleep(200);
    await task.stop();
    expect(state.maxActive).toBe(1);
    // 200 ms of 45 ms runs on a 10 ms tick: about 4; far fewer than the 20 ticks.
    expect(state.started).toBeGreaterThanOrEqual(2);
    expect(state.started).toBeLessThanOrEqual(5);
    expect(state.finished).toBe(state.started);
  });

  it('stop() waits for the run in progress, and nothing runs after it', async () => {
    const { state, run } = slowRuns(60);
    const { logger } = recordingLogger();
    const task = new PeriodicTask({ name: 'test', schedule: { intervalMs: 10 }, run, logger });
    task.start();
    while (!task.busy) await sleep(2); // the first run is in progress
    await task.stop();
    expect(state.active).toBe(0);
    expect(state.finished).toBe(state.started);
    const after = state.started;
    await sleep(50);
    expect(state.started).toBe(after);
  });

  it('a failed run is logged with its error, and the next tick runs again', async () => {
    const { logger, lines } = recordingLogger();
    let calls = 0;
    const task = new PeriodicTask({
      name: 'flaky job',
      schedule: { intervalMs: 10 },
      run: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
        return calls;
      },
      summary: (n) => ({ n }),
      logger,
    });
    task.start();
    await sleep(60);
    await task.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toEqual({ level: 'error', line: { msg: 'flaky job run failed', err: new Error('database away') } });
    expect(lines[1]).toEqual({ level: 'log', line: { msg: 'flaky job run', n: 2 } });
  });

  it('logs a summary only when the run did something', async () => {
    const { logger, lines } = recordingLogger();
    let calls = 0;
    const task = new PeriodicTask({ name: 'quiet', schedule: { intervalMs: 5 }, run: async () => (calls += 1) % 2, summary: (odd) => (odd ? { odd } : null), logger });
    task.start();
    await sleep(60);
    await task.stop();
    expect(calls).toBeGreaterThanOrEqual(4);
    expect(lines.length).toBe(Math.ceil(calls / 2));
    expect(lines.every((entry) => entry.level === 'log' && entry.line.odd === 1)).toBe(true);
  });

  it('run() runs now or joins the run in progress (no overlap with the schedule); its failure goes to the caller', async () => {
    const { state, run } = slowRuns(40);
    const { logger, lines } = recordingLogger();
    const task = new PeriodicTask({ name: 'test', schedule: { intervalMs: 0 }, run, logger });
    const now = new Date('2026-01-02T03:04:05Z');
    const [a, b] = await Promise.all([task.run(now), task.run(new Date())]);
    expect(a).toBe(b);
    expect(state.started).toBe(1);
    expect(state.nows).toEqual([now]);
    const failing = new PeriodicTask({ name: 'test', schedule: { intervalMs: 0 }, run: () => Promise.reject(new Error('no')), logger });
    await expect(failing.run()).rejects.toThrow('no');
    expect(lines).toEqual([]);
  });

  it('intervalMs 0 never runs by itself; firstRunAfterMs runs the first time sooner', async () => {
    const { state: off, run: runOff } = slowRuns(1);
    const idle = new PeriodicTask({ name: 'off', schedule: { intervalMs: 0, firstRunAfterMs: 1 }, run: runOff });
    idle.start();
    const { state, run } = slowRuns(1);
    const task = new PeriodicTask({ name: 'early', schedule: { intervalMs: 60_000, firstRunAfterMs: 5 }, run });
    task.start();
    await sleep(50);
    await Promise.all([idle.stop(), task.stop()]);
    expect(off.started).toBe(0);
    expect(state.started).toBe(1);
  });

  it('jitter delays each tick by up to jitterMs; stop() cancels a delayed tick', async () => {
    const { state, run } = slowRuns(1);
    const task = new PeriodicTask({ name: 'jittered', schedule: { intervalMs: 10, jitterMs: 1_000_000 }, run });
    task.start();
    await sleep(40);
    await task.stop();
    // Some ticks are waiting up to 1000 s; stop cleared them all, so none runs later either.
    expect(state.started).toBeLessThanOrEqual(1);
  });
});

describe('PeriodicJob (a Nest provider on PeriodicTask)', () => {
  class CountingJob extends PeriodicJob<number> {
    runs = 0;
    constructor(private readonly intervalMs: number) {
      super('counting job');
    }
    protected schedule(): PeriodicSchedule {
      return { intervalMs: this.intervalMs };
    }
    async runOnce(): Promise<number> {
      this.runs += 1;
      await sleep(5);
      return this.runs;
    }
  }

  it('starts on application bootstrap and stops on shutdown; runOnce and run work without the schedule', async () => {
    const job = new CountingJob(10);
    job.onApplicationBootstrap();
    await sleep(60);
    await job.onApplicationShutdown();
    const counted = job.runs;
    expect(counted).toBeGreaterThanOrEqual(2);
    await sleep(30);
    expect(job.runs).toBe(counted);

    const off = new CountingJob(0);
    off.onApplicationBootstrap();
    await sleep(20);
    expect(off.runs).toBe(0);
    expect(await off.runOnce()).toBe(1);
    expect(await Promise.all([off.run(), off.run()])).toEqual([2, 2]);
    await off.onApplicationShutdown();
  });
});

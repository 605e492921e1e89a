import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/** When a periodic task runs. */
export interface PeriodicSchedule {
  /** Time between runs (fixed rate, measured from the start of the previous tick). 0 or less: never by itself (runs only when called). */
  intervalMs: number;
  /** The first run this long after start() instead of one interval (e.g. 5 s: soon after a restart). */
  firstRunAfterMs?: number;
  /** Each tick is delayed by a random 0..jitterMs, so replicas started together do not run in step. Default 0. */
  jitterMs?: number;
}

export interface PeriodicTaskOptions<R> {
  /** Names the task in its log lines ("<name> run", "<name> run failed"). */
  name: string;
  schedule: PeriodicSchedule;
  /** One run. Must be safe with other replicas running it too (SKIP LOCKED claims, an advisory lock …): the task only keeps one process from overlapping itself. */
  run: (now: Date) => Promise<R>;
  /** What to log after a run that did something (null/undefined: nothing worth a line). */
  summary?: (result: R) => Record<string, unknown> | null | undefined;
  logger?: Logger;
}

/**
 * A task run every `intervalMs` in this process: at most one run at a time (a tick that finds a run in
 * progress is skipped; run() called meanwhile shares the run in progress), a failed run is logged and
 * the next tick runs again, stop() ends the schedule and waits for a run in progress (graceful shutdown).
 * Timers are unref'd: a pending tick never keeps the process alive.
 *
 *     const task = new PeriodicTask({ name: 'key purge', schedule: { intervalMs: 3_600_000 }, run: (now) => purge(now),
 *                                     summary: (n) => (n > 0 ? { purged: n } : null) });
 *     task.start(); … await task.stop();
 *
 * In a Nest provider, extend PeriodicJob instead (below): it starts on bootstrap and stops on shutdown.
 */
export class PeriodicTask<R = unknown> {
  private readonly logger: Logger;
  private interval: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;
  private readonly delayed = new Set<NodeJS.Timeout>();
  private running: Promise<R> | undefined;
  private started = false;

  constructor(private readonly options: PeriodicTaskOptions<R>) {
    this.logger = options.logger ?? new Logger(options.name);
  }

  /** Starts the schedule (a no-op when intervalMs ≤ 0 or already started). */
  start(): void {
    const { intervalMs, firstRunAfterMs } = this.options.schedule;
    if (this.started || !(intervalMs > 0)) return;
    this.started = true;
    this.interval = setInterval(() => this.tick(), intervalMs);
    this.interval.unref();
    if (firstRunAfterMs !== undefined && firstRunAfterMs >= 0 && firstRunAfterMs < intervalMs) {
      this.first = setTimeout(() => this.tick(), firstRunAfterMs);
      this.first.unref();
    }
  }

  /** Ends the schedule and waits for a run in progress (its failure is already logged). */
  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.interval);
    clearTimeout(this.first);
    for (const timer of this.delayed) clearTimeout(timer);
    this.delayed.clear();
    this.interval = this.first = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Whether a run is in progress. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Runs now, or joins the run in progress (no overlap). Rejects when the run fails (not logged: the caller has the error). */
  run(now: Date = new Date()): Promise<R> {
    this.running ??= this.options.run(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private tick(): void {
    const jitter = this.options.schedule.jitterMs ?? 0;
    if (jitter > 0) {
      const timer = setTimeout(() => {
        this.delayed.delete(timer);
        void this.scheduled();
      }, Math.floor(Math.random() * jitter));
      timer.unref();
      this.delayed.add(timer);
    } else {
      void this.scheduled();
    }
  }

  /** A run by the schedule: skipped while one is in progress; logged, never thrown. */
  private async scheduled(): Promise<void> {
    if (this.running || !this.started) return;
    try {
      const result = await this.run(new Date());
      const line = this.options.summary?.(result);
      if (line) this.logger.log({ msg: `${this.options.name} run`, ...line });
    } catch (error) {
      this.logger.error({ msg: `${this.options.name} run failed`, err: error });
    }
  }
}

/**
 * A Nest provider that runs `runOnce` periodically (PeriodicTask): started on application bootstrap,
 * stopped on shutdown (waiting for a run in progress). A subclass says when (`schedule()`, read at
 * bootstrap, so it may come from injected config) and what (`runOnce(now)`, also called directly by
 * tests with another `now`), and optionally what to log (`summary`):
 *
 *     @Injectable()
 *     export class KeyPurgeJob extends PeriodicJob<number> {
 *       constructor(private readonly em: EntityManager) { super('key purge'); }
 *       protected schedule() { return { intervalMs: Number(process.env.KEY_PURGE_INTERVAL_MS ?? 3_600_000), jitterMs: 60_000 }; }
 *       protected summary(purged: number) { return purged > 0 ? { purged } : null; }
 *       runOnce(now = new Date()) { return purgeKeys(this.em, now); }
 *     }
 *
 * `run(now)` runs once now or joins the run in progress (no overlap with the schedule).
 */
export abstract class PeriodicJob<R = unknown> implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  private task: PeriodicTask<R> | undefined;

  /** `jobName` names its log lines ("<jobName> run", "<jobName> run failed"); the logger's context is the class name. */
  protected constructor(private readonly jobName: string) {
    this.logger = new Logger(new.target.name);
  }

  /** When it runs; intervalMs ≤ 0 turns the schedule off (runOnce/run still work). */
  protected abstract schedule(): PeriodicSchedule;

  /** One run as of `now`. Must be safe with other replicas running at the same time. */
  abstract runOnce(now?: Date): Promise<R>;

  /** The fields of the log line after a scheduled run; null: nothing worth logging. */
  protected summary(_result: R): Record<string, unknown> | null {
    return null;
  }

  private get periodic(): PeriodicTask<R> {
    this.task ??= new PeriodicTask<R>({
      name: this.jobName,
      schedule: this.schedule(),
      run: (now) => this.runOnce(now),
      summary: (result) => this.summary(result),
      logger: this.logger,
    });
    return this.task;
  }

  /** Runs once now, or joins the run in progress. */
  run(now: Date = new Date()): Promise<R> {
    return this.periodic.run(now);
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }
}

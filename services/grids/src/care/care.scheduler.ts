import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CARE_CONFIG, type CareConfig } from './care-config.js';
import { chinaDay } from './care-schedule.js';
import { CareService } from './care.service.js';

/**
 * Once a (China) day writes every cared-for household's slots ahead to the horizon; on every run
 * raises the care that went overdue (grids.care.overdue). Safe with several replicas: slot writes are
 * idempotent (unique identity, ON CONFLICT DO NOTHING) and overdue slots are claimed with SKIP LOCKED.
 */
@Injectable()
export class CareScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CareScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private writtenFor?: string;

  constructor(
    private readonly care: CareService,
    @Inject(CARE_CONFIG) private readonly config: CareConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.intervalMs);
    this.timer.unref();
    setTimeout(() => void this.tick(), 5_000).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    try {
      this.running = this.runOnce();
      const report = (await this.running) as { written: number; raised: number };
      if (report.written + report.raised > 0) this.logger.log({ msg: 'care scheduler run', ...report });
    } catch (error) {
      this.logger.error({ msg: 'care scheduler run failed', err: error });
    } finally {
      this.running = undefined;
    }
  }

  /** One run as of `now` (tests pass another day). */
  async runOnce(now: Date = new Date()): Promise<{ written: number; raised: number }> {
    const today = chinaDay(now);
    let written = 0;
    if (this.writtenFor !== today) {
      written = await this.care.writeAllSchedules(today);
      this.writtenFor = today;
    }
    const raised = await this.care.raiseOverdue(today);
    return { written, raised };
  }
}

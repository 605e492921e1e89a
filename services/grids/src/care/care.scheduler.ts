import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, type PeriodicSchedule } from '@lianxin/platform';
import { CARE_CONFIG, type CareConfig } from './care-config.js';
import { chinaDay } from './care-schedule.js';
import { CareService } from './care.service.js';

/**
 * Once a (China) day writes every cared-for household's slots ahead to the horizon; on every run
 * raises the care that went overdue (grids.care.overdue). Safe with several replicas: slot writes are
 * idempotent (unique identity, ON CONFLICT DO NOTHING) and overdue slots are claimed with SKIP LOCKED.
 */
@Injectable()
export class CareScheduler extends PeriodicJob<{ written: number; raised: number }> {
  private writtenFor?: string;

  constructor(
    private readonly care: CareService,
    @Inject(CARE_CONFIG) private readonly config: CareConfig,
  ) {
    super('care scheduler');
  }

  /** Every GRIDS_CARE_INTERVAL_MS, the first run 5 s after start. */
  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.intervalMs, firstRunAfterMs: 5_000 };
  }

  protected override summary(report: { written: number; raised: number }): Record<string, unknown> | null {
    return report.written + report.raised > 0 ? { ...report } : null;
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

import { Inject, Injectable } from '@nestjs/common';
import { PeriodicJob, type PeriodicSchedule } from '@lianxin/platform';
import { WARNINGS_CONFIG, type WarningsConfig } from './warnings-config.js';
import { WarningsService } from './warnings.service.js';

/** Looks for disputes past their mediation stage limit (§8.4) every CASES_WARNINGS_INTERVAL_MS. */
@Injectable()
export class WarningsScheduler extends PeriodicJob<number> {
  constructor(
    private readonly warnings: WarningsService,
    @Inject(WARNINGS_CONFIG) private readonly config: WarningsConfig,
  ) {
    super('dispute stage warnings');
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.intervalMs };
  }

  protected override summary(raised: number): Record<string, unknown> | null {
    return raised > 0 ? { raised } : null;
  }

  runOnce(now: Date = new Date()): Promise<number> {
    return this.warnings.raiseDisputeOverruns(now);
  }
}

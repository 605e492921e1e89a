import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WARNINGS_CONFIG, type WarningsConfig } from './warnings-config.js';
import { WarningsService } from './warnings.service.js';

/** Looks for disputes past their mediation stage limit (§8.4) every CASES_WARNINGS_INTERVAL_MS. */
@Injectable()
export class WarningsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WarningsScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly warnings: WarningsService,
    @Inject(WARNINGS_CONFIG) private readonly config: WarningsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    try {
      this.running = this.runOnce();
      const raised = (await this.running) as number;
      if (raised > 0) this.logger.log({ msg: 'dispute stage warnings raised', raised });
    } catch (error) {
      this.logger.error({ msg: 'warnings scheduler run failed', err: error });
    } finally {
      this.running = undefined;
    }
  }

  runOnce(now: Date = new Date()): Promise<number> {
    return this.warnings.raiseDisputeOverruns(now);
  }
}

import { MikroORM } from '@mikro-orm/core';
import { Injectable, Optional } from '@nestjs/common';
import { IdempotencyKey, idempotencyKeyRetention, purgeIdempotencyKeys } from '@lianxin/db';
import { PeriodicJob, type PeriodicSchedule } from './periodic-task.js';

/**
 * Drops idempotency keys past their retention (issue 17), in every service whose entities include the
 * key store (`idempotencyEntities`); PlatformModule registers it, so a service gets it with the table.
 * Retention: IDEMPOTENCY_KEY_RETENTION_DAYS (default 45, never shorter than OCCURRED_AT_MAX_AGE_DAYS + 1:
 * a replay of work inside the accepted occurredAt window must still find its key); every
 * IDEMPOTENCY_KEY_PURGE_INTERVAL_MS (default 6 hours, first run a minute after start, 0 = off).
 * Replicas may run it at the same time: it is a plain batched DELETE by age.
 */
@Injectable()
export class IdempotencyKeyPurgeJob extends PeriodicJob<number> {
  private readonly retention = idempotencyKeyRetention();

  constructor(@Optional() private readonly orm?: MikroORM) {
    super('idempotency key purge');
  }

  /** Whether this service keeps idempotency keys at all. */
  get applies(): boolean {
    return !!this.orm && !!this.orm.getMetadata().find(IdempotencyKey);
  }

  protected schedule(): PeriodicSchedule {
    if (!this.applies) return { intervalMs: 0 };
    if (this.retention.clamped) {
      this.logger.warn({ msg: 'IDEMPOTENCY_KEY_RETENTION_DAYS is shorter than OCCURRED_AT_MAX_AGE_DAYS + 1; keys are kept for the longer period', days: this.retention.days });
    }
    return { intervalMs: this.retention.intervalMs, firstRunAfterMs: 60_000, jitterMs: 60_000 };
  }

  protected override summary(purged: number): Record<string, unknown> | null {
    return purged > 0 ? { purged, retentionDays: this.retention.days } : null;
  }

  /** Keys first used more than the retention before `now` (tests pass a later `now`). */
  async runOnce(now: Date = new Date()): Promise<number> {
    if (!this.applies) return 0;
    return purgeIdempotencyKeys(this.orm!.em, new Date(now.getTime() - this.retention.days * 86_400_000));
  }
}

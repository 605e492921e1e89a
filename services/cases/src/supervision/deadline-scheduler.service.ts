import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { recordEvent } from '@lianxin/events';
import { PeriodicJob, type PeriodicSchedule } from '@lianxin/platform';
import { CASES_CONFIG, type CasesConfig } from '../cases-config.js';
import { HANDLING_STATUSES } from '../case/case-enums.js';
import { isMissed } from '../clock/case-clock.js';
import { SYSTEM_ACTOR } from '../case/case-facts.js';
import { CaseWorkflowService } from '../case/case-workflow.service.js';
import { Case } from '../case/case.entity.js';
import { CaseEvents } from '../events/case-events.js';
import { SupervisionService } from './supervision.service.js';

export interface SchedulerRunReport {
  warned: number;
  overdue: number;
  escalated: number;
}

const HANDLING = HANDLING_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * Watches deadlines: warns before them, and for a missed one marks the case overdue, escalates it a
 * level (history by 'system') and opens a supervision. Safe with several replicas: each batch claims
 * its cases with FOR UPDATE SKIP LOCKED, and the claim query only matches a deadline not yet
 * handled (the case remembers which deadline it warned about and which it found missed), so a case
 * is never escalated twice for one missed deadline.
 */
@Injectable()
export class DeadlineScheduler extends PeriodicJob<SchedulerRunReport> {
  constructor(
    private readonly orm: MikroORM,
    private readonly workflow: CaseWorkflowService,
    private readonly supervisions: SupervisionService,
    @Inject(CASES_CONFIG) private readonly config: CasesConfig,
  ) {
    super('deadline scheduler');
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.schedulerIntervalMs };
  }

  protected override summary(report: SchedulerRunReport): Record<string, unknown> | null {
    return report.warned + report.overdue > 0 ? { ...report } : null;
  }

  /** One pass over every due warning and missed deadline as of `now` (tests pass a later time). */
  async runOnce(now: Date = new Date()): Promise<SchedulerRunReport> {
    const report: SchedulerRunReport = { warned: 0, overdue: 0, escalated: 0 };
    for (;;) {
      const warned = await this.warnBatch(now);
      report.warned += warned;
      if (warned < this.config.schedulerBatchSize) break;
    }
    for (;;) {
      const { claimed, escalated } = await this.overdueBatch(now);
      report.overdue += claimed;
      report.escalated += escalated;
      if (claimed < this.config.schedulerBatchSize) break;
    }
    return report;
  }

  private async warnBatch(now: Date): Promise<number> {
    const horizon = new Date(now.getTime() + this.config.warningHours * 3_600_000);
    return (this.orm.em.fork() as EntityManager).transactional(async (em) => {
      const cases = await this.claim(
        em,
        `"due_at" > ? and "due_at" <= ? and "deadline_warned_for" is distinct from "due_at"`,
        [now, horizon],
      );
      for (const c of cases) {
        // Only the warning marker changes: no new version, so nobody's edit is refused because of it.
        await em.execute(`update "case" set "deadline_warned_for" = "due_at" where "id" = ?`, [c.id], 'run');
        recordEvent(em, {
          type: CaseEvents.DEADLINE_WARNING,
          areaCode: c.gridCode,
          actor: SYSTEM_ACTOR.userId,
          data: {
            caseId: c.id,
            number: c.number,
            gridCode: c.gridCode,
            category: c.categoryCode,
            class: c.caseClass,
            status: c.status,
            level: c.level,
            assigneeUserId: c.assigneeUserId,
            assigneeDepartmentCode: c.assigneeDepartmentCode,
            dueAt: c.dueAt?.toISOString(),
            hoursLeft: c.dueAt ? Math.round(((c.dueAt.getTime() - now.getTime()) / 3_600_000) * 10) / 10 : null,
          },
        });
      }
      return cases.length;
    });
  }

  private async overdueBatch(now: Date): Promise<{ claimed: number; escalated: number }> {
    return (this.orm.em.fork() as EntityManager).transactional(async (em) => {
      // §8.1: the case clock (due_at) or the holder's stage limit (stage_due_at), whichever ran out unhandled.
      const cases = await this.claim(
        em,
        `(("due_at" <= ? and "overdue_marked_for" is distinct from "due_at") or ("stage_due_at" <= ? and "stage_overrun_marked_for" is distinct from "stage_due_at"))`,
        [now, now],
        `least("due_at", "stage_due_at")`,
      );
      let escalated = 0;
      for (const c of cases) {
        const caseClock = isMissed(c.dueAt, c.overdueMarkedFor, now) ? c.dueAt : null;
        const stage = { level: c.level, due: c.stageDueAt };
        const outcome = await this.workflow.handleOverdue(em, c, now);
        if (outcome) escalated += 1;
        const where = outcome ? `escalated to ${outcome.level}` : `kept at ${c.level}`;
        const what = caseClock
          ? `逾期未办结（时限 ${caseClock.toISOString()}）`
          : `${stage.level} 环节超时（环节时限 ${stage.due?.toISOString()}）`;
        this.supervisions.open(em, c, SYSTEM_ACTOR, `${what}，已${outcome ? '提级' : '督办'}：${where}. Overdue: please report progress.`, true);
      }
      return { claimed: cases.length, escalated };
    });
  }

  /** Locks a batch of handling cases matching the condition; rows another replica holds are skipped. */
  private async claim(em: EntityManager, condition: string, params: unknown[], order = `"due_at"`): Promise<Case[]> {
    const rows = await em.execute<Array<{ id: string }>>(
      `select "id" from "case" where "status" in (${HANDLING}) and ${condition}
       order by ${order} limit ? for update skip locked`,
      [...params, this.config.schedulerBatchSize],
    );
    if (rows.length === 0) return [];
    const byId = new Map((await em.find(Case, { id: { $in: rows.map((row) => row.id) } })).map((c) => [c.id, c]));
    return rows.map((row) => byId.get(row.id)!).filter(Boolean);
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { CountySettings } from '@lianxin/events';
import { CASES_CONFIG, type CasesConfig } from '../cases-config.js';
import type { CaseAction, HandlingLevel } from '../case/case-enums.js';
import type { Case } from '../case/case.entity.js';
import { DeadlineRule } from '../deadline/deadline-rule.entity.js';
import { DeadlineService, type DeadlineSubject } from '../deadline/deadline.service.js';
import { addDays, localDay } from '../deadline/local-time.js';
import { workingDaysFor } from '../deadline/working-calendar.js';
import { clockAfter, HAND_OVER_ACTIONS, type ClockCalendar, type ClockFields } from './case-clock.js';
import { countyClockOf, type ClockRule, type CountyClockSettings } from './clock.rules.js';

const MOVES_A_CLOCK: ReadonlySet<string> = new Set(['REPORT', 'VERIFY', 'REOPEN', ...HAND_OVER_ACTIONS]);

/** Enough calendar for the longest clock past even the longest holiday season. */
const CALENDAR_WINDOW_DAYS = 600;

/**
 * Runs the case clock (case-clock.ts) on stored cases: the rule a case starts under (the county's
 * settings and its DeadlineRule for the class), the working calendar, and the clock fields after a step.
 */
@Injectable()
export class ClockService {
  constructor(
    private readonly deadlines: DeadlineService,
    private readonly settings: CountySettings,
    @Inject(CASES_CONFIG) private readonly config: CasesConfig,
  ) {}

  /**
   * The county's clock settings in force on a day (organizations' versioned county settings, copied
   * here from its events; their defaults are clock.rules.ts' DEFAULT_COUNTY_CLOCK).
   */
  async countySettings(em: EntityManager, countyCode: string, day: string): Promise<CountyClockSettings> {
    const values = await this.settings.allAt(em, countyCode, day);
    return countyClockOf(values.CASE_DAY_COUNTING, values.CASE_STAGE_LIMITS, values.CASE_REOPEN_CLOCK);
  }

  /** The rule a case of this kind starts under at `at`: the snapshot a case keeps. */
  async ruleFor(em: EntityManager, subject: DeadlineSubject, at: Date): Promise<ClockRule> {
    const countyCode = subject.gridCode.slice(0, 6);
    const [settings, rules] = await Promise.all([
      this.countySettings(em, countyCode, localDay(at, this.config.timeZone)),
      em.find(DeadlineRule, { areaCode: countyCode, caseClass: subject.caseClass }),
    ]);
    return { ...settings, classDays: workingDaysFor(rules, countyCode, subject.categoryCode, subject.caseClass) };
  }

  /** The working calendar of the case's county (national base + county overrides, issue 15) from `start` on. */
  async calendarFrom(em: EntityManager, start: Date, countyCode?: string): Promise<ClockCalendar> {
    const fromDay = localDay(start, this.config.timeZone);
    return { exceptions: await this.deadlines.calendar(em, fromDay, addDays(fromDay, CALENDAR_WINDOW_DAYS), countyCode), timeZone: this.config.timeZone };
  }

  /**
   * Moves the case's clocks for a step. REPORT and VERIFY take the rule afresh (verification may change
   * the class) and keep it on the case; every later step runs under the kept rule.
   */
  async step(em: EntityManager, c: Case, step: { action: CaseAction; at: Date; toLevel: HandlingLevel }): Promise<void> {
    // Steps that move no clock (accept, schedule, resolve, feed back, rate, return, merge …) read nothing.
    if (!MOVES_A_CLOCK.has(step.action) && c.clockRule) return;
    const fresh = step.action === 'REPORT' || step.action === 'VERIFY' || !c.clockRule;
    const rule = fresh ? await this.ruleFor(em, c, step.at) : c.clockRule!;
    const fields = clockAfter(clockFieldsOf(c), step, rule, await this.calendarFrom(em, step.at, c.gridCode));
    c.clockRule = rule;
    c.clockStartedAt = fields.clockStartedAt;
    c.dueAt = fields.dueAt;
    c.stageStartedAt = fields.stageStartedAt;
    c.stageDueAt = fields.stageDueAt;
    c.reopenCount = fields.reopenCount;
  }
}

export function clockFieldsOf(c: Case): ClockFields {
  return {
    clockStartedAt: c.clockStartedAt,
    dueAt: c.dueAt,
    stageLevel: c.level,
    stageStartedAt: c.stageStartedAt,
    stageDueAt: c.stageDueAt,
    reopenCount: c.reopenCount,
  };
}

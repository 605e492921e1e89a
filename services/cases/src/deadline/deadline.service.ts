import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput, notFound } from '@lianxin/graphql';
import { CASES_CONFIG, type CasesConfig } from '../cases-config.js';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import type { CaseClass } from '../case/case-enums.js';
import { CalendarDay, CalendarDayKind } from './calendar-day.entity.js';
import { DeadlineRule } from './deadline-rule.entity.js';
import type { RemoveCalendarDayInput, RemoveDeadlineRuleInput, SetCalendarDayInput, SetDeadlineRuleInput } from './deadline.inputs.js';
import { addDays, isDay, localDay } from './local-time.js';
import { dueAfterWorkingDays, workingDaysFor, type CalendarExceptions } from './working-calendar.js';

/** Enough calendar to count 365 working days past even the longest holiday season. */
const CALENDAR_WINDOW_DAYS = 600;

export interface DeadlineSubject {
  gridCode: string;
  categoryCode: string;
  caseClass: CaseClass;
}

/** Deadlines from the class, the county's rules and the working calendar (holidays, make-up days). */
@Injectable()
export class DeadlineService {
  constructor(
    private readonly em: EntityManager,
    @Inject(CASES_CONFIG) private readonly config: CasesConfig,
  ) {}

  /** When a case of this kind is due if its clock starts at `start`. */
  async dueFor(em: EntityManager, subject: DeadlineSubject, start: Date): Promise<Date> {
    const countyCode = subject.gridCode.slice(0, 6);
    const rules = await em.find(DeadlineRule, { areaCode: countyCode, caseClass: subject.caseClass });
    const workingDays = workingDaysFor(rules, countyCode, subject.categoryCode, subject.caseClass);
    const fromDay = localDay(start, this.config.timeZone);
    const calendar = await this.calendar(em, fromDay, addDays(fromDay, CALENDAR_WINDOW_DAYS));
    return dueAfterWorkingDays(start, workingDays, calendar, this.config.timeZone);
  }

  async calendar(em: EntityManager, fromDay: string, toDay: string): Promise<CalendarExceptions> {
    const days = await em.find(CalendarDay, { day: { $gte: fromDay, $lte: toDay } });
    return {
      holidays: new Set(days.filter((day) => day.kind === CalendarDayKind.HOLIDAY).map((day) => day.day)),
      makeUpWorkdays: new Set(days.filter((day) => day.kind === CalendarDayKind.MAKE_UP_WORKDAY).map((day) => day.day)),
    };
  }

  rules(user: AuthUser): Promise<DeadlineRule[]> {
    const county = user.areaCode.slice(0, 6);
    return this.em.find(DeadlineRule, { areaCode: county }, { orderBy: { caseClass: 'asc', categoryCode: 'asc' } });
  }

  async setRule(user: AuthUser, input: SetDeadlineRuleInput): Promise<DeadlineRule> {
    assertInScope(user, input.areaCode, 'county');
    const categoryCode = input.categoryCode ?? null;
    return conflictOnDuplicate(() => this.em.transactional(async (em) => {
      const existing = await em.findOne(DeadlineRule, { areaCode: input.areaCode, categoryCode, caseClass: input.caseClass });
      if (existing) {
        existing.workingDays = input.workingDays;
        return existing;
      }
      return em.create(DeadlineRule, { areaCode: input.areaCode, categoryCode, caseClass: input.caseClass, workingDays: input.workingDays });
    }), 'the same rule was set by someone else at the same time; reload and try again');
  }

  async removeRule(user: AuthUser, input: RemoveDeadlineRuleInput): Promise<DeadlineRule> {
    return this.em.transactional(async (em) => {
      const rule = await em.findOne(DeadlineRule, { id: input.id });
      if (!rule) throw notFound('DeadlineRule', input.id);
      assertInScope(user, rule.areaCode, 'county');
      em.remove(rule);
      return rule;
    });
  }

  calendarDays(fromDay: string, toDay: string): Promise<CalendarDay[]> {
    if (!isDay(fromDay)) throw badUserInput('from', 'must be a day (YYYY-MM-DD)');
    if (!isDay(toDay)) throw badUserInput('to', 'must be a day (YYYY-MM-DD)');
    return this.em.find(CalendarDay, { day: { $gte: fromDay, $lte: toDay } }, { orderBy: { day: 'asc' } });
  }

  async setCalendarDay(input: SetCalendarDayInput): Promise<CalendarDay> {
    if (!isDay(input.day)) throw badUserInput('day', 'is not a calendar day');
    return conflictOnDuplicate(() => this.em.transactional(async (em) => {
      const existing = await em.findOne(CalendarDay, { day: input.day });
      if (existing) {
        existing.kind = input.kind;
        existing.name = input.name.trim();
        return existing;
      }
      return em.create(CalendarDay, { day: input.day, kind: input.kind, name: input.name.trim() });
    }), `${input.day} was set by someone else at the same time; reload and try again`);
  }

  async removeCalendarDay(input: RemoveCalendarDayInput): Promise<CalendarDay> {
    return this.em.transactional(async (em) => {
      const day = await em.findOne(CalendarDay, { day: input.day });
      if (!day) throw notFound('CalendarDay', input.day);
      em.remove(day);
      return day;
    });
  }
}

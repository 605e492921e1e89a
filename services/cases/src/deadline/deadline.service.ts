import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { CountySettings } from '@lianxin/events';
import { badUserInput, forbidden, notFound } from '@lianxin/graphql';
import { CASES_CONFIG, type CasesConfig } from '../cases-config.js';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import type { CaseClass } from '../case/case-enums.js';
import { CalendarDay, CalendarDayKind } from './calendar-day.entity.js';
import { DeadlineRule } from './deadline-rule.entity.js';
import type { RemoveCalendarDayInput, RemoveDeadlineRuleInput, SetCalendarDayInput, SetDeadlineRuleInput } from './deadline.inputs.js';
import { isDay } from './local-time.js';
import type { CalendarExceptions } from './working-calendar.js';

export interface DeadlineSubject {
  gridCode: string;
  categoryCode: string;
  caseClass: CaseClass;
}

/** The county's deadline rules and the working calendar (holidays, make-up days) the case clock counts with (clock/clock.service.ts). */
@Injectable()
export class DeadlineService {
  constructor(
    private readonly em: EntityManager,
    @Inject(CASES_CONFIG) private readonly config: CasesConfig,
    private readonly countySettings: CountySettings,
  ) {}

  async calendar(em: EntityManager, fromDay: string, toDay: string, countyCode?: string): Promise<CalendarExceptions> {
    const days = await em.find(CalendarDay, { day: { $gte: fromDay, $lte: toDay } });
    const holidays = new Set(days.filter((day) => day.kind === CalendarDayKind.HOLIDAY).map((day) => day.day));
    const makeUpWorkdays = new Set(days.filter((day) => day.kind === CalendarDayKind.MAKE_UP_WORKDAY).map((day) => day.day));
    if (!countyCode) return { holidays, makeUpWorkdays };
    const [rows, county] = await Promise.all([
      em.execute<Array<{ day: string }>>(
        `select to_char(day, 'YYYY-MM-DD') as day from known_calendar_day where scope in ('NATIONAL', ?) and day between ?::date and ?::date`,
        [countyCode.slice(0, 6), fromDay, toDay],
      ),
      this.countySettings.calendar(em, countyCode, fromDay, toDay),
    ]);
    // A day the organizations calendar has an entry for (even ORDINARY or removed) is decided there.
    for (const { day } of rows) {
      holidays.delete(day);
      makeUpWorkdays.delete(day);
    }
    for (const day of county.holidays) holidays.add(day);
    for (const day of county.makeUpWorkdays) makeUpWorkdays.add(day);
    return { holidays, makeUpWorkdays };
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

  /**
   * Issue 15: this table is the one calendar of every county, so no county admin changes it (any of them
   * could, for all counties). Platform admins (an admin account above county level) still may; a county
   * sets its own days with the organizations subgraph's setCalendarEntry.
   */
  private assertPlatformAdmin(user: AuthUser): void {
    if (user.areaCode.length > 2) {
      throw forbidden('this calendar applies to every county: set your county\'s holidays with setCalendarEntry (organizations), the national base is kept by platform admins');
    }
  }

  async setCalendarDay(user: AuthUser, input: SetCalendarDayInput): Promise<CalendarDay> {
    if (!isDay(input.day)) throw badUserInput('day', 'is not a calendar day');
    this.assertPlatformAdmin(user);
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

  async removeCalendarDay(user: AuthUser, input: RemoveCalendarDayInput): Promise<CalendarDay> {
    return this.em.transactional(async (em) => {
      // The calendar is public (calendarDays): saying a day is not in it tells nothing.
      const day = await em.findOne(CalendarDay, { day: input.day });
      if (!day) throw notFound('CalendarDay', input.day);
      this.assertPlatformAdmin(user);
      em.remove(day);
      return day;
    });
  }
}

import type { AuthUser } from '@lianxin/auth';
import { NATIONAL_CALENDAR_SCOPE } from '@lianxin/events';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CalendarDayEntry } from '../county-settings/calendar-day.entity.js';
import { CountySettingChange } from '../county-settings/county-setting-change.entity.js';
import type { CountySettingsService } from '../county-settings/county-settings.service.js';

/** The platform account the demo's national calendar is entered as (a county-admin role above county level). */
const PLATFORM: AuthUser = { sub: 'demo-platform', username: 'platform', roles: ['county-admin'], areaCode: '' };
const COUNTY_ADMIN: AuthUser = { sub: '00000000-0000-4000-8000-000000000001', username: 'county.admin', roles: ['county-admin'], areaCode: '330402' };

/**
 * Demo working calendar (issue 15): the 2026 National Day week as a national entry with its make-up
 * working days, and one 南湖区 override. Demo data, not an authoritative holiday calendar: an operator
 * enters the State Council's notice each year.
 */
export const DEMO_NATIONAL_DAYS: Array<{ day: string; kind: 'HOLIDAY' | 'MAKE_UP_WORKDAY'; name: string }> = [
  ...Array.from({ length: 7 }, (_, i) => ({ day: `2026-10-0${i + 1}`, kind: 'HOLIDAY' as const, name: '国庆节' })),
  { day: '2026-09-20', kind: 'MAKE_UP_WORKDAY', name: '国庆节调休' },
  { day: '2026-10-10', kind: 'MAKE_UP_WORKDAY', name: '国庆节调休' },
];

/** Loads the demo calendar and one versioned setting change of 南湖区; safe to run again. */
export async function seedDemoCountySettings(em: EntityManager, service: CountySettingsService): Promise<number> {
  let created = 0;
  for (const entry of DEMO_NATIONAL_DAYS) {
    if (await em.findOne(CalendarDayEntry, { scope: NATIONAL_CALENDAR_SCOPE, day: entry.day })) continue;
    await service.setCalendarEntry(PLATFORM, { countyCode: null, day: entry.day, kind: entry.kind, name: entry.name });
    created += 1;
  }
  if (!(await em.findOne(CalendarDayEntry, { scope: '330402', day: '2026-11-11' }))) {
    await service.setCalendarEntry(COUNTY_ADMIN, { countyCode: '330402', day: '2026-11-11', kind: 'HOLIDAY', name: '南湖区防汛调休（演示）' });
    created += 1;
  }
  if (!(await em.findOne(CountySettingChange, { countyCode: '330402', key: 'CARE_CADENCES' }))) {
    const cadence = { HOME_VISIT: 'WEEKLY', HOUSEWORK: 'MONTHLY', PROBLEM_SOLVED: 'QUARTERLY', BIRTHDAY_VISIT: 'YEARLY' };
    await service.change(COUNTY_ADMIN, {
      countyCode: '330402',
      key: 'CARE_CADENCES',
      value: { tags: { EMPTY_NEST_ELDERLY: cadence, LIVING_ALONE_ELDERLY: cadence, LEFT_BEHIND_CHILD: cadence, HARDSHIP: cadence, DISABLED: { ...cadence, HOUSEWORK: null } } },
      effectiveFrom: service.today(),
      reason: '南湖区将残疾人纳入四个一关爱（演示）',
    });
    created += 1;
  }
  return created;
}

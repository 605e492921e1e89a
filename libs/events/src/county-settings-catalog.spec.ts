import { createEnvelope } from './envelope.js';
import { eventShapeProblem } from './event-schema.js';
import {
  COUNTY_SETTING_DEFAULTS,
  COUNTY_SETTING_KEYS,
  mergeCalendar,
  parseCountySetting,
  settingInForce,
} from './county-settings-catalog.js';
import { COUNTY_SETTINGS_SCHEMAS, CountySettingsEvents } from './county-settings.js';

describe('issue 15 per-county rules as data: the catalogue', () => {
  it('issue 15 every setting has a default that its own schema accepts; DOMAIN.md numbers are the defaults', () => {
    for (const key of COUNTY_SETTING_KEYS) expect(parseCountySetting(key, COUNTY_SETTING_DEFAULTS[key])).toEqual({ ok: true, value: COUNTY_SETTING_DEFAULTS[key] });
    expect(COUNTY_SETTING_DEFAULTS.STAFFING_PATTERN).toEqual({ pattern: '1+1+3+N', urbanTeamSize: 10, ruralTeamSize: 8 });
    expect(COUNTY_SETTING_DEFAULTS.PLATFORM_TARGETS).toEqual({ windowDays: 30, visits: 20, casesFound: 4 });
    expect(COUNTY_SETTING_DEFAULTS.COVERAGE_BOUNDS).toEqual({ min: 30, max: 50 });
    expect(COUNTY_SETTING_DEFAULTS.CARE_CADENCES.tags.EMPTY_NEST_ELDERLY).toEqual({ HOME_VISIT: 'WEEKLY', HOUSEWORK: 'MONTHLY', PROBLEM_SOLVED: 'QUARTERLY', BIRTHDAY_VISIT: 'YEARLY' });
    expect(COUNTY_SETTING_DEFAULTS.CASE_DAY_COUNTING.mode).toBe('WORKING_DAYS');
  });

  it('issue 15 a bad value is refused with the path inside the value and the reason', () => {
    expect(parseCountySetting('CASE_STAGE_LIMITS', { GRID: 0, VILLAGE: 2, TOWNSHIP: 3, DEPARTMENT: 5 })).toMatchObject({ ok: false, path: 'value.GRID' });
    expect(parseCountySetting('STAFFING_PATTERN', { pattern: '2+2', urbanTeamSize: 10, ruralTeamSize: 8 })).toMatchObject({ ok: false, path: 'value.pattern' });
    expect(parseCountySetting('COVERAGE_BOUNDS', { min: 60, max: 50 })).toMatchObject({ ok: false, path: 'value.min' });
    expect(parseCountySetting('NOTICE_PERIOD', { days: 7, extra: 1 })).toMatchObject({ ok: false });
    expect(parseCountySetting('POINT_RULES', { points: { CIVIC_CLEANUP: -1 } })).toMatchObject({ ok: false, path: 'value.points.CIVIC_CLEANUP' });
  });

  it('issue 15 the value in force on a day: the latest effective day not after it, then the highest version (a case keeps the rule it started under)', () => {
    const versions = [
      { effectiveFrom: '2026-01-01', version: 1, v: 'a' },
      { effectiveFrom: '2026-03-01', version: 2, v: 'b' },
      { effectiveFrom: '2026-03-01', version: 3, v: 'c' },
      { effectiveFrom: '2026-02-01', version: 4, v: 'd' },
    ];
    expect(settingInForce(versions, '2025-12-31')).toBeNull();
    expect(settingInForce(versions, '2026-01-15')?.v).toBe('a');
    expect(settingInForce(versions, '2026-02-10')?.v).toBe('d');
    expect(settingInForce(versions, '2026-03-01')?.v).toBe('c');
  });

  it('issue 15 holiday calendar: one national base, a county override replaces the national entry of its day', () => {
    const calendar = mergeCalendar(
      [
        { day: '2026-10-01', kind: 'HOLIDAY' },
        { day: '2026-10-02', kind: 'HOLIDAY' },
        { day: '2026-10-10', kind: 'MAKE_UP_WORKDAY' },
      ],
      [
        { day: '2026-10-02', kind: 'ORDINARY' },
        { day: '2026-11-11', kind: 'HOLIDAY' },
      ],
    );
    expect([...calendar.holidays].sort()).toEqual(['2026-10-01', '2026-11-11']);
    expect([...calendar.makeUpWorkdays]).toEqual(['2026-10-10']);
  });

  it('issue 15 the copy declares the shapes of the events it reads', () => {
    const event = (type: string, data: unknown) => createEnvelope({ type, areaCode: '330402', actor: 'u', data });
    const change = { changeId: '3f2c7c1e-8a4b-4c1d-9e2f-0a1b2c3d4e5f', countyCode: '330402', key: 'NOTICE_PERIOD', value: { days: 5 }, effectiveFrom: '2026-12-08', version: 1 };
    expect(eventShapeProblem(COUNTY_SETTINGS_SCHEMAS, event(CountySettingsEvents.SETTING_CHANGED, change))).toBeNull();
    expect(eventShapeProblem(COUNTY_SETTINGS_SCHEMAS, event(CountySettingsEvents.SETTING_CHANGED, { ...change, countyCode: '3304' }))).toMatch(/countyCode/);
    expect(eventShapeProblem(COUNTY_SETTINGS_SCHEMAS, event(CountySettingsEvents.CALENDAR_DAY_CHANGED, { scope: 'NATIONAL', day: '2026-10-01', kind: 'HOLIDAY', name: '国庆节', version: 1 }))).toBeNull();
    expect(eventShapeProblem(COUNTY_SETTINGS_SCHEMAS, event('organizations.area.created', { code: '33' }))).toBeNull();
  });
});

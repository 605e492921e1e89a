import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { type AuthUser } from '@lianxin/auth';
import {
  COUNTY_CODE,
  COUNTY_SETTING_DEFAULTS,
  COUNTY_SETTING_KEYS,
  CountySettingsEvents,
  isCountySettingKey,
  isDayString,
  localDayOf,
  NATIONAL_CALENDAR_SCOPE,
  parseCountySetting,
  recordEvent,
  settingInForce,
  type CalendarDayChangedEvent,
  type CountySettingChangedEvent,
  type CountySettingKey,
  type CountySettingValues,
} from '@lianxin/events';
import { badUserInput, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { Area } from '../area/area.entity.js';
import { CalendarDayChange, CalendarDayEntry } from './calendar-day.entity.js';
import { CountySettingChange } from './county-setting-change.entity.js';
import { assertMayChangeCounty, assertMayChangeNationalCalendar, assertMayReadCounty } from './county-settings.policy.js';
import {
  settingsView,
  type ChangeCountySettingInput,
  type CountySettingEntry,
  type CountySettingsView,
  type RemoveCalendarEntryInput,
  type SetCalendarEntryInput,
  type WorkingCalendarDay,
} from './county-settings.types.js';

const MAX_CALENDAR_SPAN_DAYS = 800;

/** Canonical JSON (sorted keys), so a retried change with the same value is recognised. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Per-county rules as data: versioned, effective from a day, audited, published (issue 15). */
@Injectable()
export class CountySettingsService {
  constructor(private readonly em: EntityManager) {}

  today(): string {
    return localDayOf(new Date());
  }

  private requireCountyCode(countyCode: string, field = 'countyCode'): void {
    if (!COUNTY_CODE.test(countyCode)) throw badUserInput(field, 'must be a 6-digit county code');
  }

  private async requireCounty(em: EntityManager, countyCode: string, field = 'countyCode'): Promise<void> {
    const area = await em.findOne(Area, { code: countyCode });
    if (!area) throw badUserInput(field, `county ${countyCode} does not exist`);
  }

  async settingsAt(user: AuthUser, countyCode: string, at?: string | null): Promise<CountySettingsView> {
    this.requireCountyCode(countyCode);
    const day = at ?? this.today();
    if (!isDayString(day)) throw badUserInput('at', 'must be a day (YYYY-MM-DD)');
    assertMayReadCounty(user, countyCode);
    const changes = await this.em.find(CountySettingChange, { countyCode, effectiveFrom: { $lte: day } });
    const values = { ...COUNTY_SETTING_DEFAULTS } as Record<CountySettingKey, unknown>;
    const entries: CountySettingEntry[] = [];
    for (const key of COUNTY_SETTING_KEYS) {
      const inForce = settingInForce(changes.filter((c) => c.key === key), day);
      if (inForce) values[key] = inForce.value;
      entries.push({ key, value: values[key], isDefault: !inForce, effectiveFrom: inForce?.effectiveFrom ?? null, version: inForce?.version ?? null });
    }
    return settingsView(countyCode, day, values as CountySettingValues, entries);
  }

  async change(user: AuthUser, input: ChangeCountySettingInput): Promise<CountySettingChange> {
    this.requireCountyCode(input.countyCode);
    assertMayChangeCounty(user, input.countyCode);
    if (!isCountySettingKey(input.key)) throw badUserInput('key', 'not a county setting');
    if (!isDayString(input.effectiveFrom)) throw badUserInput('effectiveFrom', 'must be a day (YYYY-MM-DD)');
    if (input.effectiveFrom < this.today()) throw badUserInput('effectiveFrom', `must be today (${this.today()}) or later: a rule never changes for days already past`);
    const reason = input.reason.trim();
    if (reason.length < 2 || reason.length > 500) throw badUserInput('reason', 'must be 2 to 500 characters');
    const parsed = parseCountySetting(input.key, input.value);
    if (!parsed.ok) throw badUserInput(parsed.path, parsed.reason);
    return this.em.transactional(async (em) => {
      await this.requireCounty(em, input.countyCode);
      // One writer per county and setting at a time: versions are dense and "previous" is exact.
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`county-setting:${input.countyCode}:${input.key}`]);
      const versions = await em.find(CountySettingChange, { countyCode: input.countyCode, key: input.key }, { orderBy: { version: 'desc' } });
      const newest = versions[0];
      if (newest && newest.effectiveFrom === input.effectiveFrom && canonical(newest.value) === canonical(parsed.value) && newest.changedBy === user.sub) {
        return newest; // a retried write changes nothing twice
      }
      const before = settingInForce(versions, input.effectiveFrom);
      const change = em.create(CountySettingChange, {
        countyCode: input.countyCode,
        key: input.key,
        version: (newest?.version ?? 0) + 1,
        effectiveFrom: input.effectiveFrom,
        value: parsed.value,
        previousValue: before ? before.value : COUNTY_SETTING_DEFAULTS[input.key],
        reason,
        changedBy: user.sub,
        changedByName: user.username,
      });
      await em.flush();
      recordEvent<CountySettingChangedEvent>(em, {
        type: CountySettingsEvents.SETTING_CHANGED,
        areaCode: input.countyCode,
        actor: user.sub,
        data: { changeId: change.id, countyCode: change.countyCode, key: input.key, value: change.value, effectiveFrom: change.effectiveFrom, version: change.version },
      });
      return change;
    });
  }

  changes(user: AuthUser, countyCode: string, key: string | undefined, page: PageArgs): Promise<Connection<CountySettingChange>> {
    this.requireCountyCode(countyCode);
    assertMayReadCounty(user, countyCode);
    const where: Record<string, unknown> = { countyCode };
    if (key) where.key = key;
    return paginate(
      page,
      ({ limit, afterKey }) => {
        const [at, id] = afterKey ? afterKey.split('|') : [];
        const after = afterKey ? { $or: [{ changedAt: { $lt: new Date(at) } }, { changedAt: new Date(at), id: { $lt: id } }] } : {};
        return this.em.find(CountySettingChange, { $and: [where, after] }, { orderBy: { changedAt: 'desc', id: 'desc' }, limit });
      },
      (change) => `${change.changedAt.toISOString()}|${change.id}`,
      () => this.em.count(CountySettingChange, where),
    );
  }

  async workingCalendar(user: AuthUser, countyCode: string, from: string, to: string): Promise<WorkingCalendarDay[]> {
    this.requireCountyCode(countyCode);
    if (!isDayString(from)) throw badUserInput('from', 'must be a day (YYYY-MM-DD)');
    if (!isDayString(to)) throw badUserInput('to', 'must be a day (YYYY-MM-DD)');
    if (to < from || daysBetween(from, to) > MAX_CALENDAR_SPAN_DAYS) throw badUserInput('to', `must be on or after from and at most ${MAX_CALENDAR_SPAN_DAYS} days later`);
    assertMayReadCounty(user, countyCode);
    const rows = await this.em.find(
      CalendarDayEntry,
      { scope: { $in: [NATIONAL_CALENDAR_SCOPE, countyCode] }, day: { $gte: from, $lte: to }, kind: { $ne: null } },
      { orderBy: { day: 'asc' } },
    );
    const byDay = new Map<string, WorkingCalendarDay>();
    for (const row of rows.filter((r) => r.scope === NATIONAL_CALENDAR_SCOPE)) byDay.set(row.day, { day: row.day, kind: row.kind!, name: row.name, scope: row.scope });
    for (const row of rows.filter((r) => r.scope !== NATIONAL_CALENDAR_SCOPE)) byDay.set(row.day, { day: row.day, kind: row.kind!, name: row.name, scope: row.scope });
    return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
  }

  async setCalendarEntry(user: AuthUser, input: SetCalendarEntryInput): Promise<CalendarDayEntry> {
    const scope = this.calendarScope(user, input.countyCode);
    if (!isDayString(input.day)) throw badUserInput('day', 'must be a day (YYYY-MM-DD)');
    if (scope === NATIONAL_CALENDAR_SCOPE && input.kind === 'ORDINARY') throw badUserInput('kind', 'ORDINARY is a county override; remove the national entry instead');
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100) throw badUserInput('name', 'must be 1 to 100 characters');
    return this.writeCalendar(user, scope, input.day, input.kind, name);
  }

  async removeCalendarEntry(user: AuthUser, input: RemoveCalendarEntryInput): Promise<CalendarDayEntry> {
    const scope = this.calendarScope(user, input.countyCode);
    if (!isDayString(input.day)) throw badUserInput('day', 'must be a day (YYYY-MM-DD)');
    return this.writeCalendar(user, scope, input.day, null, null);
  }

  private calendarScope(user: AuthUser, countyCode: string | null | undefined): string {
    if (countyCode === null || countyCode === undefined) {
      assertMayChangeNationalCalendar(user);
      return NATIONAL_CALENDAR_SCOPE;
    }
    this.requireCountyCode(countyCode);
    assertMayChangeCounty(user, countyCode);
    return countyCode;
  }

  private writeCalendar(user: AuthUser, scope: string, day: string, kind: string | null, name: string | null): Promise<CalendarDayEntry> {
    return this.em.transactional(async (em) => {
      if (scope !== NATIONAL_CALENDAR_SCOPE) await this.requireCounty(em, scope);
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`calendar:${scope}:${day}`]);
      let entry = await em.findOne(CalendarDayEntry, { scope, day });
      if (!entry && kind === null) throw notFound('CalendarDay', `${scope}:${day}`);
      if (entry && entry.kind === kind && entry.name === name) return entry; // nothing to change (a retry)
      if (entry && entry.kind === null && kind === null) throw notFound('CalendarDay', `${scope}:${day}`);
      const previousKind = entry?.kind ?? null;
      if (!entry) {
        entry = em.create(CalendarDayEntry, { scope, day, kind, name, version: 1 });
      } else {
        entry.kind = kind;
        entry.name = name;
        entry.version += 1;
      }
      em.create(CalendarDayChange, { scope, day, previousKind, kind, name, version: entry.version, changedBy: user.sub });
      await em.flush();
      recordEvent<CalendarDayChangedEvent>(em, {
        type: CountySettingsEvents.CALENDAR_DAY_CHANGED,
        areaCode: scope === NATIONAL_CALENDAR_SCOPE ? '' : scope,
        actor: user.sub,
        data: { scope, day, kind: kind as CalendarDayChangedEvent['kind'], name, version: entry.version },
      });
      return entry;
    });
  }
}

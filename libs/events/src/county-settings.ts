import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { EntityManager as PostgresEntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { ConsumerDefinition } from './consumer.js';
import {
  COUNTY_CODE,
  COUNTY_SETTING_DEFAULTS,
  COUNTY_SETTING_KEYS,
  isCountySettingKey,
  mergeCalendar,
  NATIONAL_CALENDAR_SCOPE,
  parseCountySetting,
  type CalendarEntry,
  type CalendarEntryKind,
  type CountyCalendarExceptions,
  type CountySettingKey,
  type CountySettingValues,
} from './county-settings-catalog.js';
import type { EventEnvelope } from './envelope.js';
import type { EventSchemas } from './event-schema.js';
import { defaultEventsLogger, type Logger } from './logger.js';

export * from './county-settings-catalog.js';

/**
 * The county-settings copy (issue 15): every service that needs a per-county rule keeps the
 * organizations service's changes from its events and asks for the value in force on a day, without a
 * call to organizations. Like the person directory: register `countySettingsConsumer('<service>')`
 * in EventsModule, add `countySettingsEntities` to the ORM entities and COUNTY_SETTINGS_MIGRATION's
 * statements to a migration, provide `CountySettings`.
 *
 * Ordering: each change is a row of its own (change id), so a redelivered or late event only adds what
 * is missing; "in force on D" is the newest effective day ≤ D, then the highest version. Calendar days
 * carry a version per (scope, day) and only move forward.
 */
export const CountySettingsEvents = {
  SETTING_CHANGED: 'organizations.county-setting.changed',
  CALENDAR_DAY_CHANGED: 'organizations.calendar-day.changed',
} as const;

export interface CountySettingChangedEvent {
  changeId: string;
  countyCode: string;
  key: CountySettingKey;
  value: unknown;
  effectiveFrom: string;
  version: number;
}

export interface CalendarDayChangedEvent {
  /** `NATIONAL` or a 6-digit county code. */
  scope: string;
  day: string;
  /** null: the entry was removed (the national base, or Monday–Friday, applies again). */
  kind: CalendarEntryKind | null;
  name: string | null;
  version: number;
}

export const COUNTY_SETTINGS_SUBJECT = 'organizations.>';

const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a uuid');
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day');

export const COUNTY_SETTINGS_SCHEMAS: EventSchemas = {
  [CountySettingsEvents.SETTING_CHANGED]: {
    versions: [1],
    data: z.object({
      changeId: uuidSchema,
      countyCode: z.string().regex(COUNTY_CODE, 'a county code'),
      key: z.enum(COUNTY_SETTING_KEYS as [CountySettingKey, ...CountySettingKey[]]),
      value: z.unknown(),
      effectiveFrom: daySchema,
      version: z.number().int().min(1),
    }),
  },
  [CountySettingsEvents.CALENDAR_DAY_CHANGED]: {
    versions: [1],
    data: z.object({
      scope: z.union([z.literal(NATIONAL_CALENDAR_SCOPE), z.string().regex(COUNTY_CODE)]),
      day: daySchema,
      kind: z.enum(['HOLIDAY', 'MAKE_UP_WORKDAY', 'ORDINARY']).nullable(),
      name: z.string().nullable(),
      version: z.number().int().min(1),
    }),
  },
  '*': { versions: [1], data: z.unknown() },
};

/** One version of one county's setting, as the copy keeps it. */
@Entity({ tableName: 'county_setting_version' })
@Index({ name: 'county_setting_version_lookup_index', properties: ['countyCode', 'key', 'effectiveFrom'] })
export class CountySettingVersion {
  @PrimaryKey({ type: 'uuid' })
  changeId: string;

  @Property({ type: 'text' })
  countyCode: string;

  @Property({ type: 'text' })
  key: string;

  @Property({ type: 'date' })
  effectiveFrom: string;

  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'jsonb' })
  value: unknown;
}

/** One national or county calendar entry, as the copy keeps it (kind null: removed). */
@Entity({ tableName: 'known_calendar_day' })
export class KnownCalendarDay {
  @PrimaryKey({ type: 'text' })
  scope: string;

  @PrimaryKey({ type: 'date' })
  day: string;

  @Property({ type: 'text', nullable: true })
  kind: string | null = null;

  @Property({ type: 'integer' })
  version: number;
}

export const countySettingsEntities = [CountySettingVersion, KnownCalendarDay];

/**
 * The tables as a migration writes them (MikroORM's schema diff of the two entities): a service that
 * registers the copy adds a migration with these statements.
 */
export const COUNTY_SETTINGS_MIGRATION = {
  up: [
    `create table "county_setting_version" ("change_id" uuid not null, "county_code" text not null, "key" text not null, "effective_from" date not null, "version" int not null, "value" jsonb not null, primary key ("change_id"));`,
    `create index "county_setting_version_lookup_index" on "county_setting_version" ("county_code", "key", "effective_from");`,
    `create table "known_calendar_day" ("scope" text not null, "day" date not null, "kind" text null, "version" int not null, primary key ("scope", "day"));`,
  ],
  down: [`drop table if exists "county_setting_version" cascade;`, `drop table if exists "known_calendar_day" cascade;`],
} as const;

/** Applies one organizations event to the copy (the consumer's handler; tests may call it in a transaction). */
export async function applyCountySettingsEvent(envelope: EventEnvelope, em: PostgresEntityManager, logger?: Logger): Promise<void> {
  const data = (envelope.data ?? {}) as Record<string, unknown>;
  if (envelope.type === CountySettingsEvents.SETTING_CHANGED) {
    const event = data as unknown as CountySettingChangedEvent;
    if (!isCountySettingKey(event.key)) return;
    const parsed = parseCountySetting(event.key, event.value);
    if (!parsed.ok) {
      // The organizations service validated it with the same schema; a value this service's older
      // catalogue cannot read is skipped (the default stays in force) rather than blocking the stream.
      logger?.warn({ eventId: envelope.id, key: event.key, problem: parsed.reason }, 'county setting skipped: value not understood');
      return;
    }
    await em.execute(
      `insert into county_setting_version (change_id, county_code, key, effective_from, version, value) values (?, ?, ?, ?, ?, ?::jsonb)
       on conflict (change_id) do nothing`,
      [event.changeId, event.countyCode, event.key, event.effectiveFrom, event.version, JSON.stringify(parsed.value)],
    );
    return;
  }
  if (envelope.type === CountySettingsEvents.CALENDAR_DAY_CHANGED) {
    const event = data as unknown as CalendarDayChangedEvent;
    await em.execute(
      `insert into known_calendar_day (scope, day, kind, version) values (?, ?, ?, ?)
       on conflict (scope, day) do update set kind = excluded.kind, version = excluded.version
       where known_calendar_day.version < excluded.version`,
      [event.scope, event.day, event.kind, event.version],
    );
  }
}

/**
 * The copy's consumer for a service, e.g. `countySettingsConsumer('volunteers')`. Durable name
 * `<service>-county-settings` (add it to tools/nats/nats-users.json): a new consumer is delivered the
 * ORGANIZATIONS stream from its beginning, so an existing installation fills the copy by itself.
 */
export function countySettingsConsumer(service: string, logger: Logger = defaultEventsLogger()): ConsumerDefinition {
  const log = logger.child({ component: 'county-settings' });
  return {
    name: `${service}-county-settings`,
    filterSubject: COUNTY_SETTINGS_SUBJECT,
    schemas: COUNTY_SETTINGS_SCHEMAS,
    handle: (envelope, em) => applyCountySettingsEvent(envelope, em, log),
  };
}

/** Reads the copy. Register it as a provider; pass the request's (or transaction's) entity manager. */
@Injectable()
export class CountySettings {
  /** The value of a county's setting in force on `day` (YYYY-MM-DD), or the default when none was set. */
  async valueAt<K extends CountySettingKey>(em: PostgresEntityManager, countyCode: string, key: K, day: string): Promise<CountySettingValues[K]> {
    return (await this.inForce(em, countyCode, key, day)).value;
  }

  /** As valueAt, and whether the county ever set it by that day (false: the catalogue's default). */
  async inForce<K extends CountySettingKey>(em: PostgresEntityManager, countyCode: string, key: K, day: string): Promise<{ value: CountySettingValues[K]; isDefault: boolean }> {
    const [row] = await em.execute<Array<{ value: unknown }>>(
      `select value from county_setting_version where county_code = ? and key = ? and effective_from <= ?::date
       order by effective_from desc, version desc limit 1`,
      [countyCode.slice(0, 6), key, day],
    );
    const parsed = row ? parseCountySetting(key, row.value) : null;
    return parsed?.ok ? { value: parsed.value, isDefault: false } : { value: COUNTY_SETTING_DEFAULTS[key], isDefault: true };
  }

  /** Every setting of a county in force on `day`. */
  async allAt(em: PostgresEntityManager, countyCode: string, day: string): Promise<CountySettingValues> {
    const rows = await em.execute<Array<{ key: string; value: unknown }>>(
      `select distinct on (key) key, value from county_setting_version where county_code = ? and effective_from <= ?::date
       order by key, effective_from desc, version desc`,
      [countyCode.slice(0, 6), day],
    );
    const values = { ...COUNTY_SETTING_DEFAULTS } as Record<CountySettingKey, unknown>;
    for (const row of rows) {
      if (!isCountySettingKey(row.key)) continue;
      const parsed = parseCountySetting(row.key, row.value);
      if (parsed.ok) values[row.key] = parsed.value;
    }
    return values as CountySettingValues;
  }

  /** The county's working calendar between two days: the national base with the county's overrides. */
  async calendar(em: PostgresEntityManager, countyCode: string, fromDay: string, toDay: string): Promise<CountyCalendarExceptions> {
    const rows = await em.execute<Array<{ scope: string; day: string; kind: CalendarEntryKind }>>(
      `select scope, to_char(day, 'YYYY-MM-DD') as day, kind from known_calendar_day
       where scope in (?, ?) and day between ?::date and ?::date and kind is not null`,
      [NATIONAL_CALENDAR_SCOPE, countyCode.slice(0, 6), fromDay, toDay],
    );
    const national: CalendarEntry[] = rows.filter((r) => r.scope === NATIONAL_CALENDAR_SCOPE).map((r) => ({ day: r.day, kind: r.kind }));
    const county: CalendarEntry[] = rows.filter((r) => r.scope !== NATIONAL_CALENDAR_SCOPE).map((r) => ({ day: r.day, kind: r.kind }));
    return mergeCalendar(national, county);
  }
}

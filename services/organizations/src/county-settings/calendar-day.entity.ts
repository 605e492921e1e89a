import { Entity, Index, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import { CalendarEntryKindEnum } from './county-settings.types.js';

/**
 * The working calendar (issue 15): one national base (scope `NATIONAL`) and each county's overrides
 * (scope = the county code). Removing an entry keeps the row with kind null, so its version moves on
 * and the copies in other services apply changes in order.
 */
@Entity({ tableName: 'calendar_day' })
@ObjectType({ description: 'A national or county calendar entry. 节假日与调休（全国或县级）' })
export class CalendarDayEntry {
  [OptionalProps]?: 'kind' | 'name' | 'version';

  @PrimaryKey({ type: 'text' })
  @Field({ description: 'NATIONAL or a county code. 适用范围' })
  scope: string;

  @PrimaryKey({ type: 'date' })
  @Field({ description: 'Day (YYYY-MM-DD). 日期' })
  day: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => CalendarEntryKindEnum, { nullable: true, description: 'Holiday, make-up working day or ordinary; null once removed. 类型' })
  kind: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Name, e.g. 国庆节. 名称' })
  name: string | null = null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Version of this entry. 版本' })
  version: number = 1;
}

/** Every calendar change, append-only (who, when, old and new kind). */
@Entity({ tableName: 'calendar_day_change' })
@Trigger({ name: 'append_only', timing: 'before', events: ['update', 'delete'], forEach: 'row', body: "raise exception 'calendar_day_change is append-only'" })
@Index({ name: 'calendar_day_change_scope_index', properties: ['scope', 'day'] })
export class CalendarDayChange {
  [OptionalProps]?: 'id' | 'changedAt' | 'previousKind' | 'kind' | 'name';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  scope: string;

  @Property({ type: 'date' })
  day: string;

  @Property({ type: 'text', nullable: true })
  previousKind: string | null = null;

  @Property({ type: 'text', nullable: true })
  kind: string | null = null;

  @Property({ type: 'text', nullable: true })
  name: string | null = null;

  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'text' })
  changedBy: string;

  @Property({ type: 'timestamptz' })
  changedAt: Date = new Date();
}

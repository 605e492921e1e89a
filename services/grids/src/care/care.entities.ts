import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { CareKind } from './care-rules.js';
import { CareDate } from './care-date.scalar.js';

registerEnumType(CareKind, {
  name: 'CareKind',
  description: 'The four kinds of care (四个一). 关爱类型',
  valuesMap: {
    VISIT: { description: 'A home visit (weekly by default). 每周一次走访' },
    HOUSEWORK: { description: 'Housework done for the household (monthly). 每月一次家务' },
    PROBLEM_SOLVED: { description: 'One problem solved (quarterly). 每季度解决一个问题' },
    BIRTHDAY: { description: 'A birthday visit (yearly). 每年一次生日探望' },
  },
});

export enum CareSlotState {
  FULFILLED = 'FULFILLED',
  OVERDUE = 'OVERDUE',
  DUE_TODAY = 'DUE_TODAY',
  DUE_THIS_WEEK = 'DUE_THIS_WEEK',
  UPCOMING = 'UPCOMING',
}
registerEnumType(CareSlotState, {
  name: 'CareSlotState',
  description: 'Where a care slot stands today. 关爱事项状态',
  valuesMap: {
    FULFILLED: { description: 'Done. 已完成' },
    OVERDUE: { description: 'Its last day has passed undone. 已逾期' },
    DUE_TODAY: { description: 'Due today. 今日到期' },
    DUE_THIS_WEEK: { description: 'Due by Sunday. 本周到期' },
    UPCOMING: { description: 'Open, due later. 待办（稍后到期）' },
  },
});

/**
 * A person's care-relevant tags, copied from people's `people.person.care_tags` events (grids keeps
 * no other personal data): who in which household gets care, and their birthday (month and day).
 */
@Entity({ tableName: 'care_subject' })
export class CareSubject {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  personId: string;

  @Property({ type: 'uuid', nullable: true })
  @Index({ name: 'care_subject_household_idx' })
  householdId: string | null;

  @Property({ type: 'text' })
  gridCode: string;

  @Property({ type: 'text[]' })
  tags: string[];

  /** 'MM-DD'. */
  @Property({ type: 'text', nullable: true })
  birthday: string | null;

  /** The person row's version in people: an older event never overwrites a newer one. */
  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/**
 * One piece of care owed to a household in one period (care-schedule.ts). A worker's due list joins
 * their current households (household_assignment) to the open slots by `care_slot_open_idx`, so it
 * reads a few rows per household, however long the history.
 */
@Entity({ tableName: 'care_slot' })
@Index({
  name: 'care_slot_identity_idx',
  expression:
    'create unique index "care_slot_identity_idx" on "care_slot" ("household_id", "kind", "period_start", coalesce("person_id", \'00000000-0000-0000-0000-000000000000\'::uuid))',
})
@Index({ name: 'care_slot_open_idx', expression: 'create index "care_slot_open_idx" on "care_slot" ("household_id", "due_date") where "fulfilled_at" is null' })
@Index({
  name: 'care_slot_unraised_idx',
  expression: 'create index "care_slot_unraised_idx" on "care_slot" ("due_date") where "fulfilled_at" is null and "overdue_raised_at" is null',
})
@Index({ name: 'care_slot_grid_code_idx', expression: 'create index "care_slot_grid_code_idx" on "care_slot" ("grid_code" text_pattern_ops, "due_date")' })
@ObjectType({ description: 'One piece of care owed to a household in one period (§8.3). 关爱事项（四个一）' })
export class CareSlot {
  [OptionalProps]?: 'id' | 'createdAt' | 'fulfilledAt' | 'fulfilledBy' | 'overdueRaisedAt' | 'personId';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Id (UUID). 编号' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  householdId: string;

  /** The member a birthday visit is for. */
  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the household\'s grid. 网格代码' })
  gridCode: string;

  @Enum({ items: () => CareKind, nativeEnumName: 'care_kind' })
  @Field(() => CareKind, { description: 'Kind of care. 关爱类型' })
  kind: CareKind;

  @Property({ type: 'date' })
  @Field(() => CareDate, { description: 'First day of the period (a birthday: the day). 周期起始日' })
  periodStart: string;

  @Property({ type: 'date' })
  @Field(() => CareDate, { description: 'First day a record counts for it. 可完成起始日' })
  windowStart: string;

  @Property({ type: 'date' })
  @Field(() => CareDate, { description: 'Last day; overdue after it. 截止日期' })
  dueDate: string;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was done. 完成时间' })
  fulfilledAt: Date | null = null;

  /** 'visit:<id>' or 'care:<id>'. */
  @Property({ type: 'text', nullable: true })
  fulfilledBy: string | null = null;

  /** When its overdue warning went out (once per slot). */
  @Property({ type: 'timestamptz', nullable: true })
  overdueRaisedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** A housework, solved problem, birthday or home visit done for a household, with proof: time and place. */
@Entity({ tableName: 'care_record' })
@Index({ name: 'care_record_grid_code_idx', expression: 'create index "care_record_grid_code_idx" on "care_record" ("grid_code" text_pattern_ops, "done_at")' })
@ObjectType({ description: 'Care given to a household, with time and place (proof of visit). 关爱记录' })
// Media adds `mediaAttachments` (the visit's photos) to this type by its key; this subgraph resolves no references.
@Directive('@key(fields: "id", resolvable: false)')
export class CareRecord {
  [OptionalProps]?: 'id' | 'createdAt' | 'personId' | 'latitude' | 'longitude' | 'outsideGrid' | 'note' | 'slotId';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Id (UUID). 编号' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index({ name: 'care_record_household_idx' })
  householdId: string;

  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the grid. 网格代码' })
  gridCode: string;

  @Property({ type: 'uuid' })
  staffId: string;

  @Enum({ items: () => CareKind, nativeEnumName: 'care_kind' })
  @Field(() => CareKind, { description: 'Kind of care. 关爱类型' })
  kind: CareKind;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was done. 完成时间' })
  doneAt: Date;

  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  @Field(() => Number, { nullable: true, description: 'Latitude where it was recorded (WGS 84). 纬度' })
  latitude: number | null = null;

  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  @Field(() => Number, { nullable: true, description: 'Longitude where it was recorded (WGS 84). 经度' })
  longitude: number | null = null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, {
    nullable: true,
    description: 'The place lies outside the grid\'s boundary (flagged, not refused); null when no place or no boundary. 是否在网格外',
  })
  outsideGrid: boolean | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What was done. 情况说明' })
  note: string | null = null;

  /** The slot it fulfilled, if any. */
  @Property({ type: 'uuid', nullable: true })
  slotId: string | null = null;

  @Property({ type: 'text' })
  recordedBy: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { ActivityKind } from './activity-kind.js';

@Entity({ tableName: 'activity' })
@Index({ name: 'activity_area_code_idx', expression: 'create index "activity_area_code_idx" on "activity" ("area_code" text_pattern_ops)' })
@Check({ name: 'activity_capacity_check', expression: '"signed_up_count" >= 0 and "signed_up_count" <= "capacity"' })
@Check({ name: 'activity_time_check', expression: '"ends_at" > "starts_at"' })
@ObjectType({ description: 'A volunteer activity: a clean-up, patrol, free clinic or policy talk, with a capacity. 志愿活动' })
export class Activity extends BaseEntity<'description' | 'signedUpCount' | 'attendedCount' | 'serviceHours'> {
  @Field(() => ID, { description: 'Activity id. 活动ID' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Title. 标题' })
  title: string;

  @Enum({ items: () => ActivityKind, nativeEnumName: 'activity_kind' })
  @Field(() => ActivityKind, { description: 'Kind. 类别' })
  kind: ActivityKind;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Details. 活动内容' })
  description: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Village or grid code where it takes place. 活动区域代码' })
  areaCode: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Start. 开始时间' })
  startsAt: Date;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'End. 结束时间' })
  endsAt: Date;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'How many volunteers may sign up. 名额' })
  capacity: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'How many have signed up. 已报名人数' })
  signedUpCount: number = 0;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'How many were checked in. 已签到人数' })
  attendedCount: number = 0;

  /** Credited to each attendee. */
  @Property({ type: 'integer' })
  serviceMinutes: number;

  @Field(() => Float, { description: 'Service hours credited to each attendee. 每人服务时长（小时）' })
  get serviceHours(): number {
    return Math.round((this.serviceMinutes / 60) * 100) / 100;
  }

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The organiser, who checks attendees in. 组织者账号' })
  organiserUserId: string;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}

/** A volunteer's place in an activity; attendedAt is set by the organiser's check-in. */
@Entity({ tableName: 'activity_sign_up' })
@Index({ name: 'activity_sign_up_volunteer_idx', properties: ['volunteerId'] })
@ObjectType({ description: 'A volunteer signed up for an activity. 活动报名' })
// Media (issue 17) adds `mediaAttachments` to this type by its key; this subgraph resolves no references.
@Directive('@key(fields: "activityId volunteerId", resolvable: false)')
export class ActivitySignUp {
  [OptionalProps]?: 'signedUpAt' | 'attendedAt' | 'checkedInByUserId';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Activity id. 活动ID' })
  activityId: string;

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Volunteer id. 志愿者ID' })
  volunteerId: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When they signed up. 报名时间' })
  signedUpAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the organiser checked them in. 签到时间' })
  attendedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who checked them in. 签到确认人' })
  checkedInByUserId: string | null = null;
}

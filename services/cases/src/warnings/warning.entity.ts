import { Entity, Enum, Index, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { BaseEntity } from '@lianxin/db';
import { GraphQLJSON } from './json.scalar.js';
import { WarningLevel, WarningRule } from './warning-rules.js';

export enum WarningStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  CLOSED = 'CLOSED',
}

registerEnumType(WarningRule, {
  name: 'WarningRule',
  description: 'Why a warning was raised (§8.4). 预警规则',
  valuesMap: {
    CATEGORY_RISING: { description: 'A category rising in an area against its own recent baseline. 某类事项较近期基线明显上升' },
    REPEATED_CASES: { description: 'Repeated cases from one reporter or address. 同一户/同一地址重复反映' },
    OVERDUE_CLUSTER: { description: 'Several cases overdue under one holder. 同一承办方多件超期' },
    DISPUTE_STAGE_OVERRUN: { description: 'A dispute past its mediation stage limit. 矛盾纠纷超出调解时限' },
    CARE_OVERDUE: { description: 'Care (四个一) left undone past its day. 关爱事项逾期' },
  },
});
registerEnumType(WarningLevel, {
  name: 'WarningLevel',
  description: 'The level a warning is addressed to. 预警对象层级',
  valuesMap: {
    GRID: { description: 'The grid (its grid leader). 网格' },
    VILLAGE: { description: 'The village or community. 村（社区）' },
    TOWNSHIP: { description: 'The township or subdistrict. 乡镇（街道）' },
    COUNTY: { description: 'The county. 县（区）' },
  },
});
registerEnumType(WarningStatus, {
  name: 'WarningStatus',
  description: 'Where a warning stands. 预警状态',
  valuesMap: {
    OPEN: { description: 'Raised, not yet acknowledged. 待签收' },
    ACKNOWLEDGED: { description: 'Acknowledged, being dealt with. 已签收' },
    CLOSED: { description: 'Closed with a note. 已办结' },
  },
});

/**
 * A warning (研判预警, §8.4) addressed to a level: the area code of that level and the level. One open
 * warning per rule and subject (`warning_open_subject_idx`); lists filter by area code prefix.
 */
@Entity({ tableName: 'warning' })
@Index({ name: 'warning_area_code_idx', expression: 'create index "warning_area_code_idx" on "warning" ("area_code" text_pattern_ops, "raised_at")' })
@Index({ name: 'warning_open_subject_idx', expression: `create unique index "warning_open_subject_idx" on "warning" ("rule", "subject_key") where "status" <> 'CLOSED'` })
@Index({ name: 'warning_subject_closed_idx', expression: 'create index "warning_subject_closed_idx" on "warning" ("rule", "subject_key", "closed_at")' })
@ObjectType({ description: 'An early warning addressed to a level (§8.4). 研判预警' })
export class Warning extends BaseEntity<'acknowledgedAt' | 'acknowledgedBy' | 'acknowledgeNote' | 'closedAt' | 'closedBy' | 'closeNote' | 'status' | 'count'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Enum({ items: () => WarningRule, nativeEnumName: 'warning_rule' })
  @Field(() => WarningRule, { description: 'Rule that raised it. 预警规则' })
  rule: WarningRule;

  /** Rule-specific identity of what it is about, e.g. `330402001:CAT-ROAD`. */
  @Property({ type: 'text' })
  subjectKey: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the area addressed (the level\'s own area). 预警对象区域代码' })
  areaCode: string;

  @Enum({ items: () => WarningLevel, nativeEnumName: 'warning_level' })
  @Field(() => WarningLevel, { description: 'Level addressed. 预警对象层级' })
  level: WarningLevel;

  @Property({ type: 'text' })
  @Field({ description: 'What was found, in a sentence. 预警内容' })
  summary: string;

  /** Ids, counts and thresholds; no personal data. */
  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSON, { description: 'Figures behind it (counts, baseline, thresholds, ids). 研判数据' })
  details: Record<string, unknown>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'How many findings it holds (cases, overdue slots …). 次数' })
  count: number = 1;

  @Enum({ items: () => WarningStatus, nativeEnumName: 'warning_status' })
  @Field(() => WarningStatus, { description: 'Status. 状态' })
  status: WarningStatus = WarningStatus.OPEN;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was raised. 预警时间' })
  raisedAt: Date;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When a finding last refreshed it. 最近更新' })
  lastSeenAt: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was acknowledged. 签收时间' })
  acknowledgedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who acknowledged it (user id). 签收人' })
  acknowledgedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Note on acknowledging. 签收说明' })
  acknowledgeNote: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was closed. 办结时间' })
  closedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who closed it (user id). 办结人' })
  closedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'How it was dealt with. 办结说明' })
  closeNote: string | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back as expectedVersion. 版本号' })
  declare version: number;
}

/** Append-only history of every warning: raised, refreshed, acknowledged, closed, by whom, with the note (audit). */
@Entity({ tableName: 'warning_history' })
@Trigger({ name: 'append_only', timing: 'before', events: ['update', 'delete'], forEach: 'row', body: "raise exception 'warning_history is append-only'" })
@Index({ name: 'warning_history_warning_idx', properties: ['warningId', 'at'] })
@ObjectType({ description: 'A step in a warning\'s history (audited). 预警处置记录' })
export class WarningHistory {
  [OptionalProps]?: 'id' | 'note';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  warningId: string;

  @Property({ type: 'text' })
  @Field({ description: 'RAISED, REFRESHED, ACKNOWLEDGED or CLOSED. 动作' })
  action: string;

  @Property({ type: 'text' })
  @Field({ description: 'Who (user id, or system). 操作人' })
  actor: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Note. 说明' })
  note: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When. 时间' })
  at: Date;
}

/** Counters behind REPEATED_CASES and OVERDUE_CLUSTER: findings per key and day. */
@Entity({ tableName: 'warning_tally' })
export class WarningTally {
  @PrimaryKey({ type: 'text' })
  key: string;

  @PrimaryKey({ type: 'date' })
  day: string;

  @Property({ type: 'integer' })
  count: number;
}

import { Check, Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { ApprovalStatus, PointAccountKind } from './points-enums.js';

/** A manual award (e.g. for joining a mediation): proposed by one, approved by a different admin. */
@Entity({ tableName: 'manual_award' })
@Index({ name: 'manual_award_area_code_idx', expression: 'create index "manual_award_area_code_idx" on "manual_award" ("area_code" text_pattern_ops)' })
@Check({ name: 'manual_award_points_check', expression: '"points" > 0' })
@Check({ name: 'manual_award_four_eyes_check', expression: '"decided_by_user_id" is null or "decided_by_user_id" <> "proposed_by_user_id"' })
@ObjectType({ description: 'A manual award waiting for, or decided by, a second admin. 人工加分申请' })
export class ManualAward extends BaseEntity<'status' | 'decidedByUserId' | 'decidedAt' | 'decisionNote' | 'postingId'> {
  @Field(() => ID, { description: 'Id. 申请ID' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Who gets the points. 人员ID' })
  personId: string;

  @Enum({ items: () => PointAccountKind, nativeEnumName: 'point_account_kind' })
  @Field(() => PointAccountKind, { description: 'CIVIC or PARTY. 账户类别' })
  accountKind: PointAccountKind;

  @Property({ type: 'text' })
  @Field({ description: 'Area of the person\'s account. 区域代码' })
  areaCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'The rule it follows. 积分规则代码' })
  ruleCode: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Points. 分值' })
  points: number;

  @Property({ type: 'text' })
  @Field({ description: 'Why. 事由' })
  reason: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When the deed happened; the award counts in its month. 事项发生时间' })
  occurredAt: Date;

  @Enum({ items: () => ApprovalStatus, nativeEnumName: 'approval_status' })
  @Field(() => ApprovalStatus, { description: 'State. 状态' })
  status: ApprovalStatus = ApprovalStatus.PROPOSED;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Who proposed it. 申请人' })
  proposedByUserId: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who approved or rejected it. 审核人' })
  decidedByUserId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was decided. 审核时间' })
  decidedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Reason given with a rejection. 审核意见' })
  decisionNote: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The award posting, once approved. 记账凭证ID' })
  postingId: string | null = null;

  @Field({ description: 'When it was proposed. 申请时间' })
  declare createdAt: Date;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}

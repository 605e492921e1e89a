import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

/** A red-line veto (一票否决): the period's points of one account are void, by a reversing posting. */
@Entity({ tableName: 'point_veto' })
@Unique({ name: 'point_veto_account_period_unique', properties: ['accountId', 'period'] })
@Index({ name: 'point_veto_area_code_idx', expression: 'create index "point_veto_area_code_idx" on "point_veto" ("area_code" text_pattern_ops)' })
@ObjectType({ description: 'A red-line veto: a member\'s points for a period voided by a reversing posting. 一票否决' })
export class PointVeto extends BaseEntity<'postingId' | 'pointsOutstanding'> {
  @Field(() => ID, { description: 'Veto id. 否决记录ID' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The account. 账户ID' })
  accountId: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The person. 人员ID' })
  personId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Area of the account. 区域代码' })
  areaCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'The period: YYYY-MM, YYYY-Qn or YYYY. 否决期间' })
  period: string;

  @Property({ type: 'timestamptz' })
  periodStart: Date;

  @Property({ type: 'timestamptz' })
  periodEnd: Date;

  @Property({ type: 'text' })
  @Field({ description: 'The red line crossed. 否决事由' })
  reason: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Points voided so far: at the veto (at most the balance then), and every later award dated in the period or taken back for the outstanding rest. 已作废积分' })
  pointsVoided: number;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, {
    description:
      'Points of the period redeemed before the veto, still to be taken back: every later award to the account is reversed until this is 0 (never a negative balance). 待追回积分',
  })
  pointsOutstanding: number = 0;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The reversing posting; null when nothing was left to void. 冲销凭证ID' })
  postingId: string | null = null;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Who vetoed. 操作人' })
  vetoedByUserId: string;

  @Field({ description: 'When. 时间' })
  declare createdAt: Date;
}

import { Check, Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { DeclarationStatus } from './points-enums.js';

/** An in-service party member's points declaration: member declares → convener collects → community verifies. */
@Entity({ tableName: 'point_declaration' })
@Index({ name: 'point_declaration_area_code_idx', expression: 'create index "point_declaration_area_code_idx" on "point_declaration" ("area_code" text_pattern_ops)' })
@Index({
  name: 'point_declaration_month_unique',
  expression: `create unique index "point_declaration_month_unique" on "point_declaration" ("volunteer_id", "month") where "status" <> 'REJECTED'`,
})
@Check({ name: 'point_declaration_points_check', expression: '"points" > 0' })
@ObjectType({ description: 'An in-service party member\'s points declaration (党员申报、召集人汇总、社区核实). 在职党员积分申报' })
export class PointDeclaration extends BaseEntity<
  'status' | 'collectedByUserId' | 'collectedAt' | 'verifiedByUserId' | 'verifiedAt' | 'rejectedReason' | 'postingId'
> {
  @Field(() => ID, { description: 'Id. 申报ID' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The declaring volunteer. 志愿者ID' })
  volunteerId: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The member (people subgraph). 人员ID' })
  personId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Community (village or grid) the member reported to. 报到社区代码' })
  areaCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'Month of the service declared, YYYY-MM. 申报月份' })
  month: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Points declared. 申报分值' })
  points: number;

  @Property({ type: 'text' })
  @Field({ description: 'What the member did. 申报事项' })
  description: string;

  @Enum({ items: () => DeclarationStatus, nativeEnumName: 'declaration_status' })
  @Field(() => DeclarationStatus, { description: 'State. 状态' })
  status: DeclarationStatus = DeclarationStatus.DECLARED;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The member\'s account. 申报人账号' })
  declaredByUserId: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Convener who collected it. 召集人' })
  collectedByUserId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was collected. 汇总时间' })
  collectedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Community admin who verified it. 核实人' })
  verifiedByUserId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was verified. 核实时间' })
  verifiedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was rejected. 驳回理由' })
  rejectedReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The award posting, once verified. 记账凭证ID' })
  postingId: string | null = null;

  @Field({ description: 'When it was declared. 申报时间' })
  declare createdAt: Date;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}

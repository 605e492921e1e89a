import { Check, Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { ServiceOrderKind, ServiceOrderStatus } from './order-enums.js';

type Optional =
  | 'status'
  | 'description'
  | 'requesterPersonId'
  | 'requesterUserId'
  | 'claimantVolunteerId'
  | 'claimedAt'
  | 'completedAt'
  | 'completionNote'
  | 'confirmedAt'
  | 'confirmedByUserId'
  | 'expiredAt'
  | 'lastClaimantVolunteerId'
  | 'requestedAt'
  | 'reviewedByUserId'
  | 'reviewedAt'
  | 'reviewNote';

@Entity({ tableName: 'service_order' })
@Index({ name: 'service_order_area_code_idx', expression: 'create index "service_order_area_code_idx" on "service_order" ("area_code" text_pattern_ops)' })
@Index({ name: 'service_order_due_idx', properties: ['deadline'], where: { status: { $in: [ServiceOrderStatus.OPEN, ServiceOrderStatus.CLAIMED] } } })
@Index({ name: 'service_order_claimant_idx', properties: ['claimantVolunteerId'] })
@Index({ name: 'service_order_requester_idx', properties: ['requesterUserId'] })
// A resident's orders follow the login people link to them (volunteer/account-links.ts): found by person.
@Index({ name: 'service_order_requester_person_idx', properties: ['requesterPersonId'], where: { requesterPersonId: { $ne: null } } })
// Compared as text: the migration that added PROPOSED and REJECTED cannot use the new enum values in its own transaction.
@Check({ name: 'service_order_claimant_check', expression: `("status"::text in ('OPEN', 'EXPIRED', 'PROPOSED', 'REJECTED')) = ("claimant_volunteer_id" is null)` })
@ObjectType({ description: 'A service order: a resident\'s need or micro-wish the community publishes and one volunteer takes. 服务单（群众点单、社区派单、党员接单）' })
@Directive('@key(fields: "id")')
export class ServiceOrder extends BaseEntity<Optional> {
  @Field(() => ID, { description: 'Order id. 服务单ID' })
  declare id: string;

  @Enum({ items: () => ServiceOrderKind, nativeEnumName: 'service_order_kind' })
  @Field(() => ServiceOrderKind, { description: 'Need or micro-wish. 类别' })
  kind: ServiceOrderKind;

  @Property({ type: 'text' })
  @Field({ description: 'Title. 标题' })
  title: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What is needed. 需求描述' })
  description: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Village or grid code; volunteers of that village may claim it. 所在区域代码' })
  areaCode: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Must be done by then. 办结时限' })
  deadline: Date;

  @Enum({ items: () => ServiceOrderStatus, nativeEnumName: 'service_order_status' })
  @Field(() => ServiceOrderStatus, { description: 'Status. 状态' })
  status: ServiceOrderStatus = ServiceOrderStatus.OPEN;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The resident who ordered it (people subgraph). 点单群众' })
  requesterPersonId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Account of the resident who ordered it; they may confirm it. 点单群众账号' })
  requesterUserId: string | null = null;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Who published it (a resident\'s request: the resident until the community publishes it). 派单人' })
  publishedByUserId: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was (last) published (a resident\'s request: when it was ordered, until published). 派单时间' })
  publishedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '§8.6: when the resident ordered it themselves (null: published by staff). 群众点单时间' })
  requestedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: '§8.6: who in the community reviewed the resident\'s request. 审核人' })
  reviewedByUserId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '§8.6: when it was reviewed. 审核时间' })
  reviewedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '§8.6: the reviewer\'s note (the reason, when declined). 审核意见' })
  reviewNote: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The volunteer who holds it now. 接单志愿者ID' })
  claimantVolunteerId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was claimed. 接单时间' })
  claimedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the claimant finished it. 完成时间' })
  completedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The claimant\'s note on what was done. 完成情况' })
  completionNote: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was confirmed. 确认时间' })
  confirmedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who confirmed it. 确认人' })
  confirmedByUserId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When its deadline last passed unfinished. 过期时间' })
  expiredAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The volunteer who held it when it expired. 过期时的接单志愿者' })
  lastClaimantVolunteerId: string | null = null;

  @Field({ description: 'When it was first published. 创建时间' })
  declare createdAt: Date;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}

import { Check, Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { PointAccountKind, RedemptionItemKind } from './points-enums.js';

/** An item of a redemption catalogue, offered to accounts in its area. Stock never goes below zero. */
@Entity({ tableName: 'redemption_item' })
@Index({ name: 'redemption_item_area_code_idx', expression: 'create index "redemption_item_area_code_idx" on "redemption_item" ("area_code" text_pattern_ops)' })
@Check({ name: 'redemption_item_stock_check', expression: '"stock" >= 0' })
@Check({ name: 'redemption_item_cost_check', expression: '"points_cost" > 0' })
@ObjectType({ description: 'Something points buy: goods or a priority service, with a price and stock. 积分兑换品' })
export class RedemptionItem extends BaseEntity<'description' | 'active'> {
  @Field(() => ID, { description: 'Item id. 兑换品ID' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Name. 名称' })
  name: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Details. 说明' })
  description: string | null = null;

  @Enum({ items: () => RedemptionItemKind, nativeEnumName: 'redemption_item_kind' })
  @Field(() => RedemptionItemKind, { description: 'Goods or priority service. 类别' })
  kind: RedemptionItemKind;

  @Property({ type: 'text' })
  @Field({ description: 'Area (county, township or village) whose accounts may redeem it. 适用区域代码' })
  areaCode: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Points per unit. 所需积分' })
  pointsCost: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Units left. 库存' })
  stock: number;

  @Property({ type: 'boolean' })
  @Field({ description: 'Offered now. 是否上架' })
  active: boolean = true;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}

/** One redemption: points debited from a person's account against an item. */
@Entity({ tableName: 'redemption' })
@Index({ name: 'redemption_area_code_idx', expression: 'create index "redemption_area_code_idx" on "redemption" ("area_code" text_pattern_ops)' })
@Index({ name: 'redemption_account_idx', properties: ['accountId'] })
@Check({ name: 'redemption_quantity_check', expression: '"quantity" > 0' })
@ObjectType({ description: 'A redemption of points for an item. 积分兑换记录' })
export class Redemption extends BaseEntity {
  @Field(() => ID, { description: 'Id. 兑换ID' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Item. 兑换品ID' })
  itemId: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Account debited. 账户ID' })
  accountId: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Person. 人员ID' })
  personId: string;

  @Enum({ items: () => PointAccountKind, nativeEnumName: 'point_account_kind' })
  @Field(() => PointAccountKind, { description: 'CIVIC or PARTY. 账户类别' })
  accountKind: PointAccountKind;

  @Property({ type: 'text' })
  @Field({ description: 'Area of the account. 区域代码' })
  areaCode: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Units. 数量' })
  quantity: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Points spent. 消耗积分' })
  points: number;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The redemption posting. 记账凭证ID' })
  postingId: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Who redeemed (the holder or an admin at the counter). 经办人' })
  redeemedByUserId: string;

  @Field({ description: 'When. 兑换时间' })
  declare createdAt: Date;
}

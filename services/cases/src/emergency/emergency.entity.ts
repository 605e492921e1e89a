import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

/**
 * Emergency mode for an area (平急结合): a response team is activated and command goes flat, so
 * escalations of the area's cases go straight to the county until the emergency is closed.
 */
@Entity({ tableName: 'emergency' })
@Index({ name: 'emergency_area_code_idx', expression: 'create index "emergency_area_code_idx" on "emergency" ("area_code" text_pattern_ops)' })
@Index({ name: 'emergency_active_idx', properties: ['areaCode'], where: { closedAt: null } })
@ObjectType({ description: 'An emergency declared for an area, with its response team. 应急状态' })
export class Emergency extends BaseEntity<'closedAt' | 'closedByUserId' | 'closingNote' | 'active'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Area in emergency mode (any level). 区域代码' })
  areaCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'What happened, e.g. flood. 事件名称' })
  title: string;

  @Property({ type: 'text' })
  @Field({ description: 'Situation and instructions. 情况与指令' })
  description: string;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'User ids of the response team ("1+3+N"). 应急队伍成员' })
  memberUserIds: string[];

  @Property({ type: 'text' })
  @Field({ description: 'Who declared it. 宣布人' })
  declaredByUserId: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was declared. 宣布时间' })
  declaredAt: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the area returned to normal. 结束时间' })
  closedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who closed it. 结束人' })
  closedByUserId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Closing note. 结束说明' })
  closingNote: string | null = null;

  @Field({ description: 'Still in emergency mode. 是否进行中' })
  get active(): boolean {
    return this.closedAt === null;
  }

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back as expectedVersion. 版本号' })
  declare version: number;
}

import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { VersionedEntity } from '@lianxin/db';
import { PartyMemberType } from '../common/party-member-type.js';
import { PointAccountKind, PointSource } from './points-enums.js';

/**
 * How many points a source earns on an account kind; PARTY rules may differ by member type (a rule
 * without a member type applies to the types that have none of their own). For MANUAL and
 * DECLARATION the points are the most one award may give.
 */
@Entity({ tableName: 'point_rule' })
@Index({
  name: 'point_rule_general_unique',
  expression: `create unique index "point_rule_general_unique" on "point_rule" ("source", "account_kind") where "active" and "party_member_type" is null`,
})
@Index({
  name: 'point_rule_member_type_unique',
  expression: `create unique index "point_rule_member_type_unique" on "point_rule" ("source", "account_kind", "party_member_type") where "active" and "party_member_type" is not null`,
})
@Check({ name: 'point_rule_points_check', expression: '"points" > 0' })
@Check({ name: 'point_rule_account_check', expression: `"account_kind" in ('CIVIC', 'PARTY') and ("party_member_type" is null or "account_kind" = 'PARTY')` })
@ObjectType({ description: 'A points rule: what a source earns on civic or party accounts (per member type). 积分规则' })
export class PointRule extends VersionedEntity<'partyMemberType' | 'active'> {
  @PrimaryKey({ type: 'text' })
  @Field({ description: 'Rule code, e.g. PARTY_ORDER_IN_SERVICE. 规则代码' })
  code: string;

  @Enum({ items: () => PointSource, nativeEnumName: 'point_source' })
  @Field(() => PointSource, { description: 'What earns the points. 来源' })
  source: PointSource;

  @Enum({ items: () => PointAccountKind, nativeEnumName: 'point_account_kind' })
  @Field(() => PointAccountKind, { description: 'CIVIC or PARTY. 账户类别' })
  accountKind: PointAccountKind;

  @Enum({ items: () => PartyMemberType, nullable: true, nativeEnumName: 'party_member_type' })
  @Field(() => PartyMemberType, { nullable: true, description: 'For PARTY rules: the member type it applies to; null for all others. 党员类别' })
  partyMemberType: PartyMemberType | null = null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Points per award (MANUAL, DECLARATION: at most). 分值' })
  points: number;

  @Property({ type: 'text' })
  @Field({ description: 'What the rule rewards. 规则说明' })
  description: string;

  @Property({ type: 'boolean' })
  @Field({ description: 'In force. 是否启用' })
  active: boolean = true;
}

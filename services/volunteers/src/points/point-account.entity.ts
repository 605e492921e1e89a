import { Check, Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { PartyMemberType } from '../common/party-member-type.js';
import { PointAccountKind } from './points-enums.js';

/**
 * A points account. Its balance is kept beside the entries (updated in the same transaction, under
 * a row lock) and always equals the sum of its entries; a person's balance can never go negative.
 */
@Entity({ tableName: 'point_account' })
@Index({ name: 'point_account_area_code_idx', expression: 'create index "point_account_area_code_idx" on "point_account" ("area_code" text_pattern_ops)' })
@Index({
  name: 'point_account_person_kind_unique',
  expression: 'create unique index "point_account_person_kind_unique" on "point_account" ("person_id", "kind") where "person_id" is not null',
})
@Index({
  name: 'point_account_system_unique',
  expression: 'create unique index "point_account_system_unique" on "point_account" ("kind", "area_code") where "person_id" is null',
})
@Index({ name: 'point_account_holder_idx', properties: ['holderUserId'] })
@Check({ name: 'point_account_owner_check', expression: `("kind" in ('CIVIC', 'PARTY')) = ("person_id" is not null)` })
@Check({ name: 'point_account_balance_check', expression: `"person_id" is null or "balance" >= 0` })
@ObjectType({ description: 'A points account of a person (civic or party) or a village\'s system account. 积分账户' })
export class PointAccount extends BaseEntity<'personId' | 'partyMemberType' | 'holderUserId' | 'balance'> {
  @Field(() => ID, { description: 'Account id. 账户ID' })
  declare id: string;

  @Enum({ items: () => PointAccountKind, nativeEnumName: 'point_account_kind' })
  @Field(() => PointAccountKind, { description: 'Kind. 类别' })
  kind: PointAccountKind;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Holder (people subgraph); null for system accounts. 持有人ID' })
  personId: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Village or grid code of the holder (a village code for system accounts). 所属区域代码' })
  areaCode: string;

  @Enum({ items: () => PartyMemberType, nullable: true, nativeEnumName: 'party_member_type' })
  @Field(() => PartyMemberType, { nullable: true, description: 'Member type, for PARTY accounts: which rules apply. 党员类别' })
  partyMemberType: PartyMemberType | null = null;

  /** The holder's own login, so they can see and redeem their points. */
  @Property({ type: 'uuid', nullable: true })
  holderUserId: string | null = null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Balance: the sum of the account\'s entries. 余额' })
  balance: number = 0;

  @Field({ description: 'When the account was opened. 开户时间' })
  declare createdAt: Date;
}

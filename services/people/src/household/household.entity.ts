import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity, type FieldChanges } from '@lianxin/db';

/** A household (户): its members are the persons whose householdId points here. */
@Entity({ tableName: 'household' })
@Index({ name: 'household_grid_code_idx', expression: 'create index "household_grid_code_idx" on "household" ("grid_code" text_pattern_ops)' })
@ObjectType({ description: 'A household: head, members, address, grid and the party member who links it. 户' })
@Directive('@key(fields: "id")')
export class Household extends BaseEntity<'number' | 'headId' | 'linkingPartyMemberId' | 'fieldChanges'> {
  @Field(() => ID, { description: 'Id. 户ID' })
  declare id: string;

  @Property({ type: 'text', nullable: true })
  @Unique({ name: 'household_number_unique' })
  @Field(() => String, { nullable: true, description: 'Household register number. 户号' })
  number: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Address or house. 住址' })
  address: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the grid (15 digits). 所属网格编码' })
  gridCode: string;

  @Property({ type: 'uuid', nullable: true })
  headId: string | null = null;

  /** The party member who keeps in touch with this household (联户党员), a Person id. */
  @Property({ type: 'uuid', nullable: true })
  @Index({ name: 'household_linking_party_member_id_idx' })
  linkingPartyMemberId: string | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when updating. 版本号' })
  declare version: number;

  /** Per field, the version that last changed it, who, when and from which device (stale edits merge by it; issue 17). */
  @Property({ type: 'jsonb', defaultRaw: `'{}'` })
  fieldChanges: FieldChanges = {};
}

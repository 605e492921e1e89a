import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity, type FieldChanges } from '@lianxin/db';
import { PERSON_POPULATION_TRIGGERS } from '../population/population-triggers.js';
import { ResidenceStatus, Sex } from './person-enums.js';

/**
 * A person in the actual-population ledger (实有人口). ID and phone numbers are stored sealed
 * (AES-256-GCM) with their masked forms beside them; the clear value leaves only through the
 * audited revealPersonalData. Fields beyond the name are resolved by PersonResolver per role.
 */
@Entity({ tableName: 'person', triggers: PERSON_POPULATION_TRIGGERS })
@Index({ name: 'person_grid_code_idx', expression: 'create index "person_grid_code_idx" on "person" ("grid_code" text_pattern_ops)' })
@ObjectType({ description: 'A person in the population ledgers of a grid. 实有人口' })
@Directive('@key(fields: "id")')
export class Person extends BaseEntity<'phoneSealed' | 'phoneMasked' | 'householdId' | 'address' | 'userId' | 'fieldChanges'> {
  @Field(() => ID, { description: 'Id. 人员ID' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Full name. 姓名' })
  name: string;

  @Enum({ items: () => Sex, nativeEnumName: 'sex' })
  sex: Sex;

  @Property({ type: 'date' })
  birthDate: string;

  /** iv ‖ tag ‖ ciphertext, see PersonalDataVault. Lazy: loaded only to reveal. */
  @Property({ type: 'blob', lazy: true })
  idNumberSealed: Buffer;

  /** HMAC-SHA256 of the normalised number, for exact look-up and import upserts. */
  @Property({ type: 'text' })
  @Unique({ name: 'person_id_number_hash_unique' })
  idNumberHash: string;

  @Property({ type: 'text' })
  idNumberMasked: string;

  @Property({ type: 'blob', nullable: true, lazy: true })
  phoneSealed: Buffer | null = null;

  @Property({ type: 'text', nullable: true })
  phoneMasked: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Index({ name: 'person_household_id_idx' })
  householdId: string | null = null;

  @Property({ type: 'text', nullable: true })
  address: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the grid (15 digits) the person lives in; the area they belong to. 所属网格编码' })
  gridCode: string;

  @Enum({ items: () => ResidenceStatus, nativeEnumName: 'residence_status' })
  residenceStatus: ResidenceStatus;

  /** Keycloak subject of the person's own account (residents see themselves through it). */
  @Property({ type: 'text', nullable: true })
  @Unique({ name: 'person_user_id_unique' })
  userId: string | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when updating. 版本号' })
  declare version: number;

  /** Per field, the version that last changed it, who, when and from which device (stale edits merge by it; issue 17). */
  @Property({ type: 'jsonb', defaultRaw: `'{}'` })
  fieldChanges: FieldChanges = {};
}

import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import { Person } from './person.entity.js';

/** Where a person lived from when to when: the move history (one open row per person). */
@Entity({ tableName: 'residence' })
@ObjectType({ description: 'A period of residence in a grid. 居住记录' })
export class Residence {
  [OptionalProps]?: 'id' | 'movedOutAt' | 'reason' | 'householdId';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Person, { mapToPk: true, fieldName: 'person_id', deleteRule: 'cascade', index: 'residence_person_id_idx' })
  personId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Grid code. 网格编码' })
  gridCode: string;

  @Property({ type: 'uuid', nullable: true })
  householdId: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Moved in (or was registered). 迁入时间' })
  movedInAt: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Moved out; null while living there. 迁出时间（空为现居）' })
  movedOutAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the person moved in. 迁入原因' })
  reason: string | null = null;

  @Property({ type: 'text' })
  recordedBy: string;
}

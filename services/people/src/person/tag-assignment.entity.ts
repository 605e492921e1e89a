import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import { DateScalar } from '../common/date-scalar.js';
import { PERSON_TAG_POPULATION_TRIGGERS } from '../population/population-triggers.js';
import { Tag } from '../tag/tag.entity.js';
import { Person } from './person.entity.js';

/** A person carries a tag from one date to another (open-ended while `validTo` is null). */
@Entity({ tableName: 'person_tag', triggers: PERSON_TAG_POPULATION_TRIGGERS })
@Index({ name: 'person_tag_tag_code_idx', properties: ['tagCode'] })
// The assignments whose "carried today" depends on the day, for PopulationService's correction:
// dated ones not yet ended (valid_to >= today) and open-ended ones not yet started (valid_from > today).
@Index({ name: 'person_tag_dated_idx', expression: 'create index "person_tag_dated_idx" on "person_tag" ("valid_to") where "valid_to" is not null' })
@Index({ name: 'person_tag_open_ended_from_idx', expression: 'create index "person_tag_open_ended_from_idx" on "person_tag" ("valid_from") where "valid_to" is null' })
@ObjectType({ description: 'A focus tag carried by a person for a period. 人员标签（含起止日期）' })
export class TagAssignment {
  [OptionalProps]?: 'id' | 'validTo' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Person, { mapToPk: true, fieldName: 'person_id', deleteRule: 'cascade', index: 'person_tag_person_id_idx' })
  personId: string;

  @ManyToOne(() => Tag, { mapToPk: true, fieldName: 'tag_code' })
  tagCode: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'First day the tag applies. 起始日期' })
  validFrom: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Last day it applies; open-ended when null. 截止日期（空为长期）' })
  validTo: string | null = null;

  @Property({ type: 'text' })
  assignedBy: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

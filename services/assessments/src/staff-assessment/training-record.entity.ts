import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { DateScalar } from '../common/date-scalar.js';
import { TrainingKind } from './assessment-enums.js';

/** A training a grid staff member took (四培). */
@Entity({ tableName: 'training_record' })
@Index({ name: 'training_record_area_code_idx', expression: 'create index "training_record_area_code_idx" on "training_record" ("area_code" text_pattern_ops)' })
@Index({ name: 'training_record_staff_idx', properties: ['staffUserId', 'trainedOn'] })
@ObjectType({ description: 'A training taken by a grid staff member (四培). 网格员培训记录' })
export class TrainingRecord extends BaseEntity<'staffPersonId' | 'mentorUserId' | 'note'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'User id of the staff member trained. 网格员账号' })
  staffUserId: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The staff member as a person of the people subgraph, if known. 网格员人员ID' })
  staffPersonId: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Grid the staff member works in (15 digits). 所在网格' })
  areaCode: string;

  @Enum({ items: () => TrainingKind, nativeEnumName: 'training_kind' })
  @Field(() => TrainingKind, { description: 'Which of the four trainings. 培训类别' })
  kind: TrainingKind;

  @Property({ type: 'text' })
  @Field({ description: 'Title or subject. 培训内容' })
  title: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'Day of the training. 培训日期' })
  trainedOn: string;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'Hours. 学时' })
  hours: number;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'For mentoring: the mentor (传帮带 师傅). 带教人' })
  mentorUserId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Note. 备注' })
  note: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Who recorded it. 记录人' })
  recordedBy: string;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}

import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { RatingStep } from './star-rating-enums.js';

/**
 * The step log of a round, append-only: the service only inserts, and a database trigger refuses
 * UPDATE and DELETE (TRUNCATE is refused by a statement trigger in the migrations).
 */
@Entity({ tableName: 'rating_step_record' })
@Index({ name: 'rating_step_record_round_idx', properties: ['roundId', 'seq'] })
@Trigger({
  name: 'rating_step_record_append_only',
  timing: 'before',
  events: ['update', 'delete'],
  forEach: 'row',
  body: `raise exception 'rating_step_record is append-only' using errcode = 'restrict_violation';`,
})
@ObjectType({ description: 'A recorded step of the rating procedure; never changed afterwards. 评星步骤记录' })
export class RatingStepRecord {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Id. 编号' })
  id: string = randomUUID();

  @Property({ type: 'bigint', autoincrement: true })
  seq?: string;

  @Property({ type: 'uuid' })
  roundId: string;

  @Enum({ items: () => RatingStep, nativeEnumName: 'rating_step' })
  @Field(() => RatingStep, { description: 'The step. 步骤' })
  step: RatingStep;

  @Property({ type: 'text' })
  @Field({ description: "Who recorded it: a user id, or 'system'. 操作人" })
  actorUserId: string;

  @Property({ type: 'text' })
  @Field({ description: 'The role they acted in: member, grid-leader, village-admin, township-admin, county-admin. 操作人身份' })
  actorRole: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When. 时间' })
  at: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Note, e.g. the assembly minutes or where it was posted. 说明' })
  note: string | null;
}

import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { PartyStar, RatingStep, RedLine } from './star-rating-enums.js';

/**
 * One line of a rating sheet: points deducted from a star (added, for PERFORMANCE) or a red line
 * crossed, with the reason. Each step hands in its own sheet; lines are never changed afterwards.
 */
@Entity({ tableName: 'rating_entry' })
@Index({ name: 'rating_entry_round_idx', properties: ['roundId', 'seq'] })
@Trigger({
  name: 'rating_entry_append_only',
  timing: 'before',
  events: ['update', 'delete'],
  forEach: 'row',
  body: `raise exception 'rating_entry is append-only' using errcode = 'restrict_violation';`,
})
@ObjectType({ description: 'One line of a rating sheet: points for a star, or a red line, with the reason. 评分明细' })
export class RatingEntry {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Id. 编号' })
  id: string = randomUUID();

  /** Order of the lines as handed in. */
  @Property({ type: 'bigint', autoincrement: true })
  seq?: string;

  @Property({ type: 'uuid' })
  roundId: string;

  @Enum({ items: () => RatingStep, nativeEnumName: 'rating_step' })
  @Field(() => RatingStep, { description: 'The step whose sheet it belongs to. 所属步骤' })
  step: RatingStep;

  @Enum({ items: () => PartyStar, nativeEnumName: 'party_star', nullable: true })
  @Field(() => PartyStar, { nullable: true, description: 'The star scored; null for a red line. 星' })
  star: PartyStar | null = null;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Points deducted (added for PERFORMANCE); null for a red line. 扣分或加分' })
  points: number | null = null;

  @Enum({ items: () => RedLine, nativeEnumName: 'red_line', nullable: true })
  @Field(() => RedLine, { nullable: true, description: 'The red line crossed, if this line is one. 红线' })
  redLine: RedLine | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Why. 理由' })
  reason: string;
}

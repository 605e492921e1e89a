import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { PartyMemberType, RatingRoundStatus, RatingStep, RedLine } from './star-rating-enums.js';
import { StarScore } from './star-score.type.js';

/**
 * One quarter's rating of one member (personId + year + quarter), taken through the procedure
 * "三评一定一公示". Its own stars come from the latest sheet handed in (`sheetStep`); the year counts it
 * once the assembly has decided it.
 */
@Entity({ tableName: 'rating_round' })
@Unique({ name: 'rating_round_person_quarter_unique', properties: ['personId', 'year', 'quarter'] })
@Index({ name: 'rating_round_rating_idx', properties: ['ratingId'] })
@Index({ name: 'rating_round_area_code_idx', expression: 'create index "rating_round_area_code_idx" on "rating_round" ("area_code" text_pattern_ops)' })
@ObjectType({ description: "One quarter's star rating of a party member (季度评星). 季度评星轮次" })
export class RatingRound extends BaseEntity<'memberUserId' | 'status' | 'sheetStep' | 'scores' | 'earnedStars' | 'stars' | 'vetoed' | 'redLines' | 'totalScore'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The yearly rating it belongs to. 所属年度评定' })
  ratingId: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The member (a person of the people subgraph). 党员人员ID' })
  personId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Year. 年度' })
  year: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Quarter, 1 to 4. 季度' })
  quarter: number;

  @Property({ type: 'text' })
  @Field({ description: "Code of the member's branch area (village or grid). 所属支部区域代码" })
  areaCode: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: "The member's own user id; null if they have no account. 党员本人账号" })
  memberUserId: string | null = null;

  @Enum({ items: () => PartyMemberType, nativeEnumName: 'party_member_type' })
  @Field(() => PartyMemberType, { description: 'Kind of member this quarter; PROBATIONARY gets no stars. 党员类别' })
  memberType: PartyMemberType;

  @Enum({ items: () => RatingRoundStatus, nativeEnumName: 'rating_round_status' })
  @Field(() => RatingRoundStatus, { description: 'The last step recorded. 状态' })
  status: RatingRoundStatus = RatingRoundStatus.OPENED;

  @Enum({ items: () => RatingStep, nativeEnumName: 'rating_step', nullable: true })
  @Field(() => RatingStep, { nullable: true, description: 'The step whose rating sheet counts (the latest one handed in). 生效评分所属步骤' })
  sheetStep: RatingStep | null = null;

  @Property({ type: 'jsonb' })
  @Field(() => [StarScore], { description: "Score of each star on this quarter's sheet. 本季度各星得分" })
  scores: StarScore[] = [];

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Stars the scores alone earn this quarter. 按得分可得星数' })
  earnedStars: number = 0;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Stars of this quarter on its own; null for a probationary member or before any sheet. 本季度星级' })
  stars: number | null = null;

  @Property({ type: 'boolean' })
  @Field({ description: 'A red line vetoed this quarter. 是否触碰红线' })
  vetoed: boolean = false;

  @Property({ type: 'text[]' })
  @Field(() => [RedLine], { description: 'Red lines crossed this quarter. 触碰的红线' })
  redLines: RedLine[] = [];

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'Sum of the five scores this quarter. 本季度总分' })
  totalScore: number = 0;

  @Property({ type: 'text' })
  @Field({ description: 'Who opened the round. 开启人' })
  openedBy: string;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back as expectedVersion. 版本号' })
  declare version: number;
}

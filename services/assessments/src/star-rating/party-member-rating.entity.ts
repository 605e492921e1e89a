import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { OneStarMeasure, PartyMemberType, RedLine, StarRatingOutcome } from './star-rating-enums.js';
import { StarScore } from './star-score.type.js';

/**
 * A party member's rating for one year (personId + year), recomputed from the year's decided
 * quarterly rounds: the year's stars come from the summed deductions and additions of those rounds
 * (see star-scoring.ts). `final` once Q4 is decided and no round of the year is open; outcomes
 * apply to final years.
 */
@Entity({ tableName: 'party_member_rating' })
@Unique({ name: 'party_member_rating_person_year_unique', properties: ['personId', 'year'] })
@Index({ name: 'party_member_rating_area_code_idx', expression: 'create index "party_member_rating_area_code_idx" on "party_member_rating" ("area_code" text_pattern_ops, "year")' })
@Index({ name: 'party_member_rating_member_user_idx', properties: ['memberUserId'] })
@ObjectType({ description: "A party member's star rating for one year (星级化). 党员年度星级评定" })
export class PartyMemberRating extends BaseEntity<
  | 'memberUserId'
  | 'scores'
  | 'earnedStars'
  | 'stars'
  | 'vetoed'
  | 'redLines'
  | 'totalScore'
  | 'decidedQuarters'
  | 'final'
  | 'yellowCard'
  | 'downgraded'
  | 'outcomes'
  | 'measureRequired'
  | 'informsFullMembership'
  | 'oneStarMeasure'
  | 'measureNote'
  | 'measureDecidedBy'
  | 'measureDecidedAt'
> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The member (a person of the people subgraph). 党员人员ID' })
  personId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Year rated. 年度' })
  year: number;

  @Property({ type: 'text' })
  @Field({ description: "Code of the member's branch area (village or grid). 所属支部区域代码" })
  areaCode: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: "The member's own user id, if they have an account; they self-rate with it. 党员本人账号" })
  memberUserId: string | null = null;

  @Enum({ items: () => PartyMemberType, nativeEnumName: 'party_member_type' })
  @Field(() => PartyMemberType, { description: 'Kind of member in the latest round of the year. 党员类别' })
  memberType: PartyMemberType;

  @Property({ type: 'jsonb' })
  @Field(() => [StarScore], { description: 'Score of each star over the decided quarters of the year. 各星得分' })
  scores: StarScore[] = [];

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Stars the scores alone earn (0–5), before red lines and membership. 按得分可得星数' })
  earnedStars: number = 0;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description: 'Stars of the year (after red lines and a downgrade); null for a probationary member or before any quarter is decided. 星级',
  })
  stars: number | null = null;

  @Property({ type: 'boolean' })
  @Field({ description: 'A red line vetoed the year. 是否触碰红线' })
  vetoed: boolean = false;

  @Property({ type: 'text[]' })
  @Field(() => [RedLine], { description: 'Red lines crossed. 触碰的红线' })
  redLines: RedLine[] = [];

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: 'Sum of the five scores (at most 100). 总分' })
  totalScore: number = 0;

  @Property({ type: 'jsonb' })
  @Field(() => [Int], { description: 'Quarters decided so far. 已评定季度' })
  decidedQuarters: number[] = [];

  @Property({ type: 'boolean' })
  @Field({ description: 'The fourth quarter is decided and no round of the year is open: the stars and outcomes are final. 年度评定已完成' })
  final: boolean = false;

  @Property({ type: 'boolean' })
  @Field({ description: 'The year earned a yellow card (two stars on its own score). 是否黄牌' })
  yellowCard: boolean = false;

  @Property({ type: 'boolean' })
  @Field({ description: 'Downgraded to one star for a second yellow-card year in a row. 连续黄牌降级' })
  downgraded: boolean = false;

  @Property({ type: 'text[]' })
  @Field(() => [StarRatingOutcome], { description: 'What follows from the final stars. 结果运用' })
  outcomes: StarRatingOutcome[] = [];

  @Property({ type: 'boolean' })
  @Field({ description: 'One star or none: the party committee must record a measure. 须作出一星处置' })
  measureRequired: boolean = false;

  @Property({ type: 'boolean' })
  @Field({ description: 'Probationary member: no stars; the score informs the decision on full membership. 预备党员：得分作为转正参考' })
  informsFullMembership: boolean = false;

  @Enum({ items: () => OneStarMeasure, nativeEnumName: 'one_star_measure', nullable: true })
  @Field(() => OneStarMeasure, { nullable: true, description: 'The measure the party committee picked. 一星处置措施' })
  oneStarMeasure: OneStarMeasure | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why that measure. 处置说明' })
  measureNote: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who recorded the measure. 处置决定人' })
  measureDecidedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the measure was recorded. 处置时间' })
  measureDecidedAt: Date | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}

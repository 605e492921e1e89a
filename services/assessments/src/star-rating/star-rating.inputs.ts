import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsNumber, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { VILLAGE_OR_GRID_CODE } from '../common/area-codes.js';
import { OneStarMeasure, PartyMemberType, PartyStar, RatingStep, RedLine } from './star-rating-enums.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'Open the quarterly rating of a party member. 开启党员季度评星' })
export class OpenRatingRoundInput {
  @Field(() => ID, { description: 'The member: a person of the people subgraph. 党员人员ID' })
  @IsUUID()
  personId: string;

  @Field(() => ID, {
    nullable: true,
    description: "The member's own user id, linking the person to the account they self-rate with; omit if they have none. 党员本人账号",
  })
  @IsOptional()
  @IsUUID()
  memberUserId?: string;

  @Field(() => PartyMemberType, {
    description: 'Kind of member this quarter (the people subgraph does not publish memberships, so it is given here). 党员类别',
  })
  @IsEnum(PartyMemberType)
  memberType: PartyMemberType;

  @Field({ description: "Code of the member's branch area: a village (12 digits) or grid (15). 所属支部区域代码" })
  @Matches(VILLAGE_OR_GRID_CODE, { message: 'must be a 12-digit village or 15-digit grid code' })
  areaCode: string;

  @Field(() => Int, { description: 'Year. 年度' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @Field(() => Int, { description: 'Quarter, 1 to 4. 季度' })
  @IsInt()
  @Min(1)
  @Max(4)
  quarter: number;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Points for one star with the reason: deducted from the four, added to PERFORMANCE. 评分明细' })
export class RatingEntryInput {
  @Field(() => PartyStar, { description: 'The star. 星' })
  @IsEnum(PartyStar)
  star: PartyStar;

  @Field(() => Float, { description: 'Points, positive, in tenths (e.g. 2.5); at most 20 per line. 分值' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(20)
  points: number;

  @Field({ description: 'Why. 理由' })
  @Length(1, 500)
  reason: string;
}

@InputType({ description: 'A red line crossed, with the reason; it vetoes the rating. 触碰红线' })
export class RedLineInput {
  @Field(() => RedLine, { description: 'The red line. 红线' })
  @IsEnum(RedLine)
  redLine: RedLine;

  @Field({ description: 'What happened. 事实' })
  @Length(1, 500)
  reason: string;
}

@InputType({
  description:
    'Record the next step of a round. SELF_RATED and BRANCH_COMMITTEE_RATED hand in a sheet (entries, red lines); the review and the assembly may revise it or, giving none, confirm the last; the public notice gives none. 记录评星步骤',
})
export class RecordRatingStepInput {
  @Field(() => ID, { description: 'The round. 评星轮次' })
  @IsUUID()
  roundId: string;

  @Field(() => RatingStep, { description: 'The step; it must be the next one. 步骤' })
  @IsEnum(RatingStep)
  step: RatingStep;

  @Field(() => [RatingEntryInput], { nullable: true, description: 'The sheet: points per star (an empty list: nothing deducted or added). 评分明细' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RatingEntryInput)
  entries?: RatingEntryInput[];

  @Field(() => [RedLineInput], { nullable: true, description: 'Red lines crossed, part of the sheet. 触碰的红线' })
  @IsOptional()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => RedLineInput)
  redLines?: RedLineInput[];

  @Field(() => String, { nullable: true, description: 'Note. 说明' })
  @IsOptional()
  @Length(1, 1000)
  note?: string;

  @Field(() => Int, { nullable: true, description: 'The round version you read; a different current version gives CONFLICT. 期望版本号' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Record what the party committee decided for a member with one star or none. 记录一星党员处置' })
export class RecordOneStarMeasureInput {
  @Field(() => ID, { description: 'The yearly rating. 年度评定' })
  @IsUUID()
  ratingId: string;

  @Field(() => OneStarMeasure, { description: 'The measure. 处置措施' })
  @IsEnum(OneStarMeasure)
  measure: OneStarMeasure;

  @Field({ description: 'Why, e.g. the committee meeting. 说明' })
  @Length(1, 1000)
  note: string;

  @Field(() => Int, { nullable: true, description: 'The rating version you read. 期望版本号' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Which yearly ratings to list. 年度评定筛选' })
export class PartyMemberRatingFilter {
  @Field({ nullable: true, description: 'Area in your scope (county to grid); your whole area if omitted. 区域代码' })
  @IsOptional()
  @Matches(/^(\d{6}|\d{9}|\d{12}|\d{15})$/, { message: 'must be an area code of 6, 9, 12 or 15 digits' })
  areaCode?: string;

  @Field(() => Int, { nullable: true, description: 'Year. 年度' })
  @IsOptional()
  @IsInt()
  year?: number;

  @Field(() => Int, { nullable: true, description: 'Only ratings with this many stars. 星级' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5)
  stars?: number;
}

import { Field, Float, ObjectType } from '@nestjs/graphql';
import { PartyStar } from './star-rating-enums.js';

@ObjectType({ description: 'The score of one star and whether it is earned. 单项星得分' })
export class StarScore {
  @Field(() => PartyStar, { description: 'The star. 星' })
  star: PartyStar;

  @Field(() => Float, { description: 'Points: 20 minus deductions for the four deduction stars, additions for PERFORMANCE. 得分' })
  score: number;

  @Field({ description: 'The star is earned (12 points or more). 是否得星' })
  earned: boolean;
}

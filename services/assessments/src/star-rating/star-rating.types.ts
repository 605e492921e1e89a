import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { PartyMemberRating } from './party-member-rating.entity.js';
import { RatingRound } from './rating-round.entity.js';

export const PartyMemberRatingConnection = ConnectionType(PartyMemberRating, 'PartyMemberRating', 'Yearly star ratings of party members. 党员年度星级评定');

@ObjectType({ description: 'The opened round. 已开启的评星轮次' })
export class OpenRatingRoundPayload {
  @Field(() => RatingRound, { description: 'The round. 评星轮次' })
  round: RatingRound;
}

@ObjectType({ description: "The round after the step, and the member's yearly rating as it now stands. 记录步骤后的轮次与年度评定" })
export class RecordRatingStepPayload {
  @Field(() => RatingRound, { description: 'The round. 评星轮次' })
  round: RatingRound;

  @Field(() => PartyMemberRating, { description: 'The yearly rating. 年度评定' })
  rating: PartyMemberRating;
}

@ObjectType({ description: 'The rating with the measure recorded. 记录处置后的年度评定' })
export class RecordOneStarMeasurePayload {
  @Field(() => PartyMemberRating, { description: 'The yearly rating. 年度评定' })
  rating: PartyMemberRating;
}

import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ALL_ROLES, authenticatedUser, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, PageArgs, requestLoader } from '@lianxin/graphql';
import { PersonReference } from '../common/references.js';
import type { GraphQLContext } from '../graphql-context.js';
import { PartyMemberRating } from './party-member-rating.entity.js';
import { MEASURE_DECIDERS, RATING_AREA_READERS, ROUND_OPENERS } from './rating-procedure.js';
import { RatingEntry } from './rating-entry.entity.js';
import { RatingRound } from './rating-round.entity.js';
import { RatingStepRecord } from './rating-step-record.entity.js';
import { StarRatingService } from './star-rating.service.js';
import { OpenRatingRoundInput, PartyMemberRatingFilter, RecordOneStarMeasureInput, RecordRatingStepInput } from './star-rating.inputs.js';
import { OpenRatingRoundPayload, PartyMemberRatingConnection, RecordOneStarMeasurePayload, RecordRatingStepPayload } from './star-rating.types.js';
import { Idempotent } from '@lianxin/platform';

/** Rounds, steps and sheets of many ratings or rounds in one query each per request. */
function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

@Resolver(() => PartyMemberRating)
export class PartyMemberRatingResolver {
  constructor(private readonly service: StarRatingService) {}

  @Query(() => PartyMemberRating, {
    nullable: true,
    description: "A member's star rating for a year: for the member, their area's admins and grid leader, and auditors. 党员年度星级评定",
  })
  @Roles(...ALL_ROLES)
  partyMemberRating(
    @CurrentUser() user: AuthUser,
    @Args('personId', { type: () => ID, description: 'The member. 党员人员ID' }) personId: string,
    @Args('year', { type: () => Int, description: 'Year. 年度' }) year: number,
  ): Promise<PartyMemberRating | null> {
    return this.service.rating(user, personId, year);
  }

  @Query(() => PartyMemberRatingConnection, { description: 'Yearly star ratings in your area. 辖区党员年度星级评定' })
  @Roles(...RATING_AREA_READERS)
  partyMemberRatings(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => PartyMemberRatingFilter, nullable: true, description: 'Filter. 筛选' }) filter?: PartyMemberRatingFilter,
  ) {
    return this.service.ratings(user, filter ?? {}, page);
  }

  @Query(() => [PartyMemberRating], { description: 'Your own star ratings as a party member, newest year first. 我的星级评定' })
  @Roles(...ALL_ROLES)
  myStarRatings(@CurrentUser() user: AuthUser): Promise<PartyMemberRating[]> {
    return this.service.ownRatings(user);
  }

  @Idempotent()
  @Mutation(() => RecordOneStarMeasurePayload, {
    description: 'Record the measure the party committee picked for a member left with one star or none in a final year. 记录一星党员处置',
  })
  @Roles(...MEASURE_DECIDERS)
  async recordOneStarMeasure(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RecordOneStarMeasureInput): Promise<RecordOneStarMeasurePayload> {
    return { rating: await this.service.recordMeasure(user, input) };
  }

  @ResolveField(() => PersonReference, { description: 'The member. 党员' })
  person(@Parent() rating: PartyMemberRating): PersonReference {
    return { id: rating.personId };
  }

  @ResolveField(() => [RatingRound], { description: 'The quarterly rounds of the year. 各季度评星' })
  rounds(@Parent() rating: PartyMemberRating, @Context() context: GraphQLContext): Promise<RatingRound[]> {
    return requestLoader<string, RatingRound[]>(context, 'ratingRounds', async (ids) =>
      groupBy(ids, await this.service.roundsOfRatings(ids), (round) => round.ratingId),
    )
      .load(rating.id)
      .then((rounds) => rounds ?? []);
  }
}

@Resolver(() => RatingRound)
export class RatingRoundResolver {
  constructor(private readonly service: StarRatingService) {}

  @Query(() => RatingRound, { description: 'A quarterly rating round. 季度评星轮次' })
  @Roles(...ALL_ROLES)
  ratingRound(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Id. 编号' }) id: string): Promise<RatingRound> {
    return this.service.round(user, id);
  }

  @Idempotent()
  @Mutation(() => OpenRatingRoundPayload, { description: "Open a member's quarterly rating (the branch committee and above). 开启党员季度评星" })
  @Roles(...ROUND_OPENERS)
  async openRatingRound(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: OpenRatingRoundInput): Promise<OpenRatingRoundPayload> {
    return { round: await this.service.openRound(user, input) };
  }

  @Idempotent()
  @Mutation(() => RecordRatingStepPayload, {
    description:
      'Record the next step of "三评一定一公示": the member self-rates; the branch committee (grid leader, village admin) rates; the party committee (township admin) reviews; the assembly decides and the result is notified (village or township admin). Out of order: CONFLICT. 记录评星步骤',
  })
  @Roles(...ALL_ROLES)
  recordRatingStep(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RecordRatingStepInput): Promise<RecordRatingStepPayload> {
    return this.service.recordStep(user, input);
  }

  @ResolveField(() => PersonReference, { description: 'The member. 党员' })
  person(@Parent() round: RatingRound): PersonReference {
    return { id: round.personId };
  }

  @ResolveField(() => PartyMemberRating, { description: 'The yearly rating it counts towards. 所属年度评定' })
  rating(@Parent() round: RatingRound, @Context() context: GraphQLContext): Promise<PartyMemberRating | null> {
    return requestLoader<string, PartyMemberRating>(context, 'ratingsById', async (ids) =>
      byKeys(ids, await this.service.ratingsByIds(ids), (rating) => rating.id),
    ).load(round.ratingId);
  }

  @ResolveField(() => [RatingStepRecord], { description: 'The step log, oldest first; append-only. 步骤记录' })
  steps(@Parent() round: RatingRound, @Context() context: GraphQLContext): Promise<RatingStepRecord[]> {
    return requestLoader<string, RatingStepRecord[]>(context, 'roundSteps', async (ids) =>
      groupBy(ids, await this.service.stepsOfRounds(ids), (step) => step.roundId),
    )
      .load(round.id)
      .then((steps) => steps ?? []);
  }

  @ResolveField(() => [RatingEntry], {
    description: 'Every sheet handed in, line by line, with the step it belongs to; the one of sheetStep counts. 评分明细',
  })
  entries(@Parent() round: RatingRound, @Context() context: GraphQLContext): Promise<RatingEntry[]> {
    return requestLoader<string, RatingEntry[]>(context, 'roundEntries', async (ids) =>
      groupBy(ids, await this.service.entriesOfRounds(ids), (entry) => entry.roundId),
    )
      .load(round.id)
      .then((entries) => entries ?? []);
  }
}

/**
 * Person.starRating and Person.starRatingHistory: the ratings of every Person in a response come
 * from one query per request. Readable by the member, their area's admins and grid leader, and
 * auditors; null for everyone else.
 */
@Resolver(() => PersonReference)
export class PersonStarRatingResolver {
  constructor(private readonly service: StarRatingService) {}

  @ResolveReference()
  resolveReference(reference: { id: string }): PersonReference {
    return { id: reference.id };
  }

  private visibleRatings(context: GraphQLContext, personId: string): Promise<PartyMemberRating[]> {
    const user = authenticatedUser(context);
    return requestLoader<string, PartyMemberRating[]>(context, 'personStarRatings', async (ids) =>
      groupBy(ids, await this.service.visibleRatingsOfPersons(user, ids), (rating) => rating.personId),
    )
      .load(personId)
      .then((ratings) => ratings ?? []);
  }

  @ResolveField(() => PartyMemberRating, {
    nullable: true,
    description:
      "The party member's star rating: the given year, else the latest year rated (stars, score per star, outcome). Null if not rated or not yours to read. 党员星级评定",
  })
  async starRating(
    @Parent() person: PersonReference,
    @Context() context: GraphQLContext,
    @Args('year', { type: () => Int, nullable: true, description: 'Year; the latest rated if omitted. 年度' }) year?: number,
  ): Promise<PartyMemberRating | null> {
    const ratings = await this.visibleRatings(context, person.id);
    return (year === undefined ? ratings[0] : ratings.find((rating) => rating.year === year)) ?? null;
  }

  @ResolveField(() => [PartyMemberRating], {
    nullable: true,
    description: "The party member's star ratings of every year, newest first. Null if none or not yours to read. 历年星级评定",
  })
  async starRatingHistory(@Parent() person: PersonReference, @Context() context: GraphQLContext): Promise<PartyMemberRating[] | null> {
    const ratings = await this.visibleRatings(context, person.id);
    return ratings.length > 0 ? ratings : null;
  }
}

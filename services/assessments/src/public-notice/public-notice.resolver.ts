import { Args, Context, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { authenticatedUser, CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, ConnectionType, PageArgs, requestLoader } from '@lianxin/graphql';
import type { GraphQLContext } from '../graphql-context.js';
import { RatingRound } from '../star-rating/rating-round.entity.js';
import { NoticeObjection, PublicNotice } from './public-notice.entity.js';
import { AnswerObjectionInput, FileObjectionInput, FinalizeNoticeInput, OpenLeaderboardNoticeInput } from './public-notice.inputs.js';
import { mayReadNotice, NOTICE_COMMITTEE_ROLES, NOTICE_READERS } from './public-notice.policy.js';
import { PublicNoticeService } from './public-notice.service.js';
import { Idempotent } from '@lianxin/platform';

export const PublicNoticeConnection = ConnectionType(PublicNotice, 'PublicNotice', 'Results on public notice, newest first. 公示');

@ObjectType({ description: 'The notice after the change. 变更后的公示' })
export class PublicNoticePayload {
  @Field(() => PublicNotice, { description: 'The notice. 公示' })
  notice: PublicNotice;
}

@ObjectType({ description: 'The objection after the change. 变更后的异议' })
export class ObjectionPayload {
  @Field(() => NoticeObjection, { description: 'The objection. 异议' })
  objection: NoticeObjection;
}

@Resolver(() => PublicNotice)
export class PublicNoticeResolver {
  constructor(private readonly service: PublicNoticeService) {}

  @Query(() => PublicNoticeConnection, {
    description: "§8.5 results on public notice in a village (default: yours): its residents and members read those in their notice period; staff of the area all. 公示栏",
  })
  @Roles(...NOTICE_READERS)
  publicNotices(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('villageCode', { nullable: true, description: 'Village (12 digits). 村（社区）代码' }) villageCode?: string,
  ) {
    return this.service.list(user, villageCode, page);
  }

  @Query(() => PublicNotice, { description: '§8.5 one result on public notice. 公示' })
  @Roles(...NOTICE_READERS)
  publicNotice(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Id. 编号' }) id: string): Promise<PublicNotice> {
    return this.service.notice(user, id);
  }

  @Idempotent()
  @Mutation(() => PublicNoticePayload, { description: "§8.5 put a village's monthly points leaderboard on public notice (committee). 积分榜公示" })
  @Roles(...NOTICE_COMMITTEE_ROLES)
  async openLeaderboardNotice(@CurrentUser() user: AuthUser, @Args('input', { description: 'The notice. 输入' }) input: OpenLeaderboardNoticeInput): Promise<PublicNoticePayload> {
    return { notice: await this.service.openLeaderboard(user, input) };
  }

  @Idempotent()
  @Mutation(() => ObjectionPayload, { description: '§8.5 object to a result during its notice period (residents and members of the village). 提出异议' })
  @Roles(Role.RESIDENT, Role.VOLUNTEER)
  async fileObjection(@CurrentUser() user: AuthUser, @Args('input', { description: 'The objection. 输入' }) input: FileObjectionInput): Promise<ObjectionPayload> {
    return { objection: await this.service.fileObjection(user, input) };
  }

  @Mutation(() => ObjectionPayload, { description: '§8.5 the committee answers an objection before the result is final. 答复异议' })
  @Roles(...NOTICE_COMMITTEE_ROLES)
  async answerObjection(@CurrentUser() user: AuthUser, @Args('input', { description: 'The answer. 输入' }) input: AnswerObjectionInput): Promise<ObjectionPayload> {
    return { objection: (await this.service.answerObjection(user, input)).objection };
  }

  @Mutation(() => PublicNoticePayload, { description: '§8.5 make the result final: after the notice period, every objection answered. 公示定案' })
  @Roles(...NOTICE_COMMITTEE_ROLES)
  async finalizeNotice(@CurrentUser() user: AuthUser, @Args('input', { description: 'The notice. 输入' }) input: FinalizeNoticeInput): Promise<PublicNoticePayload> {
    return { notice: await this.service.finalize(user, input) };
  }

  @ResolveField(() => [NoticeObjection], { description: 'Objections: all for staff of the area, your own for residents and members. 异议' })
  objections(@Parent() notice: PublicNotice, @CurrentUser() user: AuthUser): Promise<NoticeObjection[]> {
    return this.service.objectionsOf(user, notice);
  }

  @ResolveField(() => Int, { description: 'Objections filed. 异议数' })
  async objectionCount(@Parent() notice: PublicNotice): Promise<number> {
    return (await this.service.counts(notice.id)).total;
  }

  @ResolveField(() => Int, { description: 'Objections not answered yet (the result cannot be final while any is). 未答复异议数' })
  async unansweredObjections(@Parent() notice: PublicNotice): Promise<number> {
    return (await this.service.counts(notice.id)).unanswered;
  }

  @ResolveField(() => Boolean, { description: 'The result is final. 是否已定案' })
  final(@Parent() notice: PublicNotice): boolean {
    return notice.status === 'FINAL';
  }
}

@Resolver(() => RatingRound)
export class RatingRoundNoticeResolver {
  constructor(private readonly service: PublicNoticeService) {}

  @ResolveField(() => PublicNotice, { nullable: true, description: '§8.5 the public notice of this round (after PUBLICLY_NOTIFIED). 公示' })
  async publicNotice(@Parent() round: RatingRound, @Context() context: GraphQLContext): Promise<PublicNotice | null> {
    const user = authenticatedUser(context);
    const notice = await requestLoader<string, PublicNotice>(context, 'roundNotice', async (ids) =>
      byKeys(ids, await this.service.noticesOfRounds(ids), (n) => n.roundId!),
    ).load(round.id);
    return notice && mayReadNotice(user, notice) ? notice : null;
  }
}

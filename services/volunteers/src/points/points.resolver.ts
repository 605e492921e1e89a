import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { authenticatedUser, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, PageArgs, requestLoader } from '@lianxin/graphql';
import { ADMIN_ROLES, READ_ROLES, STAFF_READ_ROLES } from '../common/access.js';
import { PersonReference, personRef } from '../federation/person.reference.js';
import type { GraphQLContext } from '../graphql-context.js';
import { AccountService } from './account.service.js';
import { LedgerEntry, LedgerPosting } from './ledger.entity.js';
import { PointAccount } from './point-account.entity.js';
import { PointRule } from './point-rule.entity.js';
import { PointAccountKind } from './points-enums.js';
import { LeaderboardArgs, OpenPointAccountInput, VetoPointsInput } from './points.inputs.js';
import { PointsQueryService } from './points-query.service.js';
import { Leaderboard, LedgerEntryConnection, PointAccountPayload, PointVetoConnection, VetoPointsPayload } from './points.types.js';
import { VetoService } from './veto.service.js';

@Resolver(() => PointAccount)
export class PointAccountResolver {
  constructor(
    private readonly points: PointsQueryService,
    private readonly accounts: AccountService,
    private readonly vetoes: VetoService,
  ) {}

  @Query(() => PointAccount, { description: 'One points account: the holder\'s own, or staff in their area. 按ID查询积分账户' })
  @Roles(...READ_ROLES)
  pointAccount(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Account id. 账户ID' }) id: string): Promise<PointAccount> {
    return this.points.account(user, id);
  }

  @Query(() => [PointAccount], { description: 'Your own points accounts. 我的积分账户' })
  @Roles(...READ_ROLES)
  myPointAccounts(@CurrentUser() user: AuthUser): Promise<PointAccount[]> {
    return this.points.myAccounts(user);
  }

  @Query(() => [PointRule], { description: 'The points rules (双积分 rules per source, account kind and member type). 积分规则' })
  @Roles(...READ_ROLES)
  pointRules(): Promise<PointRule[]> {
    return this.points.rules();
  }

  @Query(() => Leaderboard, {
    description:
      'A village\'s monthly leaderboard by points awarded in the month; for admins and auditors of the village or above, and its grid staff, volunteers and residents. 月度积分榜',
  })
  @Roles(...READ_ROLES)
  async leaderboard(@CurrentUser() user: AuthUser, @Args() args: LeaderboardArgs): Promise<Leaderboard> {
    const kind = args.accountKind ?? PointAccountKind.CIVIC;
    const rows = await this.points.leaderboard(user, args.villageCode, args.month, kind, args.top ?? 10);
    return {
      villageCode: args.villageCode,
      month: args.month,
      accountKind: kind,
      entries: rows.map((row) => ({ rank: row.rank, person: personRef(row.personId), points: row.points, balance: row.balance })),
    };
  }

  @Query(() => PointVetoConnection, { description: 'Red-line vetoes in your area, newest first. 一票否决记录' })
  @Roles(...STAFF_READ_ROLES)
  pointVetoes(@CurrentUser() user: AuthUser, @Args() page: PageArgs) {
    return this.vetoes.list(user, page);
  }

  @Mutation(() => PointAccountPayload, { description: 'Open (or find) a person\'s points account and link their login. 开立积分账户' })
  @Roles(...ADMIN_ROLES)
  async openPointAccount(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: OpenPointAccountInput): Promise<PointAccountPayload> {
    return { account: await this.accounts.open(user, input) };
  }

  @Mutation(() => VetoPointsPayload, { description: 'Red-line veto: void a person\'s points of a period by a reversing posting (一票否决). 一票否决' })
  @Roles(...ADMIN_ROLES)
  async vetoPoints(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: VetoPointsInput): Promise<VetoPointsPayload> {
    const veto = await this.vetoes.veto(user, input);
    return { veto, account: await this.points.account(user, veto.accountId) };
  }

  @ResolveField(() => PersonReference, { nullable: true, description: 'The holder; null for system accounts. 持有人' })
  person(@Parent() account: PointAccount): PersonReference | null {
    return personRef(account.personId);
  }

  @ResolveField(() => LedgerEntryConnection, { description: 'The account\'s entries, newest first. 积分明细' })
  entries(@Parent() account: PointAccount, @Context() context: GraphQLContext, @Args() page: PageArgs) {
    return this.points.entries(authenticatedUser(context), account, page);
  }
}

@Resolver(() => LedgerEntry)
export class LedgerEntryResolver {
  constructor(private readonly points: PointsQueryService) {}

  @ResolveField(() => LedgerPosting, { description: 'The posting: why the points moved. 记账凭证' })
  async posting(@Parent() entry: LedgerEntry, @Context() context: GraphQLContext): Promise<LedgerPosting> {
    const posting = await requestLoader<string, LedgerPosting>(context, 'posting', async (ids) =>
      byKeys(ids, await this.points.postings(ids), (row) => row.id),
    ).load(entry.posting);
    return posting!;
  }
}

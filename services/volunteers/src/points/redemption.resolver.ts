import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { ADMIN_ROLES, READ_ROLES } from '../common/access.js';
import { PointsQueryService } from './points-query.service.js';
import { CatalogueArgs, CreateRedemptionItemInput, RedeemInput, RestockRedemptionItemInput } from './points.inputs.js';
import { RedeemPayload, RedemptionConnection, RedemptionItemConnection, RedemptionItemPayload, RedemptionWindowType } from './points.types.js';
import { RedemptionItem } from './redemption.entity.js';
import { RedemptionService } from './redemption.service.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => RedemptionItem)
export class RedemptionResolver {
  constructor(
    private readonly service: RedemptionService,
    private readonly points: PointsQueryService,
  ) {}

  @Query(() => RedemptionItemConnection, { description: 'The redemption catalogue offered to an area (default: yours). 积分兑换目录' })
  @Roles(...READ_ROLES)
  redemptionItems(@CurrentUser() user: AuthUser, @Args() args: CatalogueArgs, @Args() page: PageArgs) {
    return this.service.items(user, args.areaCode, page);
  }

  @Query(() => RedemptionWindowType, { description: 'Whether points may be redeemed now, and the redemption days. 积分兑换日' })
  @Roles(...READ_ROLES)
  redemptionWindow(): RedemptionWindowType {
    return this.service.window();
  }

  @Query(() => RedemptionConnection, { description: 'Redemptions: staff their area\'s, holders their own; newest first. 兑换记录' })
  @Roles(...READ_ROLES)
  redemptions(@CurrentUser() user: AuthUser, @Args() page: PageArgs) {
    return this.service.list(user, page);
  }

  @Idempotent()
  @Mutation(() => RedemptionItemPayload, { description: 'Add an item to the redemption catalogue of your area. 新增兑换品' })
  @Roles(...ADMIN_ROLES)
  async createRedemptionItem(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: CreateRedemptionItemInput): Promise<RedemptionItemPayload> {
    return { item: await this.service.createItem(user, input) };
  }

  @Mutation(() => RedemptionItemPayload, { description: 'Add units to an item\'s stock. 补充库存' })
  @Roles(...ADMIN_ROLES)
  async restockRedemptionItem(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RestockRedemptionItemInput): Promise<RedemptionItemPayload> {
    return { item: await this.service.restock(user, input) };
  }

  @Idempotent()
  @Mutation(() => RedeemPayload, {
    description: 'Redeem points on a redemption day; the balance never goes negative, the stock never below zero. 积分兑换',
  })
  @Roles(...ADMIN_ROLES, Role.VOLUNTEER, Role.RESIDENT)
  async redeem(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RedeemInput): Promise<RedeemPayload> {
    const redemption = await this.service.redeem(user, input);
    const [account, item] = await Promise.all([this.points.account(user, redemption.accountId), this.service.item(redemption.itemId)]);
    return { redemption, account, item };
  }
}

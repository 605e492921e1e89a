import { randomUUID } from 'node:crypto';
import type { QueryResult } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { hasAnyRole, type AuthUser } from '@lianxin/auth';
import { ancestorCodesOf, prefixPattern } from '@lianxin/db';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, newestFirst, notFound, paginate, type Connection, type PageArgs, withoutIdempotencyKey } from '@lianxin/graphql';
import { ADMIN_ROLES, assertMayManage, browsePrefix, isStaffReader, mayBrowse, mayManage, mayReadAsStaff } from '../common/access.js';
import { areaCondition } from '../common/area-filter.js';
import { chinaDate, quarterEndWindow, type RedemptionWindow } from '../common/periods.js';
import { VolunteerEvents, type PointsEventData } from '../events/volunteer-events.js';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../volunteers-config.js';
import { LedgerService } from './ledger.service.js';
import { PointAccount } from './point-account.entity.js';
import { PointAccountKind, PointSource, PostingKind } from './points-enums.js';
import type { CreateRedemptionItemInput, RedeemInput, RestockRedemptionItemInput } from './points.inputs.js';
import { Redemption, RedemptionItem } from './redemption.entity.js';

const pager = newestFirst<Redemption>('createdAt');

/**
 * Quarterly redemption (DOMAIN.md §5). A redemption locks the person's account row (with the
 * village's REDEMPTIONS account, in id order) before reading the balance, and takes stock with a
 * conditional UPDATE, all in the transaction that writes the posting: concurrent redemptions
 * never overdraw an account or the stock.
 */
@Injectable()
export class RedemptionService {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: LedgerService,
    @Inject(VOLUNTEERS_CONFIG) private readonly config: VolunteersConfig,
  ) {}

  window(now = new Date()): RedemptionWindow {
    switch (this.config.redemptionDays) {
      case 'always':
        return { open: true, firstDay: chinaDate(now), lastDay: chinaDate(now) };
      case 'never':
        return { open: false, firstDay: null, lastDay: null };
      default:
        return quarterEndWindow(now, this.config.redemptionWindowDays);
    }
  }

  async createItem(user: AuthUser, input: CreateRedemptionItemInput): Promise<RedemptionItem> {
    assertMayManage(user, input.areaCode, 'manage the redemption catalogue');
    const name = input.name.trim();
    if (!name) throw badUserInput('name', 'must not be blank');
    return this.em.transactional(async (em) => em.create(RedemptionItem, { ...withoutIdempotencyKey(input), name, description: input.description?.trim() || null }));
  }

  async restock(user: AuthUser, input: RestockRedemptionItemInput): Promise<RedemptionItem> {
    return this.em.transactional(async (em) => {
      const item = await em.findOne(RedemptionItem, { id: input.itemId });
      if (!item || !mayBrowse(user, item.areaCode)) throw notFound('RedemptionItem', input.itemId);
      assertMayManage(user, item.areaCode, 'manage the redemption catalogue');
      // An increment, not a write of the value read: redemptions may take stock at the same time.
      await em.execute<QueryResult>(
            `update redemption_item set stock = stock + ?, updated_at = ? where id = ?`, [input.quantity, new Date(), item.id], 'run');
      return em.findOneOrFail(RedemptionItem, { id: item.id }, { refresh: true });
    });
  }

  item(id: string): Promise<RedemptionItem> {
    return this.em.findOneOrFail(RedemptionItem, { id }, { refresh: true });
  }

  /** Items offered to an area (from the county down to it) and, for staff, those of the areas below it. */
  items(user: AuthUser, areaCode: string | undefined, page: PageArgs): Promise<Connection<RedemptionItem>> {
    const prefix = browsePrefix(user);
    if (prefix === null) throw forbidden('your roles cannot see the redemption catalogue');
    const area = areaCode ?? prefix;
    if (!area.startsWith(prefix) && !prefix.startsWith(area)) throw forbidden(`area ${area} is outside your area ${prefix}`);
    const offeredTo = [...ancestorCodesOf(area), area];
    const where = {
      active: true,
      $or: [{ areaCode: { $in: offeredTo } }, ...(isStaffReader(user) && area.startsWith(prefix) ? [{ areaCode: { $like: prefixPattern(area) } }] : [])],
    };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(RedemptionItem, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (item) => item.id,
      () => this.em.count(RedemptionItem, where),
    );
  }

  async redeem(user: AuthUser, input: RedeemInput, now = new Date()): Promise<Redemption> {
    const quantity = input.quantity ?? 1;
    return this.em.transactional(async (em) => {
      // Whose points comes first (§8.7): naming someone else is refused on any day.
      const account = await this.accountToSpend(em, user, input);
      const window = this.window(now);
      if (!window.open) {
        throw conflict(window.firstDay ? `points are redeemed on redemption days only (next: ${window.firstDay} to ${window.lastDay})` : 'redemption is closed');
      }
      const item = await em.findOne(RedemptionItem, { id: input.itemId });
      if (!item || !item.active) throw badUserInput('itemId', 'no such item in the catalogue');
      if (!account.areaCode.startsWith(item.areaCode)) throw badUserInput('itemId', `the item is offered in ${item.areaCode}, not to accounts of ${account.areaCode}`);
      const cost = item.pointsCost * quantity;
      const till = await this.ledger.systemAccount(em, PointAccountKind.REDEMPTIONS, account.areaCode);
      const balances = await this.ledger.lockAccounts(em, [account.id, till.id]);
      const balance = balances.get(account.id) ?? 0;
      if (balance < cost) throw conflict(`the balance is ${balance} points; ${cost} are needed`);
      const taken = await em.execute<QueryResult>(
            `update redemption_item set stock = stock - ? where id = ? and stock >= ?`, [quantity, item.id, quantity], 'run');
      if (taken.affectedRows === 0) throw conflict(`${item.name} is out of stock`);
      const redemptionId = randomUUID();
      const idempotencyKey = `redemption:${redemptionId}`;
      const posted = await this.ledger.post(em, {
        idempotencyKey,
        kind: PostingKind.REDEMPTION,
        source: PointSource.REDEMPTION,
        memo: `兑换 ${item.name} × ${quantity}`,
        areaCode: account.areaCode,
        occurredAt: now,
        actor: user.sub,
        lines: [
          { accountId: account.id, amount: -cost },
          { accountId: till.id, amount: cost },
        ],
      });
      const redemption = em.create(Redemption, {
        id: redemptionId,
        itemId: item.id,
        accountId: account.id,
        personId: account.personId!,
        accountKind: account.kind,
        areaCode: account.areaCode,
        quantity,
        points: cost,
        postingId: posted!.postingId,
        redeemedByUserId: user.sub,
      });
      recordEvent<PointsEventData>(em, {
        type: VolunteerEvents.POINTS_REDEEMED,
        areaCode: account.areaCode,
        actor: user.sub,
        data: {
          postingId: posted!.postingId,
          idempotencyKey,
          source: PointSource.REDEMPTION,
          ruleCode: null,
          accountId: account.id,
          accountKind: account.kind,
          personId: account.personId!,
          areaCode: account.areaCode,
          points: cost,
          balance: posted!.balances.get(account.id)!,
          occurredAt: now.toISOString(),
          itemId: item.id,
          quantity,
        },
      });
      return redemption;
    });
  }

  /**
   * Whose points are spent (§8.7): the caller's own account (personId omitted, or naming the caller's
   * own person); a volunteer or resident naming anyone else is FORBIDDEN whether or not that person has
   * an account; an area admin may redeem for a person of their own area.
   */
  private async accountToSpend(em: EntityManager, user: AuthUser, input: RedeemInput): Promise<PointAccount> {
    const own = await em.findOne(PointAccount, { holderUserId: user.sub, kind: input.accountKind }, { refresh: true });
    if (!input.personId || input.personId === own?.personId) {
      if (!own) throw notFound(`your own ${input.accountKind} account`, user.sub);
      return own;
    }
    if (!hasAnyRole(user, ADMIN_ROLES)) throw forbidden('you may redeem only your own points (§8.7)');
    const account = await this.ledger.findPersonAccount(em, input.personId, input.accountKind);
    if (!account || !mayReadAsStaff(user, account.areaCode)) throw notFound(`${input.accountKind} account of person`, input.personId);
    if (!mayManage(user, account.areaCode)) throw forbidden('only the holder or an area admin of their area may redeem these points');
    return account;
  }

  /** Staff and auditors see their area's redemptions; holders those of their own accounts. */
  async list(user: AuthUser, page: PageArgs): Promise<Connection<Redemption>> {
    const own = isStaffReader(user) ? [] : await this.em.find(PointAccount, { holderUserId: user.sub });
    const scope = isStaffReader(user) ? areaCondition(user.areaCode, undefined) : { accountId: { $in: own.map((account) => account.id) } };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Redemption, { $and: [scope, pager.after(afterKey)] }, { orderBy: pager.orderBy, limit }),
      pager.keyOf,
      () => this.em.count(Redemption, scope),
    );
  }
}

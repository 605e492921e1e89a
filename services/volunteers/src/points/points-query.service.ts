import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import { forbidden, newestFirst, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { mayReadLeaderboard, volunteerPrefix } from '../common/access.js';
import { parsePeriod } from '../common/periods.js';
import { LedgerEntry, LedgerPosting } from './ledger.entity.js';
import { PointAccount } from './point-account.entity.js';
import { PointRule } from './point-rule.entity.js';
import { PointAccountKind, PostingKind } from './points-enums.js';

/** A holder sees their own accounts; staff and auditors those of the persons they may see (grid staff: their village's). */
export function mayReadAccount(user: AuthUser, account: PointAccount): boolean {
  if (account.holderUserId !== null && account.holderUserId === user.sub) return true;
  const prefix = volunteerPrefix(user);
  return prefix !== null && account.areaCode.startsWith(prefix);
}

export interface LeaderboardRow {
  rank: number;
  accountId: string;
  personId: string;
  points: number;
  balance: number;
}

const entryPager = newestFirst<LedgerEntry>('createdAt');

@Injectable()
export class PointsQueryService {
  constructor(private readonly em: EntityManager) {}

  async account(user: AuthUser, id: string): Promise<PointAccount> {
    const account = await this.em.findOne(PointAccount, { id }, { refresh: true });
    if (!account || !mayReadAccount(user, account)) throw notFound('PointAccount', id);
    return account;
  }

  myAccounts(user: AuthUser): Promise<PointAccount[]> {
    return this.em.find(PointAccount, { holderUserId: user.sub }, { orderBy: { kind: 'asc' } });
  }

  /** Accounts of many persons the caller may see, in one query (Person.points). */
  async accountsOfPersons(user: AuthUser, personIds: readonly string[]): Promise<Map<string, PointAccount[]>> {
    const accounts = await this.em.find(PointAccount, { personId: { $in: [...personIds] } }, { orderBy: { kind: 'asc' } });
    const result = new Map<string, PointAccount[]>();
    for (const account of accounts.filter((candidate) => mayReadAccount(user, candidate))) {
      result.set(account.personId!, [...(result.get(account.personId!) ?? []), account]);
    }
    return result;
  }

  /** The account's statement, newest first. */
  entries(user: AuthUser, account: PointAccount, page: PageArgs): Promise<Connection<LedgerEntry>> {
    if (!mayReadAccount(user, account)) throw forbidden('you may not see this account');
    const where = { account: account.id };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(LedgerEntry, { $and: [where, entryPager.after(afterKey)] }, { orderBy: entryPager.orderBy, limit }),
      entryPager.keyOf,
      () => this.em.count(LedgerEntry, where),
    );
  }

  /** Postings by id, in one query (LedgerEntry.posting). */
  postings(ids: readonly string[]): Promise<LedgerPosting[]> {
    return this.em.find(LedgerPosting, { id: { $in: [...ids] } });
  }

  rules(): Promise<PointRule[]> {
    return this.em.find(PointRule, {}, { orderBy: { source: 'asc', accountKind: 'asc', code: 'asc' } });
  }

  /**
   * Monthly publication (DOMAIN.md §5): the village's holders ranked by points awarded in the month
   * (by when the deed happened); an account with a red-line veto covering the month is left out.
   */
  async leaderboard(user: AuthUser, villageCode: string, month: string, kind: PointAccountKind, top: number): Promise<LeaderboardRow[]> {
    if (!mayReadLeaderboard(user, villageCode)) throw forbidden(`the leaderboard of ${villageCode} is published to its own people and those above it`);
    const period = parsePeriod(month)!;
    const rows = await this.em.execute<Array<{ account_id: string; person_id: string; points: string; balance: number }>>(
      `select a.id as account_id, a.person_id, sum(e.amount) as points, a.balance
       from ledger_entry e
       join ledger_posting p on p.id = e.posting_id
       join point_account a on a.id = e.account_id
       where a.kind = ? and a.area_code like ? and p.kind = ? and p.occurred_at >= ? and p.occurred_at < ?
         and not exists (select 1 from point_veto v where v.account_id = a.id and v.period_start < ? and v.period_end > ?)
       group by a.id, a.person_id, a.balance
       having sum(e.amount) > 0
       order by points desc, a.person_id
       limit ?`,
      [kind, prefixPattern(villageCode), PostingKind.AWARD, period.start, period.end, period.end, period.start, top],
    );
    // Competition ranking: equal points share a place, the next place is skipped (1, 2, 2, 4).
    let rank = 0;
    return rows.map((row, index) => {
      if (index === 0 || Number(row.points) !== Number(rows[index - 1].points)) rank = index + 1;
      return { rank, accountId: row.account_id, personId: row.person_id, points: Number(row.points), balance: Number(row.balance) };
    });
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, newestFirst, notFound, paginate, type Connection, type PageArgs, forbidden } from '@lianxin/graphql';
import { assertMayManage, isStaffReader, mayReadAsStaff } from '../common/access.js';
import { areaCondition } from '../common/area-filter.js';
import { parsePeriod } from '../common/periods.js';
import { VolunteerEvents, type PointsEventData } from '../events/volunteer-events.js';
import { LedgerService } from './ledger.service.js';
import { PointVeto } from './point-veto.entity.js';
import { PointAccountKind, PointSource, PostingKind } from './points-enums.js';
import type { VetoPointsInput } from './points.inputs.js';

const pager = newestFirst<PointVeto>('createdAt');

/**
 * Red-line veto (一票否决, DOMAIN.md §5; issue 15): the points a person was awarded in a period are void.
 * Points are never deleted: reversing postings (VOID, source RED_LINE_VETO) take them back to the
 * village's AWARDS_ISSUED account, so the ledger stays balanced and no balance goes below zero.
 *
 * - At the veto: the period's awards are taken back, at most the balance then.
 * - Later postings of the period (a declaration verified after the veto, a replayed case event, a
 *   manual award dated in the period): the award is posted and reversed in the same transaction
 *   (AwardService.settleVetoes), so the veto holds for every posting dated in it, however late.
 * - Points of the period already redeemed before the veto (goods handed out cannot be taken back):
 *   the rest is `pointsOutstanding` and is taken back from the account's later awards, whatever
 *   their period, by reversing entries until it is 0. Nothing is ever reversed below a zero balance.
 */
@Injectable()
export class VetoService {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: LedgerService,
  ) {}

  async veto(user: AuthUser, input: VetoPointsInput): Promise<PointVeto> {
    const period = parsePeriod(input.period);
    if (!period) throw badUserInput('period', 'must be YYYY-MM, YYYY-Qn or YYYY');
    const reason = input.reason.trim();
    if (!reason) throw badUserInput('reason', 'must not be blank');
    return this.em.transactional(async (em) => {
      const found = await this.ledger.findPersonAccount(em, input.personId, input.accountKind);
      if (!found || !mayReadAsStaff(user, found.areaCode)) throw notFound(`${input.accountKind} account of person`, input.personId);
      assertMayManage(user, found.areaCode, 'veto points');
      const issuer = await this.ledger.systemAccount(em, PointAccountKind.AWARDS_ISSUED, found.areaCode);
      // Both rows locked (in id order) before reading: concurrent vetoes, awards and redemptions wait.
      const balances = await this.ledger.lockAccounts(em, [found.id, issuer.id]);
      const overlapping = await em.findOne(PointVeto, { accountId: found.id, periodStart: { $lt: period.end }, periodEnd: { $gt: period.start } });
      if (overlapping) throw conflict(`the account already has a veto for ${overlapping.period}`);
      const [{ earned }] = await em.execute<Array<{ earned: string | null }>>(
        `select sum(e.amount) as earned from ledger_entry e join ledger_posting p on p.id = e.posting_id
         where e.account_id = ? and p.kind = ? and p.occurred_at >= ? and p.occurred_at < ?`,
        [found.id, PostingKind.AWARD, period.start, period.end],
      );
      const balance = balances.get(found.id) ?? 0;
      const voided = Math.max(0, Math.min(Number(earned ?? 0), balance));
      // Redeemed before the veto: taken back from later awards (AwardService.settleVetoes).
      const outstanding = Math.max(0, Number(earned ?? 0) - voided);
      const veto = em.create(PointVeto, {
        accountId: found.id,
        personId: input.personId,
        areaCode: found.areaCode,
        period: period.label,
        periodStart: period.start,
        periodEnd: period.end,
        reason,
        pointsVoided: voided,
        pointsOutstanding: outstanding,
        vetoedByUserId: user.sub,
      });
      if (voided === 0) return veto;
      const idempotencyKey = `red-line-veto:${found.id}:${period.label}`;
      const posted = await this.ledger.post(em, {
        idempotencyKey,
        kind: PostingKind.VOID,
        source: PointSource.RED_LINE_VETO,
        memo: `一票否决（${period.label}）：${reason}`,
        areaCode: found.areaCode,
        occurredAt: new Date(),
        actor: user.sub,
        lines: [
          { accountId: found.id, amount: -voided },
          { accountId: issuer.id, amount: voided },
        ],
      });
      if (!posted) throw conflict(`the account's points for ${period.label} were already voided`);
      veto.postingId = posted.postingId;
      recordEvent<PointsEventData>(em, {
        type: VolunteerEvents.POINTS_VOIDED,
        areaCode: found.areaCode,
        actor: user.sub,
        data: {
          postingId: posted.postingId,
          idempotencyKey,
          source: PointSource.RED_LINE_VETO,
          ruleCode: null,
          accountId: found.id,
          accountKind: found.kind,
          personId: input.personId,
          areaCode: found.areaCode,
          points: voided,
          balance: posted.balances.get(found.id)!,
          occurredAt: new Date().toISOString(),
          period: period.label,
        },
      });
      return veto;
    });
  }

  list(user: AuthUser, page: PageArgs): Promise<Connection<PointVeto>> {
    if (!isStaffReader(user)) throw forbidden('vetoes are for staff and auditors');
    const where = areaCondition(user.areaCode, undefined);
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(PointVeto, { $and: [where, pager.after(afterKey)] }, { orderBy: pager.orderBy, limit }),
      pager.keyOf,
      () => this.em.count(PointVeto, where),
    );
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CountySettings, localDayOf, recordEvent } from '@lianxin/events';
import type { PartyMemberType } from '../common/party-member-type.js';
import { VolunteerEvents, type PointsEventData } from '../events/volunteer-events.js';
import type { Volunteer } from '../volunteer/volunteer.entity.js';
import { LedgerService } from './ledger.service.js';
import type { PointAccount } from './point-account.entity.js';
import { PointRule } from './point-rule.entity.js';
import { PointVeto } from './point-veto.entity.js';
import { PointAccountKind, type PersonAccountKind, PointSource, PostingKind } from './points-enums.js';

export interface AwardRequest {
  personId: string;
  accountKind: PersonAccountKind;
  areaCode: string;
  partyMemberType?: PartyMemberType | null;
  holderUserId?: string | null;
  source: PointSource;
  /** Derived from the business fact (e.g. `case-verified:<caseId>`): the same fact never pays twice. */
  idempotencyKey: string;
  occurredAt: Date;
  actor: string;
  memo: string;
  /** A rule chosen by hand (manual awards); otherwise the rule for the source, account kind and member type. */
  ruleCode?: string;
  /** For MANUAL and DECLARATION rules: the points, at most the rule's. */
  points?: number;
  /** Write no event: demo history loaded by the seed, which nobody should react to. */
  quiet?: boolean;
}

export interface AwardOutcome {
  postingId: string;
  accountId: string;
  ruleCode: string;
  points: number;
  balance: number;
  /** Points of this award reversed at once by a red-line veto (issue 15); 0 when none. */
  voided: number;
}

/** Party members earn PARTY points, everyone else CIVIC points (双积分). */
export function accountKindFor(volunteer: Pick<Volunteer, 'partyMemberType'>): PersonAccountKind {
  return volunteer.partyMemberType ? PointAccountKind.PARTY : PointAccountKind.CIVIC;
}

export function awardRequestFor(volunteer: Volunteer): Pick<AwardRequest, 'personId' | 'accountKind' | 'areaCode' | 'partyMemberType' | 'holderUserId'> {
  return {
    personId: volunteer.personId,
    accountKind: accountKindFor(volunteer),
    areaCode: volunteer.areaCode,
    partyMemberType: volunteer.partyMemberType,
    holderUserId: volunteer.userId,
  };
}

/** Awards points by the rules: a posting from the village's AWARDS_ISSUED account to the person's account. */
@Injectable()
export class AwardService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly countySettings: CountySettings,
  ) {}

  /**
   * The points of a rule in the account's county on the day the act happened (issue 15, county setting
   * POINT_RULES: a county may change a rule's points from a day on, or turn it off with 0); the global
   * rule's points when the county set none.
   */
  async pointsInCounty(em: EntityManager, rule: PointRule, areaCode: string, occurredAt: Date): Promise<number> {
    const setting = await this.countySettings.valueAt(em, areaCode.slice(0, 6), 'POINT_RULES', localDayOf(occurredAt));
    return setting.points[rule.code] ?? rule.points;
  }

  /** The rule in force for a source on an account kind; a member type's own rule wins over the general one. */
  async applicableRule(em: EntityManager, source: PointSource, accountKind: PointAccountKind, memberType: PartyMemberType | null): Promise<PointRule | null> {
    const rules = await em.find(PointRule, {
      source,
      accountKind,
      active: true,
      ...(accountKind === PointAccountKind.PARTY && memberType ? { $or: [{ partyMemberType: memberType }, { partyMemberType: null }] } : { partyMemberType: null }),
    });
    return rules.find((rule) => rule.partyMemberType !== null) ?? rules[0] ?? null;
  }

  /** Null when no rule applies or the fact was awarded before. Runs in the caller's transaction. */
  async award(em: EntityManager, request: AwardRequest): Promise<AwardOutcome | null> {
    const account = await this.ledger.personAccount(em, {
      personId: request.personId,
      kind: request.accountKind,
      areaCode: request.areaCode,
      partyMemberType: request.partyMemberType,
      holderUserId: request.holderUserId,
    });
    const rule = request.ruleCode
      ? await em.findOne(PointRule, { code: request.ruleCode, active: true })
      : await this.applicableRule(em, request.source, account.kind, account.partyMemberType);
    if (!rule) return null;
    const rulePoints = await this.pointsInCounty(em, rule, account.areaCode, request.occurredAt);
    if (rulePoints === 0) return null;
    const points = request.points === undefined ? rulePoints : Math.min(request.points, rulePoints);
    const issuer = await this.ledger.systemAccount(em, PointAccountKind.AWARDS_ISSUED, account.areaCode);
    const posted = await this.ledger.post(em, {
      idempotencyKey: request.idempotencyKey,
      kind: PostingKind.AWARD,
      source: request.source,
      ruleCode: rule.code,
      memo: request.memo,
      areaCode: account.areaCode,
      occurredAt: request.occurredAt,
      actor: request.actor,
      lines: [
        { accountId: account.id, amount: points },
        { accountId: issuer.id, amount: -points },
      ],
    });
    if (!posted) return null;
    const balance = posted.balances.get(account.id)!;
    if (!request.quiet) this.announce(em, request, account, rule.code, points, posted.postingId, balance);
    const settled = await this.settleVetoes(em, request, account, issuer.id, posted.postingId, points, balance);
    return { postingId: posted.postingId, accountId: account.id, ruleCode: rule.code, points, balance: settled.balance, voided: settled.voided };
  }

  /**
   * The red-line veto holds for every later posting (issue 15, veto.service.ts): an award dated inside a
   * vetoed period is reversed in full; otherwise an award pays back what a veto could not take because it
   * was redeemed before (`pointsOutstanding`, oldest veto first). Reversing postings only; the account
   * was just credited with `points`, so it never goes below zero. The account row is locked (the award's
   * posting locked it), so a veto and an award of the same account never interleave.
   */
  private async settleVetoes(
    em: EntityManager,
    request: AwardRequest,
    account: PointAccount,
    issuerId: string,
    awardPostingId: string,
    points: number,
    balance: number,
  ): Promise<{ voided: number; balance: number }> {
    const vetoes = await em.find(PointVeto, { accountId: account.id }, { orderBy: { createdAt: 'asc' } });
    if (vetoes.length === 0) return { voided: 0, balance };
    const at = request.occurredAt.getTime();
    const inPeriod = vetoes.find((veto) => veto.periodStart.getTime() <= at && at < veto.periodEnd.getTime());
    const owed = inPeriod ? null : vetoes.find((veto) => veto.pointsOutstanding > 0);
    const veto = inPeriod ?? owed;
    if (!veto) return { voided: 0, balance };
    const amount = inPeriod ? points : Math.min(points, veto.pointsOutstanding);
    const idempotencyKey = `red-line-veto:${veto.id}:${awardPostingId}`;
    const memo = inPeriod ? `一票否决（${veto.period}）：期间内积分作废` : `一票否决（${veto.period}）：追回否决前已兑换的积分`;
    const posted = await this.ledger.post(em, {
      idempotencyKey,
      kind: PostingKind.VOID,
      source: PointSource.RED_LINE_VETO,
      memo,
      areaCode: account.areaCode,
      occurredAt: request.occurredAt,
      actor: request.actor,
      lines: [
        { accountId: account.id, amount: -amount },
        { accountId: issuerId, amount },
      ],
    });
    if (!posted) return { voided: 0, balance };
    veto.pointsVoided += amount;
    if (!inPeriod) veto.pointsOutstanding -= amount;
    await em.flush();
    const after = posted.balances.get(account.id)!;
    if (!request.quiet) {
      recordEvent<PointsEventData>(em, {
        type: VolunteerEvents.POINTS_VOIDED,
        areaCode: account.areaCode,
        actor: request.actor,
        data: {
          postingId: posted.postingId,
          idempotencyKey,
          source: PointSource.RED_LINE_VETO,
          ruleCode: null,
          accountId: account.id,
          accountKind: account.kind,
          personId: request.personId,
          areaCode: account.areaCode,
          points: amount,
          balance: after,
          occurredAt: request.occurredAt.toISOString(),
          period: veto.period,
        },
      });
    }
    return { voided: amount, balance: after };
  }

  private announce(em: EntityManager, request: AwardRequest, account: PointAccount, ruleCode: string, points: number, postingId: string, balance: number): void {
    recordEvent<PointsEventData>(em, {
      type: VolunteerEvents.POINTS_AWARDED,
      areaCode: account.areaCode,
      actor: request.actor,
      data: {
        postingId,
        idempotencyKey: request.idempotencyKey,
        source: request.source,
        ruleCode,
        accountId: account.id,
        accountKind: account.kind,
        personId: request.personId,
        areaCode: account.areaCode,
        points,
        balance,
        occurredAt: request.occurredAt.toISOString(),
      },
    });
  }
}

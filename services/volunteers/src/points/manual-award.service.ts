import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@lianxin/auth';
import { badUserInput, conflict, forbidden, newestFirst, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { assertCommunityStaff, assertMayManage, isStaffReader, mayReadAsStaff } from '../common/access.js';
import { areaCondition } from '../common/area-filter.js';
import { PersonScope } from '../common/person-scope.js';
import { conflictOnStaleVersion } from '../common/optimistic.js';
import { AwardService } from './award.service.js';
import { LedgerService } from './ledger.service.js';
import { ManualAward } from './manual-award.entity.js';
import { PointRule } from './point-rule.entity.js';
import { ApprovalStatus, type PersonAccountKind, PointSource } from './points-enums.js';
import type { ApproveManualAwardInput, ProposeManualAwardInput, RejectManualAwardInput } from './points.inputs.js';

const pager = newestFirst<ManualAward>('createdAt');

/** Rules whose points are chosen per award, up to the rule's points. */
const CHOSEN_POINT_SOURCES = new Set([PointSource.MANUAL]);

/** Manual awards with four eyes: staff propose, a different area admin approves, then the points move. */
@Injectable()
export class ManualAwardService {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: LedgerService,
    private readonly awards: AwardService,
    private readonly persons: PersonScope,
  ) {}

  async propose(user: AuthUser, input: ProposeManualAwardInput, now = new Date()): Promise<ManualAward> {
    if (input.occurredAt > now) throw badUserInput('occurredAt', 'must not be in the future');
    const reason = input.reason.trim();
    if (!reason) throw badUserInput('reason', 'must not be blank');
    return this.em.transactional(async (em) => {
      const rule = await em.findOne(PointRule, { code: input.ruleCode, active: true });
      if (!rule) throw badUserInput('ruleCode', `no rule ${input.ruleCode} is in force`);
      if (rule.source === PointSource.DECLARATION) throw badUserInput('ruleCode', 'declaration rules are awarded through declarePoints');
      const points = this.pointsUnder(rule, input.points);
      const kind = rule.accountKind as PersonAccountKind;
      const account = await this.ledger.findPersonAccount(em, input.personId, kind);
      const areaCode = account?.areaCode ?? input.areaCode;
      if (!areaCode) throw badUserInput('areaCode', `the person has no ${kind} account yet: give the village or grid they belong to`);
      if (rule.partyMemberType && account?.partyMemberType && account.partyMemberType !== rule.partyMemberType) {
        throw badUserInput('ruleCode', `the rule is for ${rule.partyMemberType} members; this member is ${account.partyMemberType}`);
      }
      assertCommunityStaff(user, areaCode, 'propose manual awards');
      // §8.7: staff name only a resident of their own area.
      await this.persons.assertMayName(em, user, input.personId, 'personId');
      return em.create(ManualAward, {
        personId: input.personId,
        accountKind: kind,
        areaCode,
        ruleCode: rule.code,
        points,
        reason,
        occurredAt: input.occurredAt,
        proposedByUserId: user.sub,
      });
    });
  }

  async approve(user: AuthUser, input: ApproveManualAwardInput, now = new Date()): Promise<ManualAward> {
    return conflictOnStaleVersion(
      () =>
        this.em.transactional(async (em) => {
          const award = await this.pending(em, user, input.manualAwardId, 'approve');
          const rule = await em.findOne(PointRule, { code: award.ruleCode });
          if (!rule) throw conflict(`rule ${award.ruleCode} no longer exists`);
          Object.assign(award, { status: ApprovalStatus.APPROVED, decidedByUserId: user.sub, decidedAt: now });
          await em.flush();
          const outcome = await this.awards.award(em, {
            personId: award.personId,
            accountKind: award.accountKind as PersonAccountKind,
            areaCode: award.areaCode,
            partyMemberType: rule.partyMemberType,
            source: rule.source,
            ruleCode: rule.code,
            points: award.points,
            idempotencyKey: `manual-award:${award.id}`,
            occurredAt: award.occurredAt,
            actor: user.sub,
            memo: award.reason,
          });
          if (!outcome) throw conflict(`rule ${award.ruleCode} is no longer in force`);
          award.postingId = outcome.postingId;
          return award;
        }),
      'the manual award was decided at the same time',
    );
  }

  async reject(user: AuthUser, input: RejectManualAwardInput, now = new Date()): Promise<ManualAward> {
    const note = input.reason.trim();
    if (!note) throw badUserInput('reason', 'must not be blank');
    return conflictOnStaleVersion(
      () =>
        this.em.transactional(async (em) => {
          const award = await this.pending(em, user, input.manualAwardId, 'reject');
          Object.assign(award, { status: ApprovalStatus.REJECTED, decidedByUserId: user.sub, decidedAt: now, decisionNote: note });
          return award;
        }),
      'the manual award was decided at the same time',
    );
  }

  list(user: AuthUser, status: ApprovalStatus | undefined, page: PageArgs): Promise<Connection<ManualAward>> {
    if (!isStaffReader(user)) throw forbidden('manual awards are for staff and auditors');
    const where = { $and: [areaCondition(user.areaCode, undefined), ...(status ? [{ status }] : [])] };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(ManualAward, { $and: [where, pager.after(afterKey)] }, { orderBy: pager.orderBy, limit }),
      pager.keyOf,
      () => this.em.count(ManualAward, where),
    );
  }

  private pointsUnder(rule: PointRule, requested: number | undefined): number {
    if (CHOSEN_POINT_SOURCES.has(rule.source)) {
      if (requested === undefined) throw badUserInput('points', `rule ${rule.code} needs the points (at most ${rule.points})`);
      if (requested > rule.points) throw badUserInput('points', `rule ${rule.code} gives at most ${rule.points}`);
      return requested;
    }
    if (requested !== undefined && requested !== rule.points) throw badUserInput('points', `rule ${rule.code} gives ${rule.points} points`);
    return rule.points;
  }

  /** A proposal the caller may decide: an area admin of its area, not the proposer, while it is PROPOSED. */
  private async pending(em: EntityManager, user: AuthUser, id: string, verb: string): Promise<ManualAward> {
    const award = await em.findOne(ManualAward, { id });
    if (!award || !mayReadAsStaff(user, award.areaCode)) throw notFound('ManualAward', id);
    assertMayManage(user, award.areaCode, `${verb} manual awards`);
    if (award.proposedByUserId === user.sub) throw forbidden(`a different admin must ${verb} the award you proposed`);
    if (award.status !== ApprovalStatus.PROPOSED) throw conflict(`the award is already ${award.status}`);
    return award;
  }
}

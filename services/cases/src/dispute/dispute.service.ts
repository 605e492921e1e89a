import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { levelOfCode, prefixPattern } from '@lianxin/db';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, notFound } from '@lianxin/graphql';
import { CASES_CONFIG, type CasesConfig } from '../cases-config.js';
import { conflictOnDuplicate } from '../common/unique-violation.js';
import { actsAtLevel, mayRead } from '../case/case-access.js';
import { HandlingLevel } from '../case/case-enums.js';
import { accessFactsOf } from '../case/case-facts.js';
import { Case } from '../case/case.entity.js';
import { isDay } from '../deadline/local-time.js';
import type { CaseStatsPeriod } from '../stats/stats.types.js';
import { Dispute, DisputeOutcome, MediationLevel, MediationSession, SessionOutcome } from './dispute.entity.js';
import type { CloseDisputeInput, OpenDisputeInput, RecordMediationSessionInput } from './dispute.inputs.js';
import type { MediationAccessFacts } from './dispute.policy.js';
import type { DisputeStats } from './dispute.types.js';

export const DisputeEvents = {
  OPENED: 'cases.dispute.opened',
  MEDIATED: 'cases.dispute.mediated',
  CLOSED: 'cases.dispute.closed',
} as const;

/** Grid sessions are for grid staff and above; village and expert sessions are recorded by village admins and above. */
const ACTING_LEVEL: Record<MediationLevel, HandlingLevel> = {
  [MediationLevel.GRID]: HandlingLevel.GRID,
  [MediationLevel.VILLAGE]: HandlingLevel.VILLAGE,
  [MediationLevel.EXPERT]: HandlingLevel.VILLAGE,
};

/** Dispute mediation (矛盾纠纷, 三调) on cases. */
@Injectable()
export class DisputeService {
  constructor(
    private readonly em: EntityManager,
    @Inject(CASES_CONFIG) private readonly config: CasesConfig,
  ) {}

  async open(user: AuthUser, input: OpenDisputeInput): Promise<Dispute> {
    return conflictOnDuplicate(() => this.em.transactional(async (em) => {
      const c = await this.visibleCase(em, user, input.caseId);
      this.assertMayMediate(user, c, input.level);
      if (await em.findOne(Dispute, { caseId: c.id })) throw conflict(`case ${c.number} already has a dispute`);
      const dispute = em.create(Dispute, {
        caseId: c.id,
        gridCode: c.gridCode,
        parties: input.parties.map(({ name, personId, role }) => ({ name: name.trim(), personId: personId ?? null, role: role?.trim() ?? null })),
        level: input.level,
        openedAt: new Date(),
        openedByUserId: user.sub,
      });
      this.publish(em, DisputeEvents.OPENED, dispute, c, user.sub, {});
      return dispute;
    }), 'a dispute was opened on this case by someone else at the same time');
  }

  async recordSession(user: AuthUser, input: RecordMediationSessionInput): Promise<Dispute> {
    if (input.heldAt && input.heldAt.getTime() > Date.now() + 60_000) throw badUserInput('heldAt', 'must not be in the future');
    return this.em.transactional(async (em) => {
      const { dispute, c } = await this.pendingDispute(em, user, input.disputeId, input.expectedVersion);
      this.assertMayMediate(user, c, input.level);
      const session = em.create(MediationSession, {
        disputeId: dispute.id,
        level: input.level,
        mediator: input.mediator?.trim() || user.sub,
        heldAt: input.heldAt ?? new Date(),
        outcome: input.outcome,
        notes: input.notes.trim(),
        recordedByUserId: user.sub,
      });
      dispute.level = input.level;
      if (input.outcome === SessionOutcome.SETTLED) {
        dispute.outcome = DisputeOutcome.SETTLED;
        dispute.summary = session.notes;
        dispute.closedAt = session.heldAt;
      }
      this.publish(em, DisputeEvents.MEDIATED, dispute, c, user.sub, { sessionId: session.id, sessionOutcome: session.outcome });
      return dispute;
    });
  }

  async close(user: AuthUser, input: CloseDisputeInput): Promise<Dispute> {
    return this.em.transactional(async (em) => {
      const { dispute, c } = await this.pendingDispute(em, user, input.disputeId, input.expectedVersion);
      this.assertMayMediate(user, c, dispute.level);
      dispute.outcome = input.outcome;
      dispute.summary = input.summary.trim();
      dispute.closedAt = new Date();
      this.publish(em, DisputeEvents.CLOSED, dispute, c, user.sub, {});
      return dispute;
    });
  }

  async ofCases(caseIds: readonly string[]): Promise<Dispute[]> {
    return this.em.find(Dispute, { caseId: { $in: [...caseIds] } });
  }

  /** What dispute.policy.ts needs, for many disputes in one statement. */
  async mediationAccessOf(disputeIds: readonly string[]): Promise<Map<string, MediationAccessFacts>> {
    const rows = await this.em.execute<
      Array<{ id: string; grid_code: string; level: MediationLevel; opened_by_user_id: string; assignee_user_id: string | null; recorders: string[] | null }>
    >(
      `select d.id, d.grid_code, d.level, d.opened_by_user_id, c.assignee_user_id,
              array(select distinct s.recorded_by_user_id from mediation_session s where s.dispute_id = d.id) as recorders
       from dispute d join "case" c on c.id = d.case_id
       where d.id in (?)`,
      [[...disputeIds]],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        { gridCode: row.grid_code, level: row.level, openedByUserId: row.opened_by_user_id, caseAssigneeUserId: row.assignee_user_id, recorderUserIds: row.recorders ?? [] },
      ]),
    );
  }

  async sessionsOf(disputeIds: readonly string[]): Promise<Map<string, MediationSession[]>> {
    const sessions = await this.em.find(MediationSession, { disputeId: { $in: [...disputeIds] } }, { orderBy: { heldAt: 'asc' } });
    const byDispute = new Map<string, MediationSession[]>(disputeIds.map((id) => [id, []]));
    for (const session of sessions) byDispute.get(session.disputeId)?.push(session);
    return byDispute;
  }

  /** Mediation results for disputes opened in the period (local days), in the area. */
  async stats(user: AuthUser, areaCode: string, period: CaseStatsPeriod): Promise<DisputeStats> {
    if (!levelOfCode(areaCode)) throw badUserInput('areaCode', 'must be an area code');
    assertInScope(user, areaCode);
    if (!isDay(period.from) || !isDay(period.to) || period.from > period.to) throw badUserInput('period', 'must be two days, from ≤ to');
    const rows = await this.em.execute<Array<{ outcome: DisputeOutcome; level: MediationLevel; n: string }>>(
      `select outcome, level, count(*) as n from "dispute"
       where grid_code like ? and (opened_at at time zone ?)::date between ? and ? group by outcome, level`,
      [prefixPattern(areaCode), this.config.timeZone, period.from, period.to],
    );
    const count = (outcome: DisputeOutcome, level?: MediationLevel) =>
      rows.filter((row) => row.outcome === outcome && (!level || row.level === level)).reduce((sum, row) => sum + Number(row.n), 0);
    const settled = count(DisputeOutcome.SETTLED);
    const ended = settled + count(DisputeOutcome.FAILED) + count(DisputeOutcome.REFERRED);
    return {
      areaCode,
      opened: rows.reduce((sum, row) => sum + Number(row.n), 0),
      settled,
      failed: count(DisputeOutcome.FAILED),
      referred: count(DisputeOutcome.REFERRED),
      pending: count(DisputeOutcome.PENDING),
      successRate: ended > 0 ? settled / ended : null,
      settledByLevel: {
        grid: count(DisputeOutcome.SETTLED, MediationLevel.GRID),
        village: count(DisputeOutcome.SETTLED, MediationLevel.VILLAGE),
        expert: count(DisputeOutcome.SETTLED, MediationLevel.EXPERT),
      },
    };
  }

  private async visibleCase(em: EntityManager, user: AuthUser, caseId: string): Promise<Case> {
    const c = await em.findOne(Case, { id: caseId });
    if (!c || !mayRead(user, accessFactsOf(c))) throw notFound('Case', caseId);
    return c;
  }

  private async pendingDispute(em: EntityManager, user: AuthUser, disputeId: string, expectedVersion?: number) {
    const dispute = await em.findOne(Dispute, { id: disputeId });
    const c = dispute && (await em.findOne(Case, { id: dispute.caseId }));
    if (!dispute || !c || !mayRead(user, accessFactsOf(c))) throw notFound('Dispute', disputeId);
    if (dispute.outcome !== DisputeOutcome.PENDING) throw conflict(`dispute ${dispute.id} is already ${dispute.outcome}`);
    if (expectedVersion !== undefined && expectedVersion !== dispute.version) {
      throw conflict(`dispute ${dispute.id} is at version ${dispute.version}, not ${expectedVersion}`);
    }
    return { dispute, c };
  }

  private assertMayMediate(user: AuthUser, c: Case, level: MediationLevel): void {
    if (!actsAtLevel(user, accessFactsOf(c), ACTING_LEVEL[level])) {
      throw forbidden(`you may not mediate case ${c.number} at ${level} level`);
    }
  }

  private publish(em: EntityManager, type: string, dispute: Dispute, c: Case, actor: string, extra: Record<string, unknown>): void {
    recordEvent(em, {
      type,
      areaCode: c.gridCode,
      actor,
      data: { disputeId: dispute.id, caseId: c.id, number: c.number, gridCode: c.gridCode, level: dispute.level, outcome: dispute.outcome, actor, ...extra },
    });
  }
}

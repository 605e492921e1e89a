import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, hasAnyRole, type AuthUser } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import { CountySettings, recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { actorUserId, isSystem, type Actor } from '../common/actor.js';
import { AREA_CODE, GRID_CODE } from '../common/area-codes.js';
import { chinaDay } from '../common/calendar.js';
import { inTransaction } from '../common/transactions.js';
import { requireUuid, uuidsOnly } from '../common/uuid.js';
import { AssessmentEvents, type AssessmentCompletedData } from '../events/assessment-events.js';
import { platformCounts } from '../projection/projection-store.js';
import { AssessmentKind } from './assessment-enums.js';
import { periodOf } from './assessment-period.js';
import {
  DEFAULT_WEIGHTS,
  platformScore,
  type PlatformTargets,
  quantifiedScore,
  totalScore,
  voteScore,
  voteTotal,
  weightsProblem,
} from './assessment-scoring.js';
import { AssessmentWeights } from './assessment-weights.entity.js';
import { Assessment, PlatformStatistics } from './assessment.entity.js';
import type { AssessmentFilter, CompleteAssessmentInput, SetAssessmentWeightsInput } from './assessment.inputs.js';
import type { AppliedAssessmentWeights, AssessmentRanking } from './assessment.types.js';
import { averageByArea, rankByScore } from './ranking.js';
import { ASSESSORS, mayAssess, mayReadStaffRecord, readsAreaStaffRecords, WEIGHT_SETTERS } from './staff-access.js';

const NO_VOTES = { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 };

/**
 * Grid staff assessments (五考): weights per area and kind, completion from entered scores, votes and
 * the platform projections, reads and rankings. Input is checked before anything is written.
 */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly countySettings: CountySettings,
  ) {}

  /** The grid's county's 四培五考 targets in force on the period's first day (issue 15, county setting PLATFORM_TARGETS). */
  private targetsFor(em: EntityManager, gridCode: string, firstDay: string): Promise<PlatformTargets> {
    return this.countySettings.valueAt(em, gridCode.slice(0, 6), 'PLATFORM_TARGETS', firstDay);
  }

  // ─── Weights ──────────────────────────────────────────────────────────────

  /** The weights for an area: its township's row, else its county's, else the defaults. */
  async weightsFor(em: EntityManager, areaCode: string, kind: AssessmentKind): Promise<AppliedAssessmentWeights> {
    const candidates = [areaCode.slice(0, 6), ...(areaCode.length >= 9 ? [areaCode.slice(0, 9)] : [])];
    const rows = await em.find(AssessmentWeights, { kind, areaCode: { $in: candidates } });
    const row = rows.sort((a, b) => b.areaCode.length - a.areaCode.length)[0];
    return row
      ? { kind, quantified: row.quantified, platform: row.platform, democratic: row.democratic, setForAreaCode: row.areaCode }
      : { kind, ...DEFAULT_WEIGHTS[kind], setForAreaCode: null };
  }

  async setWeights(actor: Actor, input: SetAssessmentWeightsInput): Promise<AssessmentWeights> {
    const problem = weightsProblem(input);
    if (problem) throw badUserInput('weights', problem);
    if (!isSystem(actor)) {
      if (!hasAnyRole(actor, WEIGHT_SETTERS)) throw forbidden(`weights are set by ${WEIGHT_SETTERS.join(', ')}`);
      assertInScope(actor, input.areaCode);
    }
    return inTransaction(
      this.em,
      async (em) => {
        const existing = await em.findOne(AssessmentWeights, { areaCode: input.areaCode, kind: input.kind });
        if (existing && input.expectedVersion !== undefined && input.expectedVersion !== existing.version) {
          throw conflict(`the weights are at version ${existing.version}, not ${input.expectedVersion}`);
        }
        const values = { quantified: input.quantified, platform: input.platform, democratic: input.democratic };
        const weights = existing ? Object.assign(existing, values) : em.create(AssessmentWeights, { areaCode: input.areaCode, kind: input.kind, ...values });
        await em.flush();
        return weights;
      },
      'the weights were set at the same time; reload them',
    );
  }

  /** The weights that apply in an area of the user's scope, for every kind. */
  weightsInArea(user: AuthUser, areaCode: string): Promise<AppliedAssessmentWeights[]> {
    requireAreaCode(areaCode);
    assertInScope(user, areaCode);
    return Promise.all(Object.values(AssessmentKind).map((kind) => this.weightsFor(this.em, areaCode, kind)));
  }

  // ─── Completing an assessment ─────────────────────────────────────────────

  async complete(actor: Actor, input: CompleteAssessmentInput, now: Date = new Date()): Promise<Assessment> {
    const period = periodOf(input.kind, input.period);
    if (period.first > chinaDay(now)) throw badUserInput('period', `${input.period} has not begun`);
    input.quantifiedItems.forEach((item, index) => {
      if (item.points < 0 || item.points > item.maxPoints) {
        throw badUserInput(`quantifiedItems.${index}.points`, `must be between 0 and maxPoints (${item.maxPoints})`);
      }
    });
    if (!isSystem(actor) && !mayAssess(actor, input.kind, input.gridCode, input.staffUserId)) {
      throw forbidden(
        actor.sub === input.staffUserId
          ? 'nobody completes their own assessment'
          : `a ${input.kind} assessment in grid ${input.gridCode} is completed by ${ASSESSORS[input.kind].join(', ')} of that area`,
      );
    }
    const votes = input.votes ?? NO_VOTES;
    return inTransaction(
      this.em,
      async (em) => {
        const weights = await this.weightsFor(em, input.gridCode, input.kind);
        const quantified = quantifiedScore(input.quantifiedItems);
        const democratic = voteScore(votes);
        if (weights.quantified > 0 && quantified === null) {
          throw badUserInput('quantifiedItems', `${input.kind} weighs quantified scoring ${weights.quantified}: enter the items`);
        }
        if (weights.democratic > 0 && voteTotal(votes) === 0) {
          throw badUserInput('votes', `${input.kind} weighs democratic votes ${weights.democratic}: enter the votes`);
        }
        if (await em.findOne(Assessment, { kind: input.kind, period: input.period, staffUserId: input.staffUserId, gridCode: input.gridCode })) {
          throw conflict(`the ${input.kind} assessment ${input.period} of this staff member in grid ${input.gridCode} is already completed`);
        }
        const counts = await platformCounts(em, input.staffUserId, input.gridCode, period.first, period.last);
        const platform = Object.assign(new PlatformStatistics(), { ...counts, score: platformScore(counts, period.days, await this.targetsFor(em, input.gridCode, period.first)) });
        const assessment = em.create(Assessment, {
          kind: input.kind,
          period: input.period,
          periodStart: period.first,
          periodEnd: period.last,
          staffUserId: input.staffUserId,
          staffPersonId: input.staffPersonId ?? null,
          gridCode: input.gridCode,
          quantifiedItems: input.quantifiedItems.map(({ name, points, maxPoints }) => ({ name: name.trim(), points, maxPoints })),
          quantifiedScore: quantified,
          platform,
          votes: { ...votes },
          democraticScore: democratic,
          weightQuantified: weights.quantified,
          weightPlatform: weights.platform,
          weightDemocratic: weights.democratic,
          totalScore: totalScore({ quantified, platform: platform.score, democratic }, weights),
          assessedBy: actorUserId(actor),
          completedAt: now,
          note: input.note?.trim() || null,
        });
        await em.flush();
        recordEvent<AssessmentCompletedData>(em, {
          type: AssessmentEvents.ASSESSMENT_COMPLETED,
          areaCode: assessment.gridCode,
          actor: actorUserId(actor),
          data: {
            assessmentId: assessment.id,
            kind: assessment.kind,
            period: assessment.period,
            staffUserId: assessment.staffUserId,
            gridCode: assessment.gridCode,
            quantifiedScore: assessment.quantifiedScore,
            platformScore: platform.score,
            democraticScore: assessment.democraticScore,
            totalScore: assessment.totalScore,
          },
        });
        await em.flush();
        return assessment;
      },
      `the ${input.kind} assessment ${input.period} of this staff member is already completed`,
    );
  }

  /** What the platform statistics of a period stand at now (nothing is stored). */
  async previewPlatform(user: AuthUser, staffUserId: string, gridCode: string, kind: AssessmentKind, periodText: string): Promise<PlatformStatistics> {
    requireUuid('staffUserId', staffUserId);
    if (!GRID_CODE.test(gridCode)) throw badUserInput('gridCode', 'must be a 15-digit grid code');
    if (!mayReadStaffRecord(user, { staffUserId, areaCode: gridCode })) throw forbidden(`grid ${gridCode} is outside your area, or these are not your statistics`);
    const period = periodOf(kind, periodText);
    const counts = await platformCounts(this.em, staffUserId, gridCode, period.first, period.last);
    return Object.assign(new PlatformStatistics(), { ...counts, score: platformScore(counts, period.days, await this.targetsFor(this.em, gridCode, period.first)) });
  }

  // ─── Reads ────────────────────────────────────────────────────────────────

  async assessment(user: AuthUser, id: string): Promise<Assessment> {
    requireUuid('id', id);
    const assessment = await this.em.findOne(Assessment, { id });
    if (!assessment) throw notFound('Assessment', id);
    if (!mayReadStaffRecord(user, { staffUserId: assessment.staffUserId, areaCode: assessment.gridCode })) {
      throw forbidden('assessments are read by the staff member assessed, the admins and grid leader of their area, and auditors');
    }
    return assessment;
  }

  /** For reference resolution: the ones the user may read, in one query. */
  findVisible(user: AuthUser, ids: readonly string[]): Promise<Assessment[]> {
    const valid = uuidsOnly(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return this.em.find(Assessment, { $and: [{ id: { $in: valid } }, this.visibleTo(user)] });
  }

  list(user: AuthUser, filter: AssessmentFilter, page: PageArgs): Promise<Connection<Assessment>> {
    const areaCode = filter.areaCode ?? user.areaCode;
    if (readsAreaStaffRecords(user)) assertInScope(user, areaCode);
    const where = {
      $and: [
        this.visibleTo(user),
        { gridCode: { $like: prefixPattern(areaCode) } },
        ...(filter.kind ? [{ kind: filter.kind }] : []),
        ...(filter.period ? [{ period: filter.period }] : []),
        ...(filter.staffUserId ? [{ staffUserId: filter.staffUserId }] : []),
      ],
    };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Assessment, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (assessment) => assessment.id,
      () => this.em.count(Assessment, where),
    );
  }

  async ranking(user: AuthUser, areaCode: string, kind: AssessmentKind, periodText: string): Promise<AssessmentRanking> {
    requireAreaCode(areaCode);
    periodOf(kind, periodText);
    assertInScope(user, areaCode);
    const assessments = await this.em.find(Assessment, {
      kind,
      period: periodText,
      $and: [{ gridCode: { $like: prefixPattern(areaCode) } }, { gridCode: { $like: prefixPattern(user.areaCode) } }],
    });
    const score = (entry: { averageScore: number }) => entry.averageScore;
    const code = (entry: { areaCode: string }) => entry.areaCode;
    return {
      areaCode,
      kind,
      period: periodText,
      workers: rankByScore(assessments, (a) => a.totalScore, (a) => `${a.gridCode}|${a.staffUserId}`).map(({ rank, item }) => ({ rank, assessment: item })),
      grids: rankByScore(averageByArea(assessments, (a) => a.gridCode, (a) => a.totalScore), score, code).map(({ rank, item }) => ({ rank, ...item })),
      villages: rankByScore(averageByArea(assessments, (a) => a.gridCode.slice(0, 12), (a) => a.totalScore), score, code).map(({ rank, item }) => ({ rank, ...item })),
    };
  }

  /** Readers of the area see its assessments (in the SQL, by scope); everyone else only their own. */
  private visibleTo(user: AuthUser): object {
    return readsAreaStaffRecords(user) ? { gridCode: { $like: prefixPattern(user.areaCode) } } : { staffUserId: user.sub };
  }
}

function requireAreaCode(areaCode: string): void {
  if (!AREA_CODE.test(areaCode)) throw badUserInput('areaCode', 'must be an area code of 6, 9, 12 or 15 digits');
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, hasAnyRole, isInScope, type AuthUser } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { actorUserId, isSystem, type Actor } from '../common/actor.js';
import { chinaDay } from '../common/calendar.js';
import { inTransaction } from '../common/transactions.js';
import { requireUuid, uuidsOnly } from '../common/uuid.js';
import {
  AssessmentEvents,
  type RatingDecidedData,
  type RatingMeasureRecordedData,
  type RatingStepRecordedData,
} from '../events/assessment-events.js';
import { PublicNoticeService } from '../public-notice/public-notice.service.js';
import { PartyMemberRating } from './party-member-rating.entity.js';
import {
  expectedNextStep,
  isDecided,
  MEASURE_DECIDERS,
  mayReadRating,
  readsAreaRatings,
  roleForStep,
  ROUND_OPENERS,
  SHEET_RULES,
  SheetRule,
} from './rating-procedure.js';
import { RatingEntry } from './rating-entry.entity.js';
import { RatingRound } from './rating-round.entity.js';
import { RatingStepRecord } from './rating-step-record.entity.js';
import { PartyMemberType, RatingRoundStatus, RatingStep } from './star-rating-enums.js';
import type {
  OpenRatingRoundInput,
  PartyMemberRatingFilter,
  RecordOneStarMeasureInput,
  RecordRatingStepInput,
} from './star-rating.inputs.js';
import { combineSheets, isValidPoints, scoreStars, type StarResult, type StarSheet } from './star-scoring.js';
import { yearlyOutcome } from './yearly-outcome.js';

const READERS_ONLY = 'star ratings are read by the member, the admins and grid leaders of their area, and auditors';

/** A sheet as handed in, with the reasons kept for the entries. */
interface HandedInSheet extends StarSheet {
  lines: Array<{ star: RatingEntry['star']; points: number | null; redLine: RatingEntry['redLine']; reason: string }>;
}

/**
 * Party member star ratings (星级化): quarterly rounds through "三评一定一公示", recomputed into the
 * member's yearly rating whenever the assembly decides a quarter. Every change and its events are
 * written in one transaction; input is checked before anything is written.
 */
@Injectable()
export class StarRatingService {
  constructor(
    private readonly em: EntityManager,
    private readonly notices: PublicNoticeService,
  ) {}

  // ─── Changes ──────────────────────────────────────────────────────────────

  async openRound(actor: Actor, input: OpenRatingRoundInput, now: Date = new Date()): Promise<RatingRound> {
    const quarterStart = `${input.year}-${String((input.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
    if (quarterStart > chinaDay(now)) throw badUserInput('quarter', `Q${input.quarter} ${input.year} has not begun`);
    if (!isSystem(actor)) {
      if (!hasAnyRole(actor, ROUND_OPENERS)) throw forbidden(`opening a rating round needs one of the roles ${ROUND_OPENERS.join(', ')}`);
      assertInScope(actor, input.areaCode);
    }
    return inTransaction(
      this.em,
      async (em) => {
        if (input.memberUserId) {
          const linkedElsewhere = await em.findOne(RatingRound, { memberUserId: input.memberUserId, personId: { $ne: input.personId } });
          if (linkedElsewhere) throw badUserInput('memberUserId', 'this account is already linked to another party member');
        }
        let rating = await em.findOne(PartyMemberRating, { personId: input.personId, year: input.year });
        if (rating && !isSystem(actor) && !isInScope(actor, rating.areaCode)) {
          throw forbidden(`the member's ${input.year} rating belongs to area ${rating.areaCode}, outside your area ${actor.areaCode}`);
        }
        if (await em.findOne(RatingRound, { personId: input.personId, year: input.year, quarter: input.quarter })) {
          throw conflict(`Q${input.quarter} ${input.year} of this member is already open`);
        }
        rating ??= em.create(PartyMemberRating, {
          personId: input.personId,
          year: input.year,
          areaCode: input.areaCode,
          memberType: input.memberType,
          memberUserId: input.memberUserId ?? null,
        });
        await em.flush();
        const round = em.create(RatingRound, {
          ratingId: rating.id,
          personId: input.personId,
          year: input.year,
          quarter: input.quarter,
          areaCode: input.areaCode,
          // The link to the member's account carries over to later rounds of the year.
          memberUserId: input.memberUserId ?? rating.memberUserId ?? null,
          memberType: input.memberType,
          openedBy: actorUserId(actor),
        });
        await em.flush();
        await this.recomputeYear(em, input.personId, input.year);
        return round;
      },
      `Q${input.quarter} ${input.year} of this member is already open`,
    );
  }

  async recordStep(actor: Actor, input: RecordRatingStepInput, now: Date = new Date()): Promise<{ round: RatingRound; rating: PartyMemberRating }> {
    const sheet = handedInSheet(input);
    return inTransaction(
      this.em,
      async (em) => {
        const round = await em.findOne(RatingRound, { id: input.roundId });
        if (!round || (!isSystem(actor) && !mayReadRating(actor, round))) throw notFound('RatingRound', input.roundId);
        const role = isSystem(actor) ? actor.role : roleForStep(actor, input.step, round);
        if (!role) throw forbidden(`you may not record ${input.step} on this round`);
        if (input.expectedVersion !== undefined && input.expectedVersion !== round.version) {
          throw conflict(`the round is at version ${round.version}, not ${input.expectedVersion}; it is now ${round.status}`);
        }
        const next = expectedNextStep(round.status);
        if (next !== input.step) {
          throw conflict(next ? `the round is ${round.status}: the next step is ${next}, not ${input.step}` : `the round is complete (${round.status})`);
        }
        const rule = SHEET_RULES[input.step];
        if (rule === SheetRule.REQUIRED && !sheet) {
          throw badUserInput('entries', `${input.step} hands in a rating sheet: give entries (an empty list if nothing is deducted or added)`);
        }
        if (rule === SheetRule.NOT_ALLOWED && sheet) throw badUserInput('entries', `${input.step} publishes the decided rating and takes no sheet`);

        if (sheet) {
          for (const line of sheet.lines) em.create(RatingEntry, { roundId: round.id, step: input.step, ...line });
          round.sheetStep = input.step;
          applyResult(round, scoreStars(sheet, { probationary: round.memberType === PartyMemberType.PROBATIONARY }));
        }
        round.status = input.step as unknown as RatingRoundStatus;
        em.create(RatingStepRecord, { roundId: round.id, step: input.step, actorUserId: actorUserId(actor), actorRole: role, at: now, note: input.note?.trim() || null });
        await em.flush();
        // §8.5 一公示: the decided result goes on public notice for the village's residents and the branch's members.
        if (input.step === RatingStep.PUBLICLY_NOTIFIED) await this.notices.openForRound(em, round, actor, now, null);
        const rating = await this.recomputeYear(em, round.personId, round.year);
        recordEvent<RatingStepRecordedData>(em, {
          type: AssessmentEvents.RATING_STEP_RECORDED,
          areaCode: round.areaCode,
          actor: actorUserId(actor),
          data: {
            ratingId: rating.id,
            roundId: round.id,
            personId: round.personId,
            year: round.year,
            quarter: round.quarter,
            step: input.step,
            actorRole: role,
            roundStars: round.stars,
            version: round.version,
          },
        });
        if (input.step === RatingStep.ASSEMBLY_DECIDED) {
          recordEvent<RatingDecidedData>(em, {
            type: AssessmentEvents.RATING_DECIDED,
            areaCode: round.areaCode,
            actor: actorUserId(actor),
            data: {
              ratingId: rating.id,
              roundId: round.id,
              personId: round.personId,
              year: round.year,
              quarter: round.quarter,
              roundStars: round.stars,
              yearStars: rating.stars,
              yearFinal: rating.final,
              outcomes: rating.outcomes,
              measureRequired: rating.measureRequired,
            },
          });
        }
        await em.flush();
        return { round, rating };
      },
      'the round was changed at the same time; reload it',
    );
  }

  async recordMeasure(actor: Actor, input: RecordOneStarMeasureInput, now: Date = new Date()): Promise<PartyMemberRating> {
    return inTransaction(
      this.em,
      async (em) => {
        const rating = await em.findOne(PartyMemberRating, { id: input.ratingId });
        if (!rating || (!isSystem(actor) && !mayReadRating(actor, rating))) throw notFound('PartyMemberRating', input.ratingId);
        if (!isSystem(actor) && !(hasAnyRole(actor, MEASURE_DECIDERS) && isInScope(actor, rating.areaCode) && rating.memberUserId !== actor.sub)) {
          throw forbidden(`a one-star measure is recorded by the party committee (${MEASURE_DECIDERS.join(', ')}) of the member's area`);
        }
        if (input.expectedVersion !== undefined && input.expectedVersion !== rating.version) {
          throw conflict(`the rating is at version ${rating.version}, not ${input.expectedVersion}`);
        }
        if (!rating.final || !rating.measureRequired) {
          throw conflict(`a measure is for a final year with one star or none; this ${rating.year} rating is ${rating.final ? `${rating.stars ?? 'no'} stars` : 'not final yet'}`);
        }
        if (rating.oneStarMeasure) throw conflict(`the measure for ${rating.year} was already recorded (${rating.oneStarMeasure})`);
        rating.oneStarMeasure = input.measure;
        rating.measureNote = input.note.trim();
        rating.measureDecidedBy = actorUserId(actor);
        rating.measureDecidedAt = now;
        await em.flush();
        recordEvent<RatingMeasureRecordedData>(em, {
          type: AssessmentEvents.RATING_MEASURE_RECORDED,
          areaCode: rating.areaCode,
          actor: actorUserId(actor),
          data: { ratingId: rating.id, personId: rating.personId, year: rating.year, measure: input.measure },
        });
        await em.flush();
        return rating;
      },
      'the rating was changed at the same time; reload it',
    );
  }

  /**
   * The yearly rating from the year's rounds: stars from the summed sheets of the decided quarters;
   * final (with outcomes) once the fourth quarter is decided and no round of the year is still open. A final year also settles the next year's
   * "consecutive yellow card" check, so a later-decided earlier year updates the year after it.
   */
  private async recomputeYear(em: EntityManager, personId: string, year: number, cascade = true): Promise<PartyMemberRating> {
    const rating = await em.findOneOrFail(PartyMemberRating, { personId, year });
    const rounds = await em.find(RatingRound, { personId, year }, { orderBy: { quarter: 'asc' } });
    const latest = rounds.at(-1);
    if (latest) {
      rating.areaCode = latest.areaCode;
      rating.memberType = latest.memberType;
      rating.memberUserId = latest.memberUserId ?? rating.memberUserId;
    }
    const decided = rounds.filter((round) => isDecided(round.status));
    const entries = decided.length
      ? await em.find(RatingEntry, { roundId: { $in: decided.map((round) => round.id) } }, { orderBy: { seq: 'asc' } })
      : [];
    const sheets = decided.map((round) => sheetOf(entries.filter((entry) => entry.roundId === round.id && entry.step === round.sheetStep)));
    const probationary = (decided.at(-1)?.memberType ?? rating.memberType) === PartyMemberType.PROBATIONARY;
    const result = scoreStars(combineSheets(sheets), { probationary });
    applyResult(rating, result);
    rating.decidedQuarters = decided.map((round) => round.quarter);
    // The year is settled at its end: Q4 decided and no round of the year still open. A member who
    // joined mid-year is assessed on the quarters they were rated in.
    rating.final = decided.some((round) => round.quarter === 4) && decided.length === rounds.length;
    if (decided.length === 0) rating.stars = null;
    if (rating.final) {
      const previous = await em.findOne(PartyMemberRating, { personId, year: year - 1 });
      Object.assign(rating, yearlyOutcome(result, !!previous?.final && previous.yellowCard));
    } else {
      Object.assign(rating, { yellowCard: false, downgraded: false, outcomes: [], measureRequired: false, informsFullMembership: probationary });
    }
    await em.flush();
    if (cascade && rating.final) {
      const next = await em.findOne(PartyMemberRating, { personId, year: year + 1 });
      if (next?.final) await this.recomputeYear(em, personId, year + 1, false);
    }
    return rating;
  }

  // ─── Reads ────────────────────────────────────────────────────────────────

  async rating(user: AuthUser, personId: string, year: number): Promise<PartyMemberRating | null> {
    requireUuid('personId', personId);
    const rating = await this.em.findOne(PartyMemberRating, { personId, year });
    if (!readsAreaRatings(user)) {
      if (!rating || rating.memberUserId !== user.sub) throw forbidden(READERS_ONLY);
      return rating;
    }
    if (rating && !mayReadRating(user, rating)) throw forbidden(`the rating belongs to area ${rating.areaCode}, outside your area ${user.areaCode}`);
    return rating;
  }

  async round(user: AuthUser, id: string): Promise<RatingRound> {
    requireUuid('id', id);
    const round = await this.em.findOne(RatingRound, { id });
    if (!round) throw notFound('RatingRound', id);
    if (!mayReadRating(user, round)) throw forbidden(readsAreaRatings(user) ? `the round belongs to area ${round.areaCode}, outside your area` : READERS_ONLY);
    return round;
  }

  ratings(user: AuthUser, filter: PartyMemberRatingFilter, page: PageArgs): Promise<Connection<PartyMemberRating>> {
    const areaCode = filter.areaCode ?? user.areaCode;
    assertInScope(user, areaCode);
    const where = {
      $and: [
        { areaCode: { $like: prefixPattern(areaCode) } },
        { areaCode: { $like: prefixPattern(user.areaCode) } },
        ...(filter.year !== undefined ? [{ year: filter.year }] : []),
        ...(filter.stars !== undefined ? [{ stars: filter.stars }] : []),
      ],
    };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(PartyMemberRating, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (rating) => rating.id,
      () => this.em.count(PartyMemberRating, where),
    );
  }

  /** The caller's own ratings (as a member), newest year first. */
  ownRatings(user: AuthUser): Promise<PartyMemberRating[]> {
    return this.em.find(PartyMemberRating, { memberUserId: user.sub }, { orderBy: { year: 'desc' } });
  }

  /** Ratings of these persons the user may read, in one query: their own, and their area's if their role reads ratings. */
  visibleRatingsOfPersons(user: AuthUser, personIds: readonly string[]): Promise<PartyMemberRating[]> {
    const visible = readsAreaRatings(user)
      ? { $or: [{ memberUserId: user.sub }, { areaCode: { $like: prefixPattern(user.areaCode) } }] }
      : { memberUserId: user.sub };
    const ids = uuidsOnly(personIds);
    if (ids.length === 0) return Promise.resolve([]);
    return this.em.find(PartyMemberRating, { $and: [{ personId: { $in: ids } }, visible] }, { orderBy: { year: 'desc' } });
  }

  roundsOfRatings(ratingIds: readonly string[]): Promise<RatingRound[]> {
    return this.em.find(RatingRound, { ratingId: { $in: [...ratingIds] } }, { orderBy: { quarter: 'asc' } });
  }

  stepsOfRounds(roundIds: readonly string[]): Promise<RatingStepRecord[]> {
    return this.em.find(RatingStepRecord, { roundId: { $in: [...roundIds] } }, { orderBy: { seq: 'asc' } });
  }

  entriesOfRounds(roundIds: readonly string[]): Promise<RatingEntry[]> {
    return this.em.find(RatingEntry, { roundId: { $in: [...roundIds] } }, { orderBy: { seq: 'asc' } });
  }

  ratingsByIds(ids: readonly string[]): Promise<PartyMemberRating[]> {
    return this.em.find(PartyMemberRating, { id: { $in: [...ids] } });
  }
}

/** The sheet in the input, checked to the tenth of a point, or null when the step hands in none. */
function handedInSheet(input: RecordRatingStepInput): HandedInSheet | null {
  if (input.entries === undefined && input.redLines === undefined) return null;
  const entries = input.entries ?? [];
  const redLines = input.redLines ?? [];
  entries.forEach((entry, index) => {
    if (!isValidPoints(entry.points)) throw badUserInput(`entries.${index}.points`, 'must be a positive number of points in tenths (e.g. 2.5)');
  });
  const seen = new Set<string>();
  redLines.forEach((line, index) => {
    if (seen.has(line.redLine)) throw badUserInput(`redLines.${index}.redLine`, `${line.redLine} is listed twice`);
    seen.add(line.redLine);
  });
  return {
    items: entries.map((entry) => ({ star: entry.star, points: entry.points })),
    redLines: redLines.map((line) => line.redLine),
    lines: [
      ...entries.map((entry) => ({ star: entry.star, points: entry.points, redLine: null, reason: entry.reason.trim() })),
      ...redLines.map((line) => ({ star: null, points: null, redLine: line.redLine, reason: line.reason.trim() })),
    ],
  };
}

/** A stored sheet's lines back into a StarSheet. */
function sheetOf(entries: RatingEntry[]): StarSheet {
  return {
    items: entries.filter((entry) => entry.star !== null && entry.points !== null).map((entry) => ({ star: entry.star!, points: entry.points! })),
    redLines: entries.filter((entry) => entry.redLine !== null).map((entry) => entry.redLine!),
  };
}

function applyResult(target: RatingRound | PartyMemberRating, result: StarResult): void {
  target.scores = result.scores;
  target.earnedStars = result.earnedStars;
  target.stars = result.stars;
  target.vetoed = result.vetoed;
  target.redLines = result.redLines;
  target.totalScore = result.totalScore;
}


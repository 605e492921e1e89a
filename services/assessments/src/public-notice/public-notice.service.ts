import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hasAnyRole, Role, type AuthUser } from '@lianxin/auth';
import { CountySettings, recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, newestFirst, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { actorUserId, isSystem, type Actor } from '../common/actor.js';
import { chinaDay } from '../common/calendar.js';
import { requireUuid } from '../common/uuid.js';
import type { RatingRound } from '../star-rating/rating-round.entity.js';
import { ObjectionOutcome, PublicNoticeKind, PublicNoticeStatus } from './public-notice.enums.js';
import { NoticeObjection, PublicNotice, PublicNoticeLog } from './public-notice.entity.js';
import type { AnswerObjectionInput, FileObjectionInput, FinalizeNoticeInput, OpenLeaderboardNoticeInput } from './public-notice.inputs.js';
import { isCommittee, isOfVillage, MAX_OPEN_OBJECTIONS_PER_PERSON, mayReadNotice, NOTICE_COMMITTEE_ROLES, readsAsStaff } from './public-notice.policy.js';

const DAY_MS = 86_400_000;
const pager = newestFirst<PublicNotice>('createdAt');

export const NoticeEvents = {
  NOTICE_OPENED: 'assessments.notice.opened',
  OBJECTION_FILED: 'assessments.objection.filed',
  OBJECTION_ANSWERED: 'assessments.objection.answered',
  NOTICE_FINALIZED: 'assessments.notice.finalized',
} as const;

/** Public notice and objections (DOMAIN.md §8.5): every step recorded in the log and published. */
@Injectable()
export class PublicNoticeService {
  constructor(
    private readonly em: EntityManager,
    private readonly countySettings: CountySettings,
  ) {}

  /** The notice period in force in the area's county today (county setting NOTICE_PERIOD, default 7 days). */
  private async closesAt(em: EntityManager, areaCode: string, now: Date): Promise<Date> {
    const { days } = await this.countySettings.valueAt(em, areaCode.slice(0, 6), 'NOTICE_PERIOD', chinaDay(now));
    return new Date(now.getTime() + days * DAY_MS);
  }

  private log(em: EntityManager, notice: PublicNotice, action: string, actor: string, detail: string, objectionId: string | null = null): void {
    em.create(PublicNoticeLog, { noticeId: notice.id, objectionId, action, actor, detail });
  }

  /** Called in the transaction that records PUBLICLY_NOTIFIED on a round: the proposed result goes on notice. */
  async openForRound(em: EntityManager, round: RatingRound, actor: Actor, now: Date, title: string | null): Promise<PublicNotice> {
    const notice = em.create(PublicNotice, {
      kind: PublicNoticeKind.STAR_RATING,
      subjectKey: round.id,
      areaCode: round.areaCode,
      villageCode: round.areaCode.slice(0, 12),
      title: title ?? `党员星级评定公示（${round.year}年第${round.quarter}季度）`,
      opensAt: now,
      closesAt: await this.closesAt(em, round.areaCode, now),
      openedBy: actorUserId(actor),
      roundId: round.id,
      stars: round.stars,
      totalScore: round.totalScore,
      vetoed: round.vetoed,
      scores: round.scores,
    });
    await em.flush();
    this.log(em, notice, 'OPENED', actorUserId(actor), `star rating round ${round.id}, closes ${notice.closesAt.toISOString()}`);
    this.publish(em, NoticeEvents.NOTICE_OPENED, notice, actorUserId(actor));
    return notice;
  }

  async openLeaderboard(actor: Actor, input: OpenLeaderboardNoticeInput, now = new Date()): Promise<PublicNotice> {
    const user = actor;
    if (!isSystem(actor) && !isCommittee(actor, input.villageCode)) throw forbidden('a leaderboard is put on notice by the committee (village admin or above) of its village');
    if (input.month > chinaDay(now).slice(0, 7)) throw badUserInput('month', 'must not be a future month');
    return this.em.transactional(async (em) => {
      const subjectKey = `${input.villageCode}:${input.month}`;
      if (await em.findOne(PublicNotice, { kind: PublicNoticeKind.POINTS_LEADERBOARD, subjectKey })) throw conflict(`the ${input.month} leaderboard of ${input.villageCode} is already on notice`);
      const notice = em.create(PublicNotice, {
        kind: PublicNoticeKind.POINTS_LEADERBOARD,
        subjectKey,
        areaCode: input.villageCode,
        villageCode: input.villageCode,
        title: input.title?.trim() || `${input.month} 积分榜公示`,
        opensAt: now,
        closesAt: await this.closesAt(em, input.villageCode, now),
        openedBy: actorUserId(user),
        month: input.month,
      });
      await em.flush();
      this.log(em, notice, 'OPENED', actorUserId(user), `points leaderboard ${subjectKey}`);
      this.publish(em, NoticeEvents.NOTICE_OPENED, notice, actorUserId(user));
      return notice;
    });
  }

  async fileObjection(actor: Actor, input: FileObjectionInput, now = new Date()): Promise<NoticeObjection> {
    const text = input.text.trim();
    if (!text) throw badUserInput('text', 'must not be blank');
    requireUuid('noticeId', input.noticeId);
    return this.em.transactional(async (em) => {
      const notice = await this.visible(em, actor, input.noticeId);
      if (!isSystem(actor) && !isOfVillage(actor, notice.villageCode)) throw forbidden('objections are filed by the residents and members of the village the notice is for');
      if (notice.status !== PublicNoticeStatus.OPEN || now >= notice.closesAt) {
        throw conflict(`the notice period ended ${notice.closesAt.toISOString()}; objections are taken during it`);
      }
      // One objector's filings are counted under the notice's row lock, so parallel calls cannot pass the limit together.
      await em.execute('select id from public_notice where id = ? for update', [notice.id]);
      const open = await em.count(NoticeObjection, { noticeId: notice.id, filedBy: actorUserId(actor), answeredAt: null });
      if (open >= MAX_OPEN_OBJECTIONS_PER_PERSON) {
        throw conflict(`you have ${open} unanswered objections on this notice (at most ${MAX_OPEN_OBJECTIONS_PER_PERSON}); the committee answers them before you file more`);
      }
      const objection = em.create(NoticeObjection, {
        noticeId: notice.id,
        filedBy: actorUserId(actor),
        filedAs: isSystem(actor) ? actor.role : hasAnyRole(actor, [Role.VOLUNTEER]) ? 'MEMBER' : 'RESIDENT',
        text,
        filedAt: now,
      });
      await em.flush();
      this.log(em, notice, 'OBJECTION_FILED', actorUserId(actor), text, objection.id);
      this.publish(em, NoticeEvents.OBJECTION_FILED, notice, actorUserId(actor), objection.id);
      return objection;
    });
  }

  async answerObjection(actor: Actor, input: AnswerObjectionInput, now = new Date()): Promise<{ objection: NoticeObjection; notice: PublicNotice }> {
    const answer = input.answer.trim();
    if (!answer) throw badUserInput('answer', 'must not be blank');
    requireUuid('objectionId', input.objectionId);
    return this.em.transactional(async (em) => {
      const objection = await em.findOne(NoticeObjection, { id: input.objectionId });
      if (!objection) throw notFound('NoticeObjection', input.objectionId);
      const notice = await this.visible(em, actor, objection.noticeId, 'NoticeObjection', input.objectionId);
      if (!isSystem(actor) && !isCommittee(actor, notice.areaCode)) throw forbidden(`objections are answered by the committee (${NOTICE_COMMITTEE_ROLES.join(', ')}) of the notice's area`);
      if (objection.filedBy === actorUserId(actor)) throw forbidden('nobody answers their own objection');
      if (objection.answeredAt) throw conflict('the objection was answered already');
      if (notice.status !== PublicNoticeStatus.OPEN) throw conflict('the result is final already');
      Object.assign(objection, { answer, outcome: input.outcome, answeredBy: actorUserId(actor), answeredAt: now });
      await em.flush();
      this.log(em, notice, 'OBJECTION_ANSWERED', actorUserId(actor), `${input.outcome}: ${answer}`, objection.id);
      this.publish(em, NoticeEvents.OBJECTION_ANSWERED, notice, actorUserId(actor), objection.id, input.outcome);
      return { objection, notice };
    });
  }

  async finalize(actor: Actor, input: FinalizeNoticeInput, now = new Date()): Promise<PublicNotice> {
    requireUuid('noticeId', input.noticeId);
    return this.em.transactional(async (em) => {
      const notice = await this.visible(em, actor, input.noticeId);
      if (!isSystem(actor) && !isCommittee(actor, notice.areaCode)) throw forbidden(`a result is made final by the committee (${NOTICE_COMMITTEE_ROLES.join(', ')}) of its area`);
      if (notice.status === PublicNoticeStatus.FINAL) throw conflict('the result is final already');
      if (now < notice.closesAt) throw conflict(`the notice period runs until ${notice.closesAt.toISOString()}`);
      const open = await em.count(NoticeObjection, { noticeId: notice.id, answeredAt: null });
      if (open > 0) throw conflict(`${open} objection(s) are not answered yet: answer them before the result is final`);
      Object.assign(notice, { status: PublicNoticeStatus.FINAL, finalizedAt: now, finalizedBy: actorUserId(actor) });
      await em.flush();
      this.log(em, notice, 'FINALIZED', actorUserId(actor), 'final');
      this.publish(em, NoticeEvents.NOTICE_FINALIZED, notice, actorUserId(actor));
      return notice;
    });
  }

  // ─── Reads ────────────────────────────────────────────────────────────────

  async notice(user: AuthUser, id: string): Promise<PublicNotice> {
    requireUuid('id', id);
    return this.visible(this.em, user, id);
  }

  /** Notices of a village (default: the caller's), newest first: staff see all, residents and members those on notice. */
  list(user: AuthUser, villageCode: string | undefined, page: PageArgs): Promise<Connection<PublicNotice>> {
    const village = villageCode ?? user.areaCode.slice(0, 12);
    if (!/^\d{12}$/.test(village)) throw badUserInput('villageCode', 'must be a 12-digit village code');
    let where: object;
    if (readsAsStaff(user, village)) where = { villageCode: village };
    else if (isOfVillage(user, village)) where = { villageCode: village, status: PublicNoticeStatus.OPEN };
    else throw forbidden(`notices of ${village} are read by its residents and members and the staff of its area`);
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(PublicNotice, { $and: [where, pager.after(afterKey)] }, { orderBy: pager.orderBy, limit }),
      pager.keyOf,
      () => this.em.count(PublicNotice, where),
    );
  }

  /** Objections of a notice the caller may read: all of them for staff, only their own for residents and members. */
  objectionsOf(user: AuthUser, notice: PublicNotice): Promise<NoticeObjection[]> {
    const where = readsAsStaff(user, notice.villageCode) ? { noticeId: notice.id } : { noticeId: notice.id, filedBy: user.sub };
    return this.em.find(NoticeObjection, where, { orderBy: { filedAt: 'asc' } });
  }

  async counts(noticeId: string): Promise<{ total: number; unanswered: number }> {
    const [row] = await this.em.execute<Array<{ total: string; unanswered: string }>>(
      'select count(*) as total, count(*) filter (where answered_at is null) as unanswered from notice_objection where notice_id = ?',
      [noticeId],
    );
    return { total: Number(row.total), unanswered: Number(row.unanswered) };
  }

  noticesOfRounds(roundIds: readonly string[]): Promise<PublicNotice[]> {
    return this.em.find(PublicNotice, { roundId: { $in: [...roundIds] } });
  }

  private async visible(em: EntityManager, actor: Actor, id: string, what = 'PublicNotice', key = id): Promise<PublicNotice> {
    const notice = await em.findOne(PublicNotice, { id });
    if (!notice || (!isSystem(actor) && !mayReadNotice(actor, notice))) throw notFound(what, key);
    return notice;
  }

  private publish(em: EntityManager, type: string, notice: PublicNotice, actor: string, objectionId: string | null = null, outcome: ObjectionOutcome | null = null): void {
    recordEvent(em, {
      type,
      areaCode: notice.areaCode,
      actor,
      data: { noticeId: notice.id, kind: notice.kind, villageCode: notice.villageCode, status: notice.status, closesAt: notice.closesAt.toISOString(), objectionId, outcome, version: notice.version },
    });
  }
}

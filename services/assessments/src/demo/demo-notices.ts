import type { EntityManager } from '@mikro-orm/postgresql';
import type { SystemActor } from '../common/actor.js';
import { chinaDay } from '../common/calendar.js';
import { ObjectionOutcome, PublicNoticeKind, PublicNoticeStatus } from '../public-notice/public-notice.enums.js';
import { PublicNotice } from '../public-notice/public-notice.entity.js';
import type { PublicNoticeService } from '../public-notice/public-notice.service.js';
import { villageAdminOf } from './demo-ids.js';

const RESIDENT_DEMO = '00000000-0000-4000-8000-000000000014';
const VOLUNTEER_DEMO = '00000000-0000-4000-8000-000000000013';
const DEMO_VILLAGE = '330402001001';
const DAY_MS = 86_400_000;
const system = (userId: string, role: string): SystemActor => ({ system: true, userId, role });

/**
 * §8.5 demo (issue 15): the star-rating rounds seeded above went on notice when PUBLICLY_NOTIFIED was
 * recorded. Notices whose period is over are made final by their village's committee — the newest one
 * of 禾兴社区 after an objection by resident.demo was answered; and last month's points leaderboard of
 * 禾兴社区 is on notice now (its period open), with volunteer.demo's objection answered. Safe to run again.
 */
export async function seedDemoNotices(em: EntityManager, notices: PublicNoticeService, now = new Date()): Promise<{ finalized: number; objections: number }> {
  let objections = 0;
  const closed = await em.find(PublicNotice, { status: PublicNoticeStatus.OPEN, closesAt: { $lte: now } }, { orderBy: { opensAt: 'desc' } });
  const withObjection = closed.find((notice) => notice.villageCode === DEMO_VILLAGE && notice.kind === PublicNoticeKind.STAR_RATING);
  if (withObjection) {
    const filedAt = new Date(withObjection.opensAt.getTime() + 2 * DAY_MS);
    const objection = await notices.fileObjection(system(RESIDENT_DEMO, 'RESIDENT'), { noticeId: withObjection.id, text: '公示的奉献星得分与该党员本季度参加志愿服务的次数不符，请核实' }, filedAt);
    await notices.answerObjection(
      system(villageAdminOf(withObjection.villageCode), 'village-admin'),
      { objectionId: objection.id, outcome: ObjectionOutcome.DISMISSED, answer: '经支委会核实，该党员本季度参加志愿服务6次，奉献星得分无误，维持原评定' },
      new Date(filedAt.getTime() + 2 * DAY_MS),
    );
    objections += 1;
  }
  for (const notice of closed) {
    await notices.finalize(system(villageAdminOf(notice.villageCode), 'village-admin'), { noticeId: notice.id }, notice.closesAt);
  }
  // Last month's leaderboard of 禾兴社区 on notice now, one objection answered, the period still open.
  const lastMonthDay = new Date(Date.parse(`${chinaDay(now).slice(0, 7)}-01T00:00:00Z`) - DAY_MS);
  const month = chinaDay(lastMonthDay).slice(0, 7);
  if (!(await em.findOne(PublicNotice, { kind: PublicNoticeKind.POINTS_LEADERBOARD, subjectKey: `${DEMO_VILLAGE}:${month}` }))) {
    const board = await notices.openLeaderboard(system(villageAdminOf(DEMO_VILLAGE), 'village-admin'), { villageCode: DEMO_VILLAGE, month, title: `禾兴社区${month}月度积分榜公示` }, now);
    const objection = await notices.fileObjection(system(VOLUNTEER_DEMO, 'MEMBER'), { noticeId: board.id, text: '我上月参加的社区义诊未计入积分' }, now);
    await notices.answerObjection(
      system(villageAdminOf(DEMO_VILLAGE), 'village-admin'),
      { objectionId: objection.id, outcome: ObjectionOutcome.UPHELD, answer: '已核实签到记录，补记活动积分5分，榜单随之更正' },
      now,
    );
    objections += 1;
  }
  return { finalized: closed.length, objections };
}

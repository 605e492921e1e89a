import { randomUUID } from 'node:crypto';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { applyCountySettingsEvent, createEnvelope, CountySettingsEvents, localDayOf } from '@lianxin/events';
import type { AuthUser } from '@lianxin/auth';
import { codes, GRIDS, personId, startAssessmentsHarness, type AssessmentsHarness } from './harness.js';

const VILLAGE = GRIDS.own.slice(0, 12);
const NOTICES = `query ($v: String) { publicNotices(villageCode: $v, first: 50) { totalCount edges { node { id kind title stars vetoed status final closesAt objectionCount unansweredObjections } } } }`;
const FILE = `mutation ($input: FileObjectionInput!) { fileObjection(input: $input) { objection { id filedAs text answer outcome } } }`;
const ANSWER = `mutation ($input: AnswerObjectionInput!) { answerObjection(input: $input) { objection { id answer outcome answeredBy } } }`;
const FINALIZE = `mutation ($input: FinalizeNoticeInput!) { finalizeNotice(input: $input) { notice { id status final } } }`;

type NoticeNode = { id: string; kind: string; title: string; stars: number | null; status: string; final: boolean; closesAt: string; objectionCount: number; unansweredObjections: number };

/** §8.5 public notice (亮分公示): results readable by the village and the branch, objections answered before they are final. */
describe('§8.5 public notice with objections (assessments)', () => {
  let h: AssessmentsHarness;
  let noticeId: string;
  const system = (role: string) => ({ system: true as const, userId: `system-${role}`, role });

  /** A member's quarter taken through 三评一定一公示 (as the committee would), returning the round id. */
  const notifiedRound = (member: string, quarter: number) =>
    h.withServices(async (get) => {
      const { StarRatingService } = await import('../src/star-rating/star-rating.service.js');
      const service = get(StarRatingService);
      const round = await service.openRound(system('village-admin'), { personId: member, memberType: 'WITHOUT_POST' as never, areaCode: GRIDS.own, year: 2025, quarter });
      await service.recordStep(system('member'), { roundId: round.id, step: 'SELF_RATED' as never, entries: [] });
      await service.recordStep(system('grid-leader'), { roundId: round.id, step: 'BRANCH_COMMITTEE_RATED' as never, entries: [] });
      await service.recordStep(system('township-admin'), { roundId: round.id, step: 'PARTY_COMMITTEE_REVIEWED' as never });
      await service.recordStep(system('village-admin'), { roundId: round.id, step: 'ASSEMBLY_DECIDED' as never });
      await service.recordStep(system('village-admin'), { roundId: round.id, step: 'PUBLICLY_NOTIFIED' as never });
      return round.id;
    });

  beforeAll(async () => {
    h = await startAssessmentsHarness('assessments_notice');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('§8.5 a star rating on notice is readable by the village\'s residents and the branch\'s members during its notice period (not by other villages)', async () => {
    const roundId = await notifiedRound(personId(501), 1);
    const asResident = await h.ok<{ publicNotices: { edges: Array<{ node: NoticeNode }> } }>('resident', NOTICES, { v: VILLAGE });
    const notice = asResident.publicNotices.edges.map((e) => e.node).find((n) => n.kind === 'STAR_RATING')!;
    expect(notice).toMatchObject({ stars: 4, status: 'OPEN', final: false, objectionCount: 0 });
    noticeId = notice.id;
    // 7 days by default (county setting NOTICE_PERIOD).
    expect(Math.round((Date.parse(notice.closesAt) - Date.now()) / 86_400_000)).toBe(7);
    const asMember = await h.ok<{ publicNotices: { totalCount: number } }>('volunteer', NOTICES, { v: VILLAGE });
    expect(asMember.publicNotices.totalCount).toBeGreaterThan(0);
    const round = await h.ok<{ ratingRound: { publicNotice: { id: string } | null } }>('villageAdmin', `{ ratingRound(id: "${roundId}") { publicNotice { id } } }`);
    expect(round.ratingRound.publicNotice?.id).toBe(noticeId);
    expect(codes(await h.gql('gridWorker2', NOTICES, { v: VILLAGE }))).toEqual(['FORBIDDEN']);
    expect(codes(await h.gql('civilStaff', NOTICES, { v: VILLAGE }))).toEqual(['FORBIDDEN']);
  });

  it('§8.5 an objection filed during the notice period is answered by the committee before the result is final; every step is logged', async () => {
    const filed = await h.gql<{ fileObjection: { objection: { id: string; filedAs: string } } }>('resident', FILE, { input: { noticeId, text: '该党员本季度未参加组织生活，奉献星得分偏高' } });
    expect(filed.errors).toBeUndefined();
    const objection = filed.data!.fileObjection.objection;
    expect(objection.filedAs).toBe('RESIDENT');
    // Staff of another village and grid staff may not object; objections are residents' and members'.
    expect(codes(await h.gql('gridLeader', FILE, { input: { noticeId, text: 'x' } }))).toEqual(['FORBIDDEN']);

    // Not final while the period runs, and not while an objection is unanswered (even after the period).
    expect(codes(await h.gql('villageAdmin', FINALIZE, { input: { noticeId } }))).toEqual(['CONFLICT']);
    const committee: AuthUser = { sub: h.subs.villageAdmin, username: 'village.admin', roles: ['village-admin'], areaCode: VILLAGE };
    const afterPeriod = new Date(Date.now() + 8 * 86_400_000);
    const { PublicNoticeService } = await import('../src/public-notice/public-notice.service.js');
    await expect(h.withServices((get) => get(PublicNoticeService).finalize(committee, { noticeId }, afterPeriod))).rejects.toThrow(/not answered/);

    // The grid leader is not the committee; the village admin answers, once.
    expect(codes(await h.gql('gridLeader', ANSWER, { input: { objectionId: objection.id, outcome: 'DISMISSED', answer: 'x' } }))).toEqual(['FORBIDDEN']);
    const answered = await h.gql<{ answerObjection: { objection: { answer: string; outcome: string } } }>('villageAdmin', ANSWER, {
      input: { objectionId: objection.id, outcome: 'DISMISSED', answer: '经核实，该党员参加了10月主题党日，得分无误' },
    });
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerObjection.objection).toMatchObject({ outcome: 'DISMISSED' });
    expect(codes(await h.gql('villageAdmin', ANSWER, { input: { objectionId: objection.id, outcome: 'UPHELD', answer: '改判' } }))).toEqual(['CONFLICT']);
    // The objector reads the answer while the notice is open.
    const mine = await h.ok<{ publicNotice: { objections: Array<{ answer: string }>; unansweredObjections: number; final: boolean } }>('resident', `{ publicNotice(id: "${noticeId}") { objections { answer } unansweredObjections final } }`);
    expect(mine.publicNotice).toMatchObject({ objections: [{ answer: '经核实，该党员参加了10月主题党日，得分无误' }], unansweredObjections: 0, final: false });
    // Still not final before the period ends; after it, the committee makes it final.
    expect(codes(await h.gql('villageAdmin', FINALIZE, { input: { noticeId } }))).toEqual(['CONFLICT']);
    const final = await h.withServices((get) => get(PublicNoticeService).finalize(committee, { noticeId }, afterPeriod));
    expect(final.status).toBe('FINAL');
    // Afterwards: no more objections; residents no longer see it on the notice board; staff still do.
    await expect(h.withServices((get) => get(PublicNoticeService).fileObjection({ sub: h.subs.resident, username: 'resident.demo', roles: ['resident'], areaCode: GRIDS.own }, { noticeId, text: '迟到的异议' }))).rejects.toThrow();
    expect(codes(await h.gql('resident', `{ publicNotice(id: "${noticeId}") { id } }`))).toEqual(['NOT_FOUND']);
    expect((await h.ok<{ publicNotice: { final: boolean } }>('auditor', `{ publicNotice(id: "${noticeId}") { final } }`)).publicNotice.final).toBe(true);
    const log = await h.sql<{ action: string }>('select action from public_notice_log where notice_id = ? order by at', [noticeId]);
    expect(log.map((l) => l.action)).toEqual(['OPENED', 'OBJECTION_FILED', 'OBJECTION_ANSWERED', 'FINALIZED']);
    await expect(h.sql('delete from public_notice_log')).rejects.toThrow(/append-only/);
    const events = await h.sql<{ subject: string }>(`select subject from outbox_event where envelope->'data'->>'noticeId' = ? order by occurred_at`, [noticeId]);
    expect(events.map((e) => e.subject)).toEqual(['assessments.notice.opened', 'assessments.objection.filed', 'assessments.objection.answered', 'assessments.notice.finalized']);
  });

  it('§8.5 one person holds at most 3 unanswered objections per notice (parallel filings included); an answer frees a place; others may still object', async () => {
    const roundId = await notifiedRound(personId(502), 2);
    const round = await h.ok<{ ratingRound: { publicNotice: { id: string } } }>('villageAdmin', `{ ratingRound(id: "${roundId}") { publicNotice { id } } }`);
    const id = round.ratingRound.publicNotice.id;
    // Five at once from one resident: exactly three are taken, two are refused with CONFLICT.
    const attempts = await Promise.all([1, 2, 3, 4, 5].map((n) => h.gql<{ fileObjection: { objection: { id: string } } }>('resident', FILE, { input: { noticeId: id, text: `异议 ${n}` } })));
    const taken = attempts.filter((a) => !a.errors).map((a) => a.data!.fileObjection.objection.id);
    expect(taken).toHaveLength(3);
    expect(attempts.filter((a) => a.errors).map((a) => codes(a))).toEqual([['CONFLICT'], ['CONFLICT']]);
    const rows = await h.sql<{ n: string }>('select count(*)::text as n from notice_objection where notice_id = ?', [id]);
    expect(rows[0].n).toBe('3');
    // Another member of the village is not held back by the resident's filings.
    const other = await h.gql('volunteer', FILE, { input: { noticeId: id, text: '另一位党员的异议' } });
    expect(other.errors).toBeUndefined();
    // The committee answers one: the resident may file again, once.
    const answered = await h.gql('villageAdmin', ANSWER, { input: { objectionId: taken[0], outcome: 'DISMISSED', answer: '已核实' } });
    expect(answered.errors).toBeUndefined();
    expect((await h.gql('resident', FILE, { input: { noticeId: id, text: '异议 6' } })).errors).toBeUndefined();
    expect(codes(await h.gql('resident', FILE, { input: { noticeId: id, text: '异议 7' } }))).toEqual(['CONFLICT']);
  });

  it('§8.5 the monthly points leaderboard goes on notice by the committee for the county\'s notice period (county setting NOTICE_PERIOD)', async () => {
    await (h.app.get(MikroORM).em.fork() as EntityManager).transactional((em) =>
      applyCountySettingsEvent(
        createEnvelope({
          type: CountySettingsEvents.SETTING_CHANGED,
          areaCode: '330402',
          actor: 'test',
          data: { changeId: randomUUID(), countyCode: '330402', key: 'NOTICE_PERIOD', value: { days: 3 }, effectiveFrom: localDayOf(new Date()), version: 1 },
        }),
        em,
      ),
    );
    const OPEN = `mutation ($input: OpenLeaderboardNoticeInput!) { openLeaderboardNotice(input: $input) { notice { id kind closesAt month } } }`;
    const month = localDayOf(new Date()).slice(0, 7);
    expect(codes(await h.gql('gridLeader', OPEN, { input: { villageCode: VILLAGE, month } }))).toEqual(['FORBIDDEN']);
    expect(codes(await h.gql('village2Admin', OPEN, { input: { villageCode: VILLAGE, month } }))).toEqual(['FORBIDDEN']);
    const opened = await h.ok<{ openLeaderboardNotice: { notice: { id: string; closesAt: string; month: string } } }>('villageAdmin', OPEN, { input: { villageCode: VILLAGE, month } });
    expect(Math.round((Date.parse(opened.openLeaderboardNotice.notice.closesAt) - Date.now()) / 86_400_000)).toBe(3);
    expect(codes(await h.gql('villageAdmin', OPEN, { input: { villageCode: VILLAGE, month } }))).toEqual(['CONFLICT']);
    const filed = await h.gql('volunteer', FILE, { input: { noticeId: opened.openLeaderboardNotice.notice.id, text: '我10月参加的两次义诊没有计分' } });
    expect(filed.errors).toBeUndefined();
    expect((filed.data as { fileObjection: { objection: { filedAs: string } } }).fileObjection.objection.filedAs).toBe('MEMBER');
  });

  it('issue 15 四培五考 targets come from the county setting PLATFORM_TARGETS in force on the period\'s first day', async () => {
    const query = `{ platformStatistics(staffUserId: "00000000-0000-4000-8000-000000000009", gridCode: "${GRIDS.own}", kind: GRID_MONTHLY, period: "2026-10") { visits casesFound score } }`;
    const before = await h.ok<{ platformStatistics: { visits: number; casesFound: number; score: number } }>('villageAdmin', query);
    expect(before.platformStatistics).toMatchObject({ visits: 0, casesFound: 0, score: 0 });
    // A county that asks for no visits and no cases: nothing done meets both targets.
    await (h.app.get(MikroORM).em.fork() as EntityManager).transactional((em) =>
      applyCountySettingsEvent(
        createEnvelope({
          type: CountySettingsEvents.SETTING_CHANGED,
          areaCode: '330402',
          actor: 'test',
          data: { changeId: randomUUID(), countyCode: '330402', key: 'PLATFORM_TARGETS', value: { windowDays: 30, visits: 0, casesFound: 0 }, effectiveFrom: '2026-10-01', version: 1 },
        }),
        em,
      ),
    );
    expect((await h.ok<{ platformStatistics: { score: number } }>('villageAdmin', query)).platformStatistics.score).toBe(100);
    // A period that began before the change keeps the targets it started under.
    const september = query.replace('2026-10', '2026-09');
    expect((await h.ok<{ platformStatistics: { score: number } }>('villageAdmin', september)).platformStatistics.score).toBe(0);
  });
});

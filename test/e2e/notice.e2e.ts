import { randomUUID } from 'node:crypto';
import { errorCodes } from '@lianxin/testing';
import { asUser } from './gateway.js';

const GRID = '330402001001001';
const VILLAGE = GRID.slice(0, 12);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Retries a call while it answers one of `codes` (an event copy still catching up after the stack started). */
async function until<T extends { errors?: unknown[] }>(call: () => Promise<T>, codes: string[], timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await call();
    if (!errorCodes(response as never).some((code) => codes.includes(code)) || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Issue 15 through the gateway with real tokens: §8.6 residents order, §8.5 public notice, per-county rules. */
describe('issue 15: residents order, results are published, counties keep their own rules', () => {
  it('§8.6 a resident\'s micro-wish goes published → claimed → done', async () => {
    const order = `id status areaCode requesterUserId`;
    const requested = await until(
      () =>
        asUser<{ requestServiceOrder: { order: { id: string; status: string; areaCode: string } } }>(
          'resident.demo',
          `mutation ($input: RequestServiceOrderInput!) { requestServiceOrder(input: $input) { order { ${order} } } }`,
          { input: { kind: 'MICRO_WISH', title: 'e2e 微心愿：想要一套儿童绘本', description: '孩子在家上网课，想要绘本', deadline: inDays(10) } },
        ),
      ['FORBIDDEN'],
    );
    expect(requested.errors).toBeUndefined();
    const wish = requested.data!.requestServiceOrder.order;
    expect(wish).toMatchObject({ status: 'PROPOSED', areaCode: GRID });
    // Not claimable before the community publishes it.
    const step = (user: string, mutation: string, input: Record<string, unknown>) =>
      asUser<Record<string, { order: { status: string } }>>(user, `mutation ($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { order { status } } }`, { input });
    expect(errorCodes(await step('volunteer.demo', 'claimOrder', { orderId: wish.id }))).toEqual(['NOT_FOUND']);
    const published = await step('village.admin', 'reviewServiceOrder', { orderId: wish.id, publish: true, note: '社区审核通过，发布微心愿' });
    expect(published.data?.reviewServiceOrder.order.status).toBe('OPEN');
    const claimed = await step('volunteer.demo', 'claimOrder', { orderId: wish.id });
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data?.claimOrder.order.status).toBe('CLAIMED');
    expect((await step('volunteer.demo', 'completeOrder', { orderId: wish.id, note: '已送去十本绘本' })).data?.completeOrder.order.status).toBe('COMPLETED');
    expect((await step('resident.demo', 'confirmOrder', { orderId: wish.id })).data?.confirmOrder.order.status).toBe('CONFIRMED');
    const seen = await asUser<{ serviceOrder: { status: string; requestedAt: string | null; reviewedByUserId: string | null } }>(
      'resident.demo',
      `{ serviceOrder(id: "${wish.id}") { status requestedAt reviewedByUserId } }`,
    );
    expect(seen.data?.serviceOrder).toMatchObject({ status: 'CONFIRMED', reviewedByUserId: '00000000-0000-4000-8000-000000000006' });
    expect(seen.data?.serviceOrder.requestedAt).toBeTruthy();
  });

  it('§8.5 an objection during the notice period is answered before the rating is final', async () => {
    // A quarter taken through 三评一定一公示 by the committee (the member has no account: the branch committee self-rates for them).
    const opened = await asUser<{ openRatingRound: { round: { id: string } } }>(
      'village.admin',
      `mutation ($input: OpenRatingRoundInput!) { openRatingRound(input: $input) { round { id } } }`,
      { input: { personId: randomUUID(), memberType: 'WITHOUT_POST', areaCode: GRID, year: 2026, quarter: 3 } },
    );
    expect(opened.errors).toBeUndefined();
    const roundId = opened.data!.openRatingRound.round.id;
    const record = (user: string, step: string, extra: Record<string, unknown> = {}) =>
      asUser(user, `mutation ($input: RecordRatingStepInput!) { recordRatingStep(input: $input) { round { status } } }`, { input: { roundId, step, ...extra } });
    for (const [user, step, extra] of [
      ['grid.leader', 'SELF_RATED', { entries: [{ star: 'PERFORMANCE', points: 12, reason: '参加志愿服务6次' }] }],
      ['grid.leader', 'BRANCH_COMMITTEE_RATED', { entries: [{ star: 'PERFORMANCE', points: 12, reason: '支委会初评' }] }],
      ['jianshe.admin', 'PARTY_COMMITTEE_REVIEWED', {}],
      ['village.admin', 'ASSEMBLY_DECIDED', {}],
      ['village.admin', 'PUBLICLY_NOTIFIED', { note: '在党务公开栏公示' }],
    ] as const) {
      const done = await record(user, step, extra);
      expect([step, done.errors]).toEqual([step, undefined]);
    }
    const round = await asUser<{ ratingRound: { publicNotice: { id: string; stars: number; final: boolean } } }>('village.admin', `{ ratingRound(id: "${roundId}") { publicNotice { id stars final } } }`);
    const notice = round.data!.ratingRound.publicNotice;
    expect(notice.final).toBe(false);

    // The village's resident reads it on the notice board and objects during the period.
    const board = await asUser<{ publicNotices: { edges: Array<{ node: { id: string; stars: number } }> } }>('resident.demo', `{ publicNotices(villageCode: "${VILLAGE}", first: 100) { edges { node { id stars } } } }`);
    expect(board.data!.publicNotices.edges.map((e) => e.node.id)).toContain(notice.id);
    expect(errorCodes(await asUser('grid.worker2', `{ publicNotice(id: "${notice.id}") { id } }`))).toEqual(['NOT_FOUND']);
    const filed = await asUser<{ fileObjection: { objection: { id: string } } }>('resident.demo', `mutation ($input: FileObjectionInput!) { fileObjection(input: $input) { objection { id } } }`, {
      input: { noticeId: notice.id, text: 'e2e 异议：业绩星加分依据不足' },
    });
    expect(filed.errors).toBeUndefined();
    const FINALIZE = `mutation { finalizeNotice(input: { noticeId: "${notice.id}" }) { notice { final } } }`;
    expect(errorCodes(await asUser('village.admin', FINALIZE))).toEqual(['CONFLICT']);
    const answered = await asUser<{ answerObjection: { objection: { outcome: string; answer: string } } }>(
      'village.admin',
      `mutation ($input: AnswerObjectionInput!) { answerObjection(input: $input) { objection { outcome answer } } }`,
      { input: { objectionId: filed.data!.fileObjection.objection.id, outcome: 'DISMISSED', answer: '经核实，志愿服务记录齐全，维持评定' } },
    );
    expect(answered.data?.answerObjection.objection.outcome).toBe('DISMISSED');
    const after = await asUser<{ publicNotice: { final: boolean; unansweredObjections: number; objections: Array<{ answer: string }> } }>(
      'resident.demo',
      `{ publicNotice(id: "${notice.id}") { final unansweredObjections objections { answer } } }`,
    );
    // Answered while the result is not final yet; it becomes final only after the notice period.
    expect(after.data?.publicNotice).toEqual({ final: false, unansweredObjections: 0, objections: [{ answer: '经核实，志愿服务记录齐全，维持评定' }] });
    expect(errorCodes(await asUser('village.admin', FINALIZE))).toEqual(['CONFLICT']);
  });

  it('issue 15 a county admin changes a setting of their own county (versioned, audited); another county\'s is FORBIDDEN', async () => {
    const CHANGE = `mutation ($input: ChangeCountySettingInput!) { changeCountySetting(input: $input) { change { version changedByName effectiveFrom } } }`;
    const tomorrow = chinaDay(new Date(Date.now() + 86_400_000));
    const input = { key: 'NOTICE_PERIOD', value: { days: 7 }, effectiveFrom: tomorrow, reason: 'e2e：公示期7天' };
    expect(errorCodes(await asUser('county.admin', CHANGE, { input: { ...input, countyCode: '330411' } }))).toEqual(['FORBIDDEN']);
    const own = await asUser<{ changeCountySetting: { change: { version: number; changedByName: string } } }>('county.admin', CHANGE, { input: { ...input, countyCode: '330402' } });
    expect(own.errors).toBeUndefined();
    expect(own.data?.changeCountySetting.change.changedByName).toBe('county.admin');
    const settings = await asUser<{ countySettings: { noticePeriodDays: number; entries: Array<{ key: string; isDefault: boolean }> } }>(
      'resident.demo',
      `{ countySettings(countyCode: "330402", at: "${tomorrow}") { noticePeriodDays entries { key isDefault } } }`,
    );
    expect(settings.data?.countySettings.noticePeriodDays).toBe(7);
    expect(settings.data?.countySettings.entries.find((e) => e.key === 'NOTICE_PERIOD')?.isDefault).toBe(false);
    expect(errorCodes(await asUser('grid.worker', `{ countySettingChanges(countyCode: "330402") { totalCount } }`))).toEqual(['FORBIDDEN']);
  });
});

import { randomUUID } from 'node:crypto';
import { queryCounter } from '@lianxin/db';
import { createEnvelope, EventsService, type EventEnvelope } from '@lianxin/events';
import { codes, GRIDS, startAssessmentsHarness, waitFor, type AssessmentsHarness, type DemoUser } from './harness.js';

const ASSESSMENT = `id kind period periodStart periodEnd staffUserId gridCode quantifiedScore democraticScore totalScore
  weightQuantified weightPlatform weightDemocratic
  platform { visits casesFound casesClosed casesClosedOnTime stageOverruns satisfied basicallySatisfied unsatisfied score }
  votes { satisfied basicallySatisfied unsatisfied }`;

interface AssessmentView {
  id: string;
  kind: string;
  period: string;
  staffUserId: string;
  gridCode: string;
  quantifiedScore: number | null;
  democraticScore: number | null;
  totalScore: number;
  weightQuantified: number;
  weightPlatform: number;
  weightDemocratic: number;
  platform: { visits: number; casesFound: number; casesClosed: number; casesClosedOnTime: number; satisfied: number; basicallySatisfied: number; unsatisfied: number; score: number };
}

const ITEMS = [
  { name: '台账规范', points: 18, maxPoints: 20 },
  { name: '巡查到位', points: 27, maxPoints: 30 },
  { name: '政策宣传', points: 40, maxPoints: 50 },
];
const VOTES = { satisfied: 30, basicallySatisfied: 15, unsatisfied: 5 };
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Grid staff assessments (四培五考) with platform statistics projected from grids and cases events. */
describe('assessments: grid staff assessment (四培五考)', () => {
  let h: AssessmentsHarness;
  let worker: string;
  let leader: string;
  const dept = randomUUID();
  const resident = randomUUID();

  beforeAll(async () => {
    h = await startAssessmentsHarness('assessments_staff');
    worker = h.subs.gridWorker;
    leader = h.subs.gridLeader;
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Publishes on the private NATS once the consumer created the stream (no Nats-Msg-Id: JetStream keeps every copy). */
  async function publish(envelope: EventEnvelope): Promise<void> {
    const nc = await h.app.get(EventsService).nats.connection();
    await waitFor(
      () => nc.request(envelope.type, JSON.stringify(envelope), { timeout: 1_000 }).then(() => true, () => false),
      (published) => published,
    );
  }

  const at = (iso: string) => (envelope: EventEnvelope): EventEnvelope => ({ ...envelope, occurredAt: iso });

  function visit(staffUserId: string | null, visitedAt: string, gridCode: string = GRIDS.own): EventEnvelope {
    return createEnvelope({
      type: 'grids.visit.recorded',
      areaCode: gridCode,
      actor: staffUserId ?? 'system',
      data: { visitId: randomUUID(), gridCode, staffId: randomUUID(), staffUserId, householdId: randomUUID(), visitedAt },
    });
  }

  function caseEvent(event: string, caseId: string, actor: string, occurredAt: string, data: Record<string, unknown> = {}, gridCode: string = GRIDS.own): EventEnvelope {
    return at(occurredAt)(
      createEnvelope({
        type: `cases.case.${event}`,
        areaCode: gridCode,
        actor,
        data: { caseId, number: 'x', gridCode, category: 'LIVELIHOOD_SERVICE', class: 'ORDINARY', source: 'GRID_PATROL', status: 'X', level: 'GRID', reporterPersonId: null, actor, ...data },
      }),
    );
  }

  /**
   * March 2026 in grid 330402001001001, by hand:
   * - grid.worker: 10 visits in March (one at 00:30 Beijing on 1 March), one in February, one at 01:00 Beijing on 1 April;
   * - c1 found on patrol by the worker, resolved by them on time, rated satisfied;
   * - c2 reported by a resident, verified by the worker (their case), resolved late by a department, rated basically satisfied;
   * - c3 found (hazard) by the worker, resolved on time, rated unsatisfied → reopened (closure taken back) → resolved within its
   *   reopen clock → rated satisfied (§8.1: a reopened case's closure is never on time);
   * - c4 found by the worker in another grid; c5 a resident's case the grid leader verified and resolved, rated satisfied.
   * So the worker: visits 10, found 2, closed 3 of which 1 on time; the grid's ratings: satisfied 3, basically 1, unsatisfied 0.
   */
  async function feedEvents(): Promise<number> {
    const events: EventEnvelope[] = [];
    const visitTimes = ['2026-02-28T16:30:00Z', ...[2, 3, 5, 9, 12, 16, 19, 23, 30].map((d) => `2026-03-${String(d).padStart(2, '0')}T02:00:00Z`)];
    for (const time of visitTimes) events.push(visit(worker, time));
    events.push(visit(worker, '2026-02-10T02:00:00Z'), visit(worker, '2026-03-31T17:00:00Z'), visit(null, '2026-03-10T02:00:00Z'));
    const [c1, c2, c3, c4, c5] = Array.from({ length: 5 }, () => randomUUID());
    events.push(
      caseEvent('reported', c1, worker, '2026-03-02T01:00:00Z', { dueAt: '2026-03-05T09:00:00Z' }),
      caseEvent('verified', c1, worker, '2026-03-02T01:10:00Z'),
      caseEvent('resolved', c1, worker, '2026-03-03T06:00:00Z', { dueAt: '2026-03-05T09:00:00Z' }),
      caseEvent('rated', c1, resident, '2026-03-04T06:00:00Z', { rating: 'SATISFIED' }),
      caseEvent('reported', c2, resident, '2026-03-05T01:00:00Z', { source: 'RESIDENT' }),
      caseEvent('verified', c2, worker, '2026-03-05T03:00:00Z', { source: 'RESIDENT' }),
      caseEvent('escalated', c2, worker, '2026-03-05T04:00:00Z', { source: 'RESIDENT' }),
      caseEvent('dispatched', c2, leader, '2026-03-06T04:00:00Z', { source: 'RESIDENT' }),
      caseEvent('resolved', c2, dept, '2026-03-20T04:00:00Z', { source: 'RESIDENT', dueAt: '2026-03-10T09:00:00Z' }),
      caseEvent('rated', c2, resident, '2026-03-21T04:00:00Z', { source: 'RESIDENT', rating: 'BASICALLY_SATISFIED' }),
      caseEvent('reported', c3, worker, '2026-03-10T01:00:00Z', { source: 'HAZARD_EVENT' }),
      caseEvent('resolved', c3, worker, '2026-03-11T01:00:00Z', { source: 'HAZARD_EVENT', dueAt: '2026-03-12T09:00:00Z' }),
      caseEvent('rated', c3, resident, '2026-03-12T01:00:00Z', { source: 'HAZARD_EVENT', rating: 'UNSATISFIED' }),
      caseEvent('reopened', c3, resident, '2026-03-12T01:00:00Z', { source: 'HAZARD_EVENT' }),
      caseEvent('resolved', c3, worker, '2026-03-15T01:00:00Z', { source: 'HAZARD_EVENT', dueAt: '2026-03-18T09:00:00Z' }),
      caseEvent('rated', c3, resident, '2026-03-16T01:00:00Z', { source: 'HAZARD_EVENT', rating: 'SATISFIED' }),
      caseEvent('reported', c4, worker, '2026-03-08T01:00:00Z', {}, GRIDS.sibling),
      caseEvent('reported', c5, resident, '2026-03-20T01:00:00Z', { source: 'RESIDENT' }),
      caseEvent('verified', c5, leader, '2026-03-20T02:00:00Z', { source: 'RESIDENT' }),
      caseEvent('resolved', c5, leader, '2026-03-21T02:00:00Z', { source: 'RESIDENT', dueAt: '2026-03-25T09:00:00Z' }),
      caseEvent('rated', c5, resident, '2026-03-22T02:00:00Z', { source: 'RESIDENT', rating: 'SATISFIED' }),
    );
    for (const envelope of events) await publish(envelope);
    // Redelivered copies of a visit and of a resolution change nothing.
    await publish(events[3]);
    await publish(events.find((e) => e.type === 'cases.case.resolved')!);
    return events.length;
  }

  const complete = (user: DemoUser, input: Record<string, unknown>) =>
    h.gql<{ completeAssessment: { assessment: AssessmentView } }>(
      user,
      `mutation ($input: CompleteAssessmentInput!) { completeAssessment(input: $input) { assessment { ${ASSESSMENT} } } }`,
      { input },
    );

  describe('platform statistics from events', () => {
    beforeAll(async () => {
      const distinct = await feedEvents();
      await waitFor(() => h.count('select count(*) as n from processed_event'), (n) => n >= distinct, 30_000);
    });

    it('projects each event once, per user, grid and Beijing day', async () => {
      const rows = await h.sql<{ day: string; visits: number }>(
        `select to_char(day, 'YYYY-MM-DD') as day, visits from staff_activity_day where user_id = ? and grid_code = ? and visits > 0 order by day`,
        [worker, GRIDS.own],
      );
      expect(rows.map((row) => row.day)).toEqual([
        '2026-02-10',
        '2026-03-01',
        '2026-03-02',
        '2026-03-03',
        '2026-03-05',
        '2026-03-09',
        '2026-03-12',
        '2026-03-16',
        '2026-03-19',
        '2026-03-23',
        '2026-03-30',
        '2026-04-01',
      ]);
      expect(rows.every((row) => Number(row.visits) === 1)).toBe(true);
      expect(await h.count(`select count(*) as n from processed_event where consumer = 'assessments-grid-visits'`)).toBe(13);
    });

    it('completes a monthly assessment whose scores equal a recomputation by hand from the events', async () => {
      const response = await complete('gridLeader', {
        kind: 'GRID_MONTHLY',
        period: '2026-03',
        staffUserId: worker,
        gridCode: GRIDS.own,
        quantifiedItems: ITEMS,
        votes: VOTES,
      });
      expect(response.errors).toBeUndefined();
      const assessment = response.data!.completeAssessment.assessment;
      const counts = { visits: 10, casesFound: 2, casesClosed: 3, casesClosedOnTime: 1, stageOverruns: 0, satisfied: 3, basicallySatisfied: 1, unsatisfied: 0 };
      // 31 days: targets 20 × 31/30 visits and 4 × 31/30 cases found; on time 1/3 (c1; c2 late, c3 reopened); satisfaction (3 × 100 + 60) / 4 = 90.
      const platform = round2(100 * (0.3 * (10 / (20 * 31 / 30)) + 0.2 * (2 / (4 * 31 / 30)) + 0.3 * (1 / 3) + 0.2 * 0.9));
      expect(platform).toBe(52.19);
      expect(assessment.platform).toEqual({ ...counts, score: platform });
      expect(assessment.quantifiedScore).toBe(85); // (18 + 27 + 40) / 100
      expect(assessment.democraticScore).toBe(78); // (30 × 100 + 15 × 60) / 50
      expect(assessment).toMatchObject({ weightQuantified: 0.4, weightPlatform: 0.4, weightDemocratic: 0.2 });
      expect(assessment.totalScore).toBe(round2(0.4 * 85 + 0.4 * 52.19 + 0.2 * 78));

      const completed = await h.sql<{ envelope: { data: { totalScore: number; staffUserId: string } } }>(
        `select envelope from outbox_event where subject = 'assessments.assessment.completed'`,
      );
      expect(completed.map((row) => row.envelope.data)).toEqual([expect.objectContaining({ totalScore: assessment.totalScore, staffUserId: worker })]);
      await waitFor(() => h.count('select count(*) as n from outbox_event where published_at is null'), (n) => n === 0);
      expect(codes(await complete('villageAdmin', { kind: 'GRID_MONTHLY', period: '2026-03', staffUserId: worker, gridCode: GRIDS.own, quantifiedItems: ITEMS, votes: VOTES }))).toEqual(['CONFLICT']);
    });

    it('uses the township\'s weights over the defaults, and the quarter\'s own projection', async () => {
      const set = await h.gql<{ setAssessmentWeights: { weights: { areaCode: string; quantified: number } } }>(
        'townshipAdmin',
        'mutation ($input: SetAssessmentWeightsInput!) { setAssessmentWeights(input: $input) { weights { areaCode quantified } } }',
        { input: { areaCode: '330402001', kind: 'VILLAGE_QUARTERLY', quantified: 0.5, platform: 0.3, democratic: 0.2 } },
      );
      expect(set.data?.setAssessmentWeights.weights).toEqual({ areaCode: '330402001', quantified: 0.5 });
      const response = await complete('villageAdmin', { kind: 'VILLAGE_QUARTERLY', period: '2026-Q1', staffUserId: worker, gridCode: GRIDS.own, quantifiedItems: ITEMS, votes: VOTES });
      const assessment = response.data!.completeAssessment.assessment;
      // Q1 (90 days) adds the February visit: 11 visits of a target of 60, 2 found of 12.
      const platform = round2(100 * (0.3 * (11 / 60) + 0.2 * (2 / 12) + 0.3 * (1 / 3) + 0.2 * 0.9));
      expect(assessment.platform).toMatchObject({ visits: 11, casesFound: 2, score: platform });
      expect(assessment).toMatchObject({ weightQuantified: 0.5, weightPlatform: 0.3, weightDemocratic: 0.2, totalScore: round2(0.5 * 85 + 0.3 * platform + 0.2 * 78) });
      const applied = await h.ok<{ assessmentWeights: Array<{ kind: string; quantified: number; setForAreaCode: string | null }> }>(
        'villageAdmin',
        '{ assessmentWeights(areaCode: "330402001001") { kind quantified setForAreaCode } }',
      );
      expect(applied.assessmentWeights.find((w) => w.kind === 'VILLAGE_QUARTERLY')).toEqual({ kind: 'VILLAGE_QUARTERLY', quantified: 0.5, setForAreaCode: '330402001' });
      expect(applied.assessmentWeights.find((w) => w.kind === 'GRID_MONTHLY')).toEqual({ kind: 'GRID_MONTHLY', quantified: 0.4, setForAreaCode: null });
    });

    it('§8.1 charges a stage overrun to its holder; §8.2 leaves the ratings a staff member entered out of their own statistics', async () => {
      // May 2026: the worker overran a stage of c6; the grid leader recorded a return visit (satisfied) on c6; the
      // worker themself entered an unsatisfied return visit on c7.
      const [c6, c7] = [randomUUID(), randomUUID()];
      const events = [
        caseEvent('reported', c6, worker, '2026-05-04T01:00:00Z'),
        caseEvent('stage_overrun', c6, 'system', '2026-05-05T16:00:00Z', { holderUserId: worker, stageLevel: 'GRID' }),
        caseEvent('rated', c6, leader, '2026-05-07T02:00:00Z', { rating: 'SATISFIED', ratingMethod: 'PHONE', ratingByProxy: true }),
        caseEvent('rated', c7, worker, '2026-05-08T02:00:00Z', { rating: 'UNSATISFIED', ratingMethod: 'VISIT', ratingByProxy: true }),
      ];
      const before = await h.count('select count(*) as n from processed_event');
      for (const envelope of events) await publish(envelope);
      await waitFor(() => h.count('select count(*) as n from processed_event'), (n) => n >= before + events.length, 30_000);
      const stats = async (staffUserId: string) =>
        (
          await h.ok<{ platformStatistics: { stageOverruns: number; satisfied: number; unsatisfied: number } }>(
            'villageAdmin',
            `query ($staff: ID!, $grid: String!) { platformStatistics(staffUserId: $staff, gridCode: $grid, kind: GRID_MONTHLY, period: "2026-05") { stageOverruns satisfied unsatisfied } }`,
            { staff: staffUserId, grid: GRIDS.own },
          )
        ).platformStatistics;
      expect(await stats(worker)).toEqual({ stageOverruns: 1, satisfied: 1, unsatisfied: 0 });
      expect(await stats(leader)).toEqual({ stageOverruns: 0, satisfied: 0, unsatisfied: 1 });
    });
    it('§8.3 counts care slots left undone (grids.care.overdue) against the covering worker\'s visits', async () => {
      const before = await h.count(`select count(*) as n from processed_event where consumer = 'assessments-care-overdue'`);
      await publish({
        id: randomUUID(), type: 'grids.care.overdue', occurredAt: '2026-06-15T16:05:00Z', areaCode: GRIDS.own, actor: 'system', schemaVersion: 1,
        data: {
          gridCode: GRIDS.own, staffId: randomUUID(), staffUserId: worker, staffName: '周辉',
          slots: [
            { slotId: randomUUID(), householdId: randomUUID(), kind: 'VISIT', dueDate: '2026-06-07' },
            { slotId: randomUUID(), householdId: randomUUID(), kind: 'VISIT', dueDate: '2026-06-14' },
            { slotId: randomUUID(), householdId: randomUUID(), kind: 'HOUSEWORK', dueDate: '2026-05-31' },
          ],
        },
      } as EventEnvelope);
      await waitFor(() => h.count(`select count(*) as n from processed_event where consumer = 'assessments-care-overdue'`), (n) => n === before + 1, 30_000);
      const rows = await h.sql<{ day: string; care_missed: number }>(
        `select to_char(day, 'YYYY-MM-DD') as day, care_missed from staff_activity_day where user_id = ? and care_missed > 0 order by day`,
        [worker],
      );
      // Charged on the day after each slot's last day.
      expect(rows.map((row) => [row.day, Number(row.care_missed)])).toEqual([['2026-06-01', 1], ['2026-06-08', 1], ['2026-06-15', 1]]);
    });
  });

  it('refuses bad input (weights not adding up to 1, scores out of range, bad periods) with the field, and writes nothing', async () => {
    const before = await Promise.all(['assessment', 'assessment_weights', 'outbox_event'].map((table) => h.count(`select count(*) as n from ${table}`)));
    const weights = (input: Record<string, unknown>) =>
      h.gql('countyAdmin', 'mutation ($input: SetAssessmentWeightsInput!) { setAssessmentWeights(input: $input) { weights { id } } }', {
        input: { areaCode: '330402', kind: 'GRID_MONTHLY', quantified: 0.4, platform: 0.4, democratic: 0.2, ...input },
      });
    expect((await weights({ platform: 0.3 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weights' });
    expect((await weights({ quantified: 1.2, platform: -0.4 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weights' });

    const base = { kind: 'GRID_MONTHLY', period: '2026-02', staffUserId: worker, gridCode: GRIDS.own, quantifiedItems: ITEMS, votes: VOTES };
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ quantifiedItems: [{ name: '台账', points: 21, maxPoints: 20 }] }, 'quantifiedItems.0.points'],
      [{ quantifiedItems: [ITEMS[0], { name: '巡查', points: -1, maxPoints: 30 }] }, 'quantifiedItems.1.points'],
      [{ quantifiedItems: [{ name: '台账', points: 10, maxPoints: 0 }] }, 'quantifiedItems.0.maxPoints'],
      [{ votes: { satisfied: -1, basicallySatisfied: 0, unsatisfied: 0 } }, 'votes.satisfied'],
      [{ period: '2026-2' }, 'period'],
      [{ period: '2026-Q1' }, 'period'],
      [{ period: '2099-01' }, 'period'],
      [{ quantifiedItems: [] }, 'quantifiedItems'],
      [{ votes: undefined }, 'votes'],
      [{ gridCode: '33040200100100' }, 'gridCode'],
    ];
    for (const [change, field] of bad) {
      const response = await complete('countyAdmin', { ...base, ...change });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const after = await Promise.all(['assessment', 'assessment_weights', 'outbox_event'].map((table) => h.count(`select count(*) as n from ${table}`)));
    expect(after).toEqual(before);
  });

  it('lets only the right level assess, inside its area, and never oneself', async () => {
    const input = (change: Record<string, unknown> = {}) => ({ kind: 'GRID_MONTHLY', period: '2026-01', staffUserId: worker, gridCode: GRIDS.own, quantifiedItems: ITEMS, votes: VOTES, ...change });
    expect(codes(await complete('gridWorker', input()))).toEqual(['FORBIDDEN']);
    expect(codes(await complete('resident', input()))).toEqual(['FORBIDDEN']);
    expect(codes(await complete('gridLeader', input({ kind: 'VILLAGE_QUARTERLY', period: '2026-Q2' })))).toEqual(['FORBIDDEN']);
    expect(codes(await complete('gridLeader', input({ staffUserId: leader })))).toEqual(['FORBIDDEN']);
    expect(codes(await complete('village2Admin', input()))).toEqual(['FORBIDDEN']);
    expect(codes(await complete('villageAdmin', input({ kind: 'TOWNSHIP_YEAR_END', period: '2025' })))).toEqual(['FORBIDDEN']);
    const countyWeights = await h.gql('townshipAdmin', 'mutation { setAssessmentWeights(input: { areaCode: "330402", kind: GRID_MONTHLY, quantified: 0.5, platform: 0.3, democratic: 0.2 }) { weights { id } } }');
    expect(codes(countyWeights)).toEqual(['FORBIDDEN']);
    expect(codes(await h.gql('otherTownshipAdmin', 'mutation { setAssessmentWeights(input: { areaCode: "330402001", kind: GRID_MONTHLY, quantified: 0.5, platform: 0.3, democratic: 0.2 }) { weights { id } } }'))).toEqual(['FORBIDDEN']);
  });

  describe('reading, ranking and batching', () => {
    const others = Array.from({ length: 10 }, () => randomUUID());

    beforeAll(async () => {
      const { AssessmentService } = await import('../src/staff-assessment/assessment.service.js');
      const system = { system: true as const, userId: 'system', role: 'system' };
      const grids = [GRIDS.own, GRIDS.sibling, GRIDS.sibling, GRIDS.otherVillage, GRIDS.otherVillage, GRIDS.otherVillage, '330402001003001', '330402001003001', GRIDS.otherTownship, GRIDS.otherTownship];
      await h.withServices(async (get) => {
        const service = get(AssessmentService);
        for (const [index, staffUserId] of others.entries()) {
          await service.complete(system, {
            kind: 'GRID_MONTHLY' as never,
            period: '2026-03',
            staffUserId,
            gridCode: grids[index],
            quantifiedItems: [{ name: '综合', points: 50 + index * 5, maxPoints: 100 }],
            votes: { satisfied: 10, basicallySatisfied: 0, unsatisfied: 0 },
          });
        }
      });
    });

    it('shows staff their own assessment and readers their area\'s; nobody else', async () => {
      const [{ id }] = await h.sql<{ id: string }>(`select id from assessment where staff_user_id = ? and kind = 'GRID_MONTHLY'`, [worker]);
      const read = (user: DemoUser) => h.gql<{ assessment: { totalScore: number } }>(user, 'query ($id: ID!) { assessment(id: $id) { totalScore } }', { id });
      for (const user of ['gridWorker', 'gridLeader', 'villageAdmin', 'townshipAdmin', 'auditor', 'countyAdmin'] as DemoUser[]) expect((await read(user)).errors).toBeUndefined();
      for (const user of ['gridWorker2', 'resident', 'volunteer', 'civilStaff', 'village2Admin'] as DemoUser[]) expect(codes(await read(user))).toEqual(['FORBIDDEN']);
      const own = await h.ok<{ assessments: { totalCount: number } }>('gridWorker', '{ assessments { totalCount } }');
      expect(own.assessments.totalCount).toBe(2);
      const area = await h.ok<{ assessments: { totalCount: number } }>('villageAdmin', '{ assessments(filter: { kind: GRID_MONTHLY, period: "2026-03" }) { totalCount } }');
      expect(area.assessments.totalCount).toBe(4);
    });

    it('ranks workers, grids and villages of an area (1, 2, 2, 4 on ties), inside the caller\'s scope', async () => {
      const ranking = await h.ok<{
        assessmentRanking: {
          workers: Array<{ rank: number; assessment: { staffUserId: string; totalScore: number; gridCode: string } }>;
          grids: Array<{ rank: number; areaCode: string; averageScore: number; assessedCount: number }>;
          villages: Array<{ rank: number; areaCode: string; averageScore: number; assessedCount: number }>;
        };
      }>(
        'townshipAdmin',
        '{ assessmentRanking(areaCode: "330402001", kind: GRID_MONTHLY, period: "2026-03") { workers { rank assessment { staffUserId totalScore gridCode } } grids { rank areaCode averageScore assessedCount } villages { rank areaCode averageScore assessedCount } } }',
      );
      const { workers, grids, villages } = ranking.assessmentRanking;
      expect(workers).toHaveLength(9);
      const scores = workers.map((w) => w.assessment.totalScore);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      workers.forEach((entry, index) => {
        const previous = workers[index - 1];
        expect(entry.rank).toBe(previous && previous.assessment.totalScore === entry.assessment.totalScore ? previous.rank : index + 1);
      });
      expect(workers.some((w) => w.assessment.gridCode.startsWith('330402002'))).toBe(false);
      expect(grids.map((g) => g.areaCode).sort()).toEqual([GRIDS.own, GRIDS.sibling, GRIDS.otherVillage, '330402001003001'].sort());
      expect(villages.map((v) => [v.areaCode, v.assessedCount]).sort()).toEqual([['330402001001', 4], ['330402001002', 3], ['330402001003', 2]]);
      const own = grids.find((g) => g.areaCode === GRIDS.own)!;
      const ownScores = workers.filter((w) => w.assessment.gridCode === GRIDS.own).map((w) => w.assessment.totalScore);
      expect(own).toMatchObject({ assessedCount: 2, averageScore: round2((ownScores[0] + ownScores[1]) / 2) });
      expect(codes(await h.gql('villageAdmin', '{ assessmentRanking(areaCode: "330402001", kind: GRID_MONTHLY, period: "2026-03") { grids { rank } } }'))).toEqual(['FORBIDDEN']);
      expect(codes(await h.gql('resident', '{ assessmentRanking(areaCode: "330402001001001", kind: GRID_MONTHLY, period: "2026-03") { grids { rank } } }'))).toEqual(['FORBIDDEN']);
      const badArea = await h.gql('countyAdmin', '{ assessmentRanking(areaCode: "330402x", kind: GRID_MONTHLY, period: "2026-03") { grids { rank } } }');
      expect(badArea.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'areaCode' });
      const badPeriod = await h.gql('countyAdmin', '{ assessmentRanking(areaCode: "330402", kind: VILLAGE_QUARTERLY, period: "2026-03") { grids { rank } } }');
      expect(badPeriod.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    });

    it('resolves many Assessment references with one SQL query, and hides those outside the caller\'s area', async () => {
      const rows = await h.sql<{ id: string; grid_code: string }>('select id, grid_code from assessment order by id');
      const representations = [...rows.map((row) => ({ __typename: 'Assessment', id: row.id })), { __typename: 'Assessment', id: randomUUID() }];
      queryCounter.reset();
      const response = await h.gql<{ _entities: Array<{ id: string; gridCode: string } | null> }>(
        'townshipAdmin',
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Assessment { id gridCode } } }',
        { representations },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!._entities.map((entity) => entity?.id ?? null)).toEqual([...rows.map((row) => (row.grid_code.startsWith('330402001') ? row.id : null)), null]);
      expect(queryCounter.matching('assessment')).toHaveLength(1);
    });
  });

  describe('trainings (四培)', () => {
    const record = (user: DemoUser, input: Record<string, unknown>) =>
      h.gql<{ recordTraining: { training: { id: string; kind: string } } }>(user, 'mutation ($input: RecordTrainingInput!) { recordTraining(input: $input) { training { id kind } } }', {
        input: { staffUserId: worker, gridCode: GRIDS.own, title: '网格员岗前培训', trainedOn: '2026-01-10', hours: 8, ...input },
      });

    it('records the four kinds: admins all of them, the grid leader the mentoring', async () => {
      expect((await record('villageAdmin', { kind: 'PRE_JOB' })).errors).toBeUndefined();
      expect((await record('townshipAdmin', { kind: 'KEY', trainedOn: '2026-02-10', title: '重点人群服务管理' })).errors).toBeUndefined();
      expect((await record('villageAdmin', { kind: 'BUSINESS', trainedOn: '2026-03-10', title: '平台操作' })).errors).toBeUndefined();
      expect((await record('gridLeader', { kind: 'MENTORING', trainedOn: '2026-04-10', title: '入户走访带教', mentorUserId: leader, hours: 4 })).errors).toBeUndefined();
      expect(codes(await record('gridLeader', { kind: 'PRE_JOB' }))).toEqual(['FORBIDDEN']);
      expect(codes(await record('gridWorker', { kind: 'MENTORING' }))).toEqual(['FORBIDDEN']);
      expect(codes(await record('village2Admin', { kind: 'PRE_JOB' }))).toEqual(['FORBIDDEN']);
      expect((await record('villageAdmin', { kind: 'PRE_JOB', trainedOn: '2099-01-01' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trainedOn' });
      expect((await record('villageAdmin', { kind: 'PRE_JOB', mentorUserId: leader })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mentorUserId' });
      expect((await record('villageAdmin', { kind: 'PRE_JOB', hours: 0 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hours' });

      const list = await h.ok<{ trainingRecords: { edges: Array<{ node: { kind: string } }>; pageInfo: { endCursor: string } } }>('gridWorker', '{ trainingRecords(first: 3) { edges { node { kind } } pageInfo { endCursor } } }');
      expect(list.trainingRecords.edges.map((edge) => edge.node.kind)).toEqual(['MENTORING', 'BUSINESS', 'KEY']);
      const next = await h.ok<{ trainingRecords: { edges: Array<{ node: { kind: string } }> } }>('gridWorker', 'query ($after: String) { trainingRecords(first: 3, after: $after) { edges { node { kind } } } }', {
        after: list.trainingRecords.pageInfo.endCursor,
      });
      expect(next.trainingRecords.edges.map((edge) => edge.node.kind)).toEqual(['PRE_JOB']);
      const other = await h.ok<{ trainingRecords: { totalCount: number } }>('gridWorker2', '{ trainingRecords { totalCount } }');
      expect(other.trainingRecords.totalCount).toBe(0);
    });

    it('issue 17: a training sent again with its idempotencyKey is recorded once (the first answer again); the key with other values is CONFLICT', async () => {
      const count = async () => Number((await h.sql<{ n: string }>('select count(*) as n from training_record'))[0]!.n);
      const before = await count();
      const input = { kind: 'BUSINESS', trainedOn: '2026-05-10', title: '离线采集培训', idempotencyKey: 'training-key-0001' };
      const [a, b] = await Promise.all([record('villageAdmin', input), record('villageAdmin', input)]);
      expect(a.errors).toBeUndefined();
      expect(b.data!.recordTraining.training.id).toBe(a.data!.recordTraining.training.id);
      expect((await record('villageAdmin', input)).data!.recordTraining.training.id).toBe(a.data!.recordTraining.training.id);
      expect(await count()).toBe(before + 1);
      expect((await record('villageAdmin', { ...input, hours: 6 })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['hours'] });
      // Keys are the caller's: another admin's same key is their own write.
      expect((await record('townshipAdmin', input)).data!.recordTraining.training.id).not.toBe(a.data!.recordTraining.training.id);
      expect(await count()).toBe(before + 2);
    });
  });
});

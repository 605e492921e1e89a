import { queryCounter } from '@lianxin/db';
import { codes, GRIDS, personId, startAssessmentsHarness, type AssessmentsHarness, type DemoUser } from './harness.js';

const ROUND = `id status version stars sheetStep year quarter memberUserId memberType
  steps { step actorUserId actorRole note } entries { step star points redLine reason }`;
const RATING = `id personId year stars earnedStars final yellowCard downgraded outcomes measureRequired informsFullMembership
  oneStarMeasure totalScore decidedQuarters vetoed redLines version scores { star score earned }`;

interface RoundView {
  id: string;
  status: string;
  version: number;
  stars: number | null;
  sheetStep: string | null;
  steps: Array<{ step: string; actorUserId: string; actorRole: string; note: string | null }>;
  entries: Array<{ step: string; star: string | null; points: number | null; redLine: string | null }>;
}
interface RatingView {
  id: string;
  stars: number | null;
  earnedStars: number;
  final: boolean;
  yellowCard: boolean;
  downgraded: boolean;
  outcomes: string[];
  measureRequired: boolean;
  informsFullMembership: boolean;
  oneStarMeasure: string | null;
  totalScore: number;
  decidedQuarters: number[];
  vetoed: boolean;
  version: number;
  scores: Array<{ star: string; score: number; earned: boolean }>;
}
type Entry = { star: string; points: number; reason: string };
type Sheet = { entries?: Entry[]; redLines?: Array<{ redLine: string; reason: string }> };

/** Party member star ratings through the graph, with real tokens (DOMAIN.md §6). */
describe('assessments: party member star rating (星级化)', () => {
  let h: AssessmentsHarness;

  beforeAll(async () => {
    h = await startAssessmentsHarness('assessments_stars');
  });

  afterAll(async () => {
    await h?.close();
  });

  const open = async (user: DemoUser, input: Record<string, unknown>) =>
    h.gql<{ openRatingRound: { round: RoundView } }>(user, `mutation ($input: OpenRatingRoundInput!) { openRatingRound(input: $input) { round { ${ROUND} } } }`, { input });

  const step = (user: DemoUser, roundId: string, stepName: string, extra: Record<string, unknown> = {}) =>
    h.gql<{ recordRatingStep: { round: RoundView; rating: RatingView } }>(
      user,
      `mutation ($input: RecordRatingStepInput!) { recordRatingStep(input: $input) { round { ${ROUND} } rating { ${RATING} } } }`,
      { input: { roundId, step: stepName, ...extra } },
    );

  const okStep = async (user: DemoUser, roundId: string, stepName: string, extra: Record<string, unknown> = {}) => {
    const response = await step(user, roundId, stepName, extra);
    if (response.errors) throw new Error(`${user} ${stepName}: ${JSON.stringify(response.errors)}`);
    return response.data!.recordRatingStep;
  };

  /** Opens and decides one quarter of a member without an account in grid.leader's grid; returns the rating after the assembly. */
  async function decideQuarter(person: string, year: number, quarter: number, sheet: Sheet, memberType = 'WITHOUT_POST'): Promise<RatingView> {
    const opened = await open('villageAdmin', { personId: person, memberType, areaCode: GRIDS.own, year, quarter });
    if (opened.errors) throw new Error(JSON.stringify(opened.errors));
    const roundId = opened.data!.openRatingRound.round.id;
    const withSheet = { entries: sheet.entries ?? [], ...(sheet.redLines ? { redLines: sheet.redLines } : {}) };
    await okStep('gridLeader', roundId, 'SELF_RATED', { ...withSheet, note: '代为自评（党员无账号）' });
    await okStep('gridLeader', roundId, 'BRANCH_COMMITTEE_RATED', withSheet);
    await okStep('townshipAdmin', roundId, 'PARTY_COMMITTEE_REVIEWED');
    const decided = await okStep('villageAdmin', roundId, 'ASSEMBLY_DECIDED');
    await okStep('villageAdmin', roundId, 'PUBLICLY_NOTIFIED', { note: '村务公开栏公示7天' });
    return decided.rating;
  }

  /** Decides the year's last sheets.length quarters (a member who joined mid-year starts later). */
  async function decideYear(person: string, year: number, sheets: Sheet[], memberType = 'WITHOUT_POST'): Promise<RatingView> {
    let rating: RatingView | undefined;
    for (const [index, sheet] of sheets.entries()) rating = await decideQuarter(person, year, 5 - sheets.length + index, sheet, memberType);
    return rating!;
  }

  const entry = (star: string, points: number): Entry => ({ star, points, reason: `${star} ${points}` });
  /** Two stars over the year: POLITICAL, DISCIPLINE and MORALITY end at 11; DEDICATION and PERFORMANCE (12) kept. */
  const yellowCardYear: Sheet[] = [
    { entries: [entry('POLITICAL', 5), entry('DISCIPLINE', 9), entry('PERFORMANCE', 6)] },
    { entries: [entry('POLITICAL', 4), entry('MORALITY', 9), entry('PERFORMANCE', 6)] },
    { entries: [] },
    { entries: [] },
  ];

  it('takes a quarter through 三评一定一公示, step by step, in order, with an append-only log', async () => {
    const opened = await open('villageAdmin', {
      personId: personId(1),
      memberUserId: h.subs.resident,
      memberType: 'WITHOUT_POST',
      areaCode: GRIDS.own,
      year: 2025,
      quarter: 1,
    });
    expect(opened.errors).toBeUndefined();
    const roundId = opened.data!.openRatingRound.round.id;
    expect(opened.data!.openRatingRound.round).toMatchObject({ status: 'OPENED', stars: null, memberUserId: h.subs.resident });

    // The member self-rates; a committee step by the member on their own round is refused.
    const self = await okStep('resident', roundId, 'SELF_RATED', { entries: [entry('POLITICAL', 1), entry('PERFORMANCE', 5)] });
    expect(self.round).toMatchObject({ status: 'SELF_RATED', sheetStep: 'SELF_RATED', stars: 4 });
    expect(codes(await step('resident', roundId, 'BRANCH_COMMITTEE_RATED', { entries: [] }))).toEqual(['FORBIDDEN']);

    // Out of order: the assembly cannot decide before the committees.
    expect(codes(await step('villageAdmin', roundId, 'ASSEMBLY_DECIDED'))).toEqual(['CONFLICT']);
    // Wrong people: an auditor reads but never rates; a grid worker or another village does not even see it.
    expect(codes(await step('auditor', roundId, 'BRANCH_COMMITTEE_RATED', { entries: [] }))).toEqual(['FORBIDDEN']);
    expect(codes(await step('gridWorker', roundId, 'BRANCH_COMMITTEE_RATED', { entries: [] }))).toEqual(['NOT_FOUND']);
    expect(codes(await step('village2Admin', roundId, 'BRANCH_COMMITTEE_RATED', { entries: [] }))).toEqual(['NOT_FOUND']);
    expect(codes(await step('gridLeader', roundId, 'BRANCH_COMMITTEE_RATED', { entries: [], expectedVersion: 1 }))).toEqual(['CONFLICT']);

    const branch = await okStep('gridLeader', roundId, 'BRANCH_COMMITTEE_RATED', { entries: [entry('POLITICAL', 2), entry('PERFORMANCE', 12)] });
    expect(branch.round).toMatchObject({ sheetStep: 'BRANCH_COMMITTEE_RATED', stars: 5 });
    expect(codes(await step('gridLeader', roundId, 'PARTY_COMMITTEE_REVIEWED'))).toEqual(['FORBIDDEN']);
    await okStep('townshipAdmin', roundId, 'PARTY_COMMITTEE_REVIEWED', { note: '审核同意' });
    const decided = await okStep('villageAdmin', roundId, 'ASSEMBLY_DECIDED', { note: '党员大会表决通过' });
    expect(decided.rating).toMatchObject({ decidedQuarters: [1], final: false, stars: 5, outcomes: [] });
    const notified = await okStep('villageAdmin', roundId, 'PUBLICLY_NOTIFIED');
    expect(codes(await step('villageAdmin', roundId, 'PUBLICLY_NOTIFIED'))).toEqual(['CONFLICT']);

    expect(notified.round.steps.map((s) => [s.step, s.actorUserId, s.actorRole])).toEqual([
      ['SELF_RATED', h.subs.resident, 'member'],
      ['BRANCH_COMMITTEE_RATED', h.subs.gridLeader, 'grid-leader'],
      ['PARTY_COMMITTEE_REVIEWED', h.subs.townshipAdmin, 'township-admin'],
      ['ASSEMBLY_DECIDED', h.subs.villageAdmin, 'village-admin'],
      ['PUBLICLY_NOTIFIED', h.subs.villageAdmin, 'village-admin'],
    ]);
    // Both sheets are kept, each under its step.
    expect(notified.round.entries.map((e) => [e.step, e.star, e.points])).toEqual([
      ['SELF_RATED', 'POLITICAL', 1],
      ['SELF_RATED', 'PERFORMANCE', 5],
      ['BRANCH_COMMITTEE_RATED', 'POLITICAL', 2],
      ['BRANCH_COMMITTEE_RATED', 'PERFORMANCE', 12],
    ]);
    await expect(h.sql(`update rating_step_record set note = 'changed' where round_id = ?`, [roundId])).rejects.toThrow(/append-only/);
    await expect(h.sql(`delete from rating_entry where round_id = ?`, [roundId])).rejects.toThrow(/append-only/);
    await expect(h.sql(`truncate rating_step_record`)).rejects.toThrow(/append-only/);

    const events = await h.sql<{ subject: string }>(`select subject from outbox_event where envelope->'data'->>'roundId' = ? order by seq`, [roundId]);
    expect(events.map((e) => e.subject)).toEqual([
      ...Array(4).fill('assessments.rating.step_recorded'),
      'assessments.rating.decided',
      'assessments.rating.step_recorded',
    ]);
  });

  it('refuses bad sheets and bad rounds with the field and reason, and writes nothing', async () => {
    // The account linked in Q1 carries over: the member self-rates Q2 too.
    const opened = await open('gridLeader', { personId: personId(1), memberType: 'WITHOUT_POST', areaCode: GRIDS.own, year: 2025, quarter: 2 });
    expect(opened.data!.openRatingRound.round.memberUserId).toBe(h.subs.resident);
    const roundId = opened.data!.openRatingRound.round.id;
    const before = await Promise.all(['rating_entry', 'rating_step_record', 'outbox_event'].map((table) => h.count(`select count(*) as n from ${table}`)));
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ entries: [entry('POLITICAL', 2.55)] }, 'entries.0.points'],
      [{ entries: [entry('POLITICAL', 1), entry('MORALITY', 25)] }, 'entries.1.points'],
      [{ entries: [entry('POLITICAL', 0)] }, 'entries.0.points'],
      [{ entries: [{ star: 'POLITICAL', points: 1, reason: '' }] }, 'entries.0.reason'],
      [{}, 'entries'],
      [{ entries: [], redLines: [{ redLine: 'LOSS_OF_FAITH', reason: 'a' }, { redLine: 'LOSS_OF_FAITH', reason: 'b' }] }, 'redLines.1.redLine'],
    ];
    for (const [extra, field] of bad) {
      const response = await step('resident', roundId, 'SELF_RATED', extra);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const after = await Promise.all(['rating_entry', 'rating_step_record', 'outbox_event'].map((table) => h.count(`select count(*) as n from ${table}`)));
    expect(after).toEqual(before);
    expect((await h.sql<{ status: string }>('select status from rating_round where id = ?', [roundId]))[0].status).toBe('OPENED');

    const rounds = await h.count('select count(*) as n from rating_round');
    const badRounds: Array<[Record<string, unknown>, string, string]> = [
      [{ year: 2100, quarter: 1 }, 'quarter', 'BAD_USER_INPUT'],
      [{ quarter: 5 }, 'quarter', 'BAD_USER_INPUT'],
      [{ areaCode: '33040200100' }, 'areaCode', 'BAD_USER_INPUT'],
      [{ memberUserId: h.subs.resident, personId: personId(99) }, 'memberUserId', 'BAD_USER_INPUT'],
    ];
    for (const [change, field, code] of badRounds) {
      const response = await open('villageAdmin', { personId: personId(1), memberType: 'WITHOUT_POST', areaCode: GRIDS.own, year: 2025, quarter: 3, ...change });
      expect(response.errors?.[0].extensions).toMatchObject({ code, field });
    }
    expect(codes(await open('villageAdmin', { personId: personId(1), memberType: 'WITHOUT_POST', areaCode: GRIDS.own, year: 2025, quarter: 2 }))).toEqual(['CONFLICT']);
    expect(codes(await open('village2Admin', { personId: personId(50), memberType: 'WITHOUT_POST', areaCode: GRIDS.own, year: 2025, quarter: 1 }))).toEqual(['FORBIDDEN']);
    expect(codes(await open('gridWorker', { personId: personId(50), memberType: 'WITHOUT_POST', areaCode: GRIDS.own, year: 2025, quarter: 1 }))).toEqual(['FORBIDDEN']);
    expect(await h.count('select count(*) as n from rating_round')).toBe(rounds);
  });

  it('rule 6 then 7: a yellow card in year one and another in year two → one star, and the committee records a measure (rule 8)', async () => {
    const member = personId(2);
    const year1 = await decideYear(member, 2024, yellowCardYear);
    expect(year1).toMatchObject({ final: true, stars: 2, yellowCard: true, downgraded: false, outcomes: ['REMINDER_TALK', 'YELLOW_CARD'], measureRequired: false });
    expect(year1.scores.map((s) => [s.star, s.score, s.earned])).toEqual([
      ['POLITICAL', 11, false],
      ['DISCIPLINE', 11, false],
      ['MORALITY', 11, false],
      ['DEDICATION', 20, true],
      ['PERFORMANCE', 12, true],
    ]);
    const year2 = await decideYear(member, 2025, yellowCardYear);
    expect(year2).toMatchObject({
      final: true,
      earnedStars: 2,
      stars: 1,
      yellowCard: true,
      downgraded: true,
      outcomes: ['YELLOW_CARD', 'DOWNGRADED_TO_ONE_STAR'],
      measureRequired: true,
      oneStarMeasure: null,
    });

    const measure = (user: DemoUser, note = '限期三个月整改') =>
      h.gql<{ recordOneStarMeasure: { rating: RatingView } }>(
        user,
        `mutation ($input: RecordOneStarMeasureInput!) { recordOneStarMeasure(input: $input) { rating { ${RATING} } } }`,
        { input: { ratingId: year2.id, measure: 'CORRECTION_DEADLINE', note } },
      );
    expect(codes(await measure('villageAdmin'))).toEqual(['FORBIDDEN']);
    expect(codes(await measure('otherTownshipAdmin'))).toEqual(['NOT_FOUND']);
    const recorded = await measure('townshipAdmin');
    expect(recorded.data?.recordOneStarMeasure.rating).toMatchObject({ oneStarMeasure: 'CORRECTION_DEADLINE', stars: 1 });
    expect(codes(await measure('townshipAdmin'))).toEqual(['CONFLICT']);
    // A measure belongs to years with one star or none.
    const year1Measure = await h.gql(
      'townshipAdmin',
      'mutation ($input: RecordOneStarMeasureInput!) { recordOneStarMeasure(input: $input) { rating { id } } }',
      { input: { ratingId: year1.id, measure: 'REMOVAL', note: 'x' } },
    );
    expect(codes(year1Measure)).toEqual(['CONFLICT']);
    expect(await h.count(`select count(*) as n from outbox_event where subject = 'assessments.rating.measure_recorded'`)).toBe(1);
  });

  it('rule 5: five stars → recommended; rule 3: a red line in one quarter → 0 stars; rule 4: a probationary member gets no stars', async () => {
    const five = await decideYear(personId(3), 2025, [
      { entries: [entry('PERFORMANCE', 5.3)] },
      { entries: [entry('PERFORMANCE', 6.7), entry('MORALITY', 8)] },
      { entries: [] },
      { entries: [] },
    ]);
    expect(five).toMatchObject({ stars: 5, outcomes: ['REWARD_RECOMMENDED'], totalScore: 20 + 20 + 12 + 20 + 12 });

    const vetoed = await decideYear(personId(4), 2025, [
      { entries: [entry('PERFORMANCE', 20)] },
      { entries: [], redLines: [{ redLine: 'BREAKING_LAW_OR_DISCIPLINE', reason: '酒驾被处理' }] },
      { entries: [] },
      { entries: [] },
    ]);
    expect(vetoed).toMatchObject({ earnedStars: 5, stars: 0, vetoed: true, measureRequired: true, outcomes: [] });

    // Joined in July: rated in Q3 and Q4 only; the year is final once Q4 is decided.
    const probationary = await decideYear(personId(5), 2025, [{ entries: [entry('PERFORMANCE', 13)] }, { entries: [] }], 'PROBATIONARY');
    expect(probationary).toMatchObject({
      final: true,
      decidedQuarters: [3, 4],
      stars: null,
      earnedStars: 5,
      totalScore: 93,
      informsFullMembership: true,
      outcomes: [],
      measureRequired: false,
    });
  });

  describe('who reads a star rating', () => {
    const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id starRating { stars year } starRatingHistory { year } } } }`;
    const personOf = async (user: DemoUser, person: string) =>
      (await h.gql<{ _entities: Array<{ starRating: { stars: number; year: number } | null; starRatingHistory: Array<{ year: number }> | null }> }>(user, ENTITIES, {
        representations: [{ __typename: 'Person', id: person }],
      })).data!._entities[0];

    it('shows the member their own, and the area\'s admins, grid leader and auditors everyone\'s', async () => {
      for (const user of ['resident', 'gridLeader', 'villageAdmin', 'townshipAdmin', 'countyAdmin', 'auditor'] as DemoUser[]) {
        expect((await personOf(user, personId(1))).starRating).toEqual({ stars: 5, year: 2025 });
      }
      const member = await h.ok<{ myStarRatings: Array<{ year: number; personId: string }> }>('resident', '{ myStarRatings { year personId } }');
      expect(member.myStarRatings).toEqual([{ year: 2025, personId: personId(1) }]);
      const twoYears = await personOf('townshipAdmin', personId(2));
      expect(twoYears.starRatingHistory).toEqual([{ year: 2025 }, { year: 2024 }]);
      expect(twoYears.starRating).toEqual({ stars: 1, year: 2025 });
    });

    it('gives null through references and FORBIDDEN to direct queries for other residents, volunteers, grid workers, department staff and other areas', async () => {
      for (const user of ['volunteer', 'gridWorker', 'civilStaff', 'policeStaff', 'village2Admin', 'otherTownshipAdmin'] as DemoUser[]) {
        expect(await personOf(user, personId(1))).toEqual({ id: personId(1), starRating: null, starRatingHistory: null });
        const direct = await h.gql(user, `query ($p: ID!) { partyMemberRating(personId: $p, year: 2025) { stars } }`, { p: personId(1) });
        expect(codes(direct)).toEqual(['FORBIDDEN']);
      }
      expect(await personOf('resident', personId(2))).toMatchObject({ starRating: null });
      expect(codes(await h.gql('volunteer', '{ partyMemberRatings { totalCount } }'))).toEqual(['FORBIDDEN']);
      const listed = await h.ok<{ partyMemberRatings: { totalCount: number } }>('village2Admin', '{ partyMemberRatings { totalCount } }');
      expect(listed.partyMemberRatings.totalCount).toBe(0);
    });

    it('lists ratings of an area by year and stars', async () => {
      const data = await h.ok<{ partyMemberRatings: { totalCount: number; edges: Array<{ node: { personId: string; stars: number } }> } }>(
        'villageAdmin',
        '{ partyMemberRatings(filter: { year: 2025, stars: 5 }) { totalCount edges { node { personId stars } } } }',
      );
      expect(data.partyMemberRatings.edges.map((edge) => edge.node.personId).sort()).toEqual([personId(1), personId(3)].sort());
      expect(codes(await h.gql('villageAdmin', '{ partyMemberRatings(filter: { areaCode: "330402001002" }) { totalCount } }'))).toEqual(['FORBIDDEN']);
    });
  });

  it('resolves Person.starRating and starRatingHistory for many persons with one SQL query (DataLoader)', async () => {
    const { StarRatingService } = await import('../src/star-rating/star-rating.service.js');
    const members = Array.from({ length: 30 }, (_, i) => personId(1000 + i));
    await h.withServices(async (get) => {
      const service = get(StarRatingService);
      const system = (role: string) => ({ system: true as const, userId: 'system', role });
      for (const member of members) {
        const round = await service.openRound(system('system'), { personId: member, memberType: 'WITHOUT_POST' as never, areaCode: GRIDS.sibling, year: 2025, quarter: 1 });
        await service.recordStep(system('member'), { roundId: round.id, step: 'SELF_RATED' as never, entries: [] });
        await service.recordStep(system('grid-leader'), { roundId: round.id, step: 'BRANCH_COMMITTEE_RATED' as never, entries: [] });
        await service.recordStep(system('township-admin'), { roundId: round.id, step: 'PARTY_COMMITTEE_REVIEWED' as never });
        await service.recordStep(system('village-admin'), { roundId: round.id, step: 'ASSEMBLY_DECIDED' as never });
      }
    });
    const representations = [...members, personId(1), personId(777), 'not-a-uuid'].map((id) => ({ __typename: 'Person', id }));
    queryCounter.reset();
    const response = await h.gql<{ _entities: Array<{ id: string; starRating: { stars: number } | null; starRatingHistory: unknown[] | null }> }>(
      'countyAdmin',
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id starRating { stars } starRatingHistory { year } } } }`,
      { representations },
    );
    expect(response.errors).toBeUndefined();
    const entities = response.data!._entities;
    expect(entities.slice(0, 30).every((person) => person.starRating?.stars === 4)).toBe(true);
    expect(entities[30].starRating).toEqual({ stars: 5 });
    expect(entities[31]).toEqual({ id: personId(777), starRating: null, starRatingHistory: null });
    expect(entities[32]).toEqual({ id: 'not-a-uuid', starRating: null, starRatingHistory: null });
    expect(queryCounter.matching('party_member_rating')).toHaveLength(1);
  });
});

import { errorCodes, publishEnvelope, type GraphQLResponse } from '@lianxin/testing';
import { asUser } from './gateway.js';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:54223';
const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const GRID = '330402001001001';
const GRID_WORKER_ID = '00000000-0000-4000-8000-000000000009';

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, attempts = 60): Promise<T> {
  let value = await probe();
  for (let attempt = 0; attempt < attempts && !done(value); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await probe();
  }
  return value;
}

function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}

async function civicPoints(personId: string): Promise<number> {
  const data = ok(await asUser<{ person: { points: { civic: number | null } | null } }>('village.admin', `{ person(id: "${personId}") { points { civic } } }`));
  return data.person.points?.civic ?? 0;
}

async function reportAndVerify(reporter: string, reporterPersonId?: string): Promise<string> {
  const reported = ok(
    await asUser<{ reportCase: { case: { id: string } } }>(
      reporter,
      'mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }',
      { input: { gridCode: GRID, title: '垃圾清运不及时 e2e', description: '小区东门垃圾桶两天未清运', categoryCode: 'ENVIRONMENT', reporterPersonId } },
    ),
  );
  ok(await asUser('grid.worker', 'mutation ($input: VerifyCaseInput!) { verifyCase(input: $input) { case { id } } }', { input: { caseId: reported.reportCase.case.id } }));
  return reported.reportCase.case.id;
}

/** Cases → volunteers (dual points) and cases → assessments (platform statistics) through events. */
describe('points and assessments from case events', () => {
  it('pays a resident\'s civic points once for a verified case, even when the event arrives twice', async () => {
    const me = ok(await asUser<{ myPerson: { id: string } }>('resident.demo', '{ myPerson { id } }'));
    const personId = me.myPerson.id;
    const before = await civicPoints(personId);
    const caseId = await reportAndVerify('resident.demo', personId);
    const afterFirst = await until(() => civicPoints(personId), (points) => points > before);
    const award = afterFirst - before;
    expect(award).toBeGreaterThan(0);

    // The same fact again under a new envelope id (a replay), then a new fact as a marker: the
    // consumer handles the stream in order, so once the marker is paid the replay has been seen.
    const data = { caseId, number: 'replay', gridCode: GRID, category: 'ENVIRONMENT', class: 'ORDINARY', source: 'RESIDENT', status: 'VERIFIED', level: 'GRID', reporterPersonId: personId, actor: GRID_WORKER_ID };
    await publishEnvelope(natsUrl, { type: 'cases.case.verified', areaCode: GRID, actor: GRID_WORKER_ID, data });
    await reportAndVerify('resident.demo', personId);
    const afterMarker = await until(() => civicPoints(personId), (points) => points > afterFirst);
    expect(afterMarker - afterFirst).toBe(award);
  });

  it('counts the cases a grid worker finds in their monthly platform statistics', async () => {
    const query = `{ platformStatistics(staffUserId: "${GRID_WORKER_ID}", gridCode: "${GRID}", kind: GRID_MONTHLY, period: "${month}") { casesFound } }`;
    const found = async () => ok(await asUser<{ platformStatistics: { casesFound: number } }>('village.admin', query)).platformStatistics.casesFound;
    const before = await found();
    await reportAndVerify('grid.worker');
    expect(await until(found, (count) => count > before)).toBe(before + 1);
  });

  it('shows a village\'s leaderboard to its own admins only', async () => {
    const query = `{ leaderboard(villageCode: "330402001001", month: "${month}") { villageCode entries { rank points } } }`;
    expect(ok(await asUser<{ leaderboard: { villageCode: string } }>('village.admin', query)).leaderboard.villageCode).toBe('330402001001');
    expect(errorCodes(await asUser('xinjia.admin', query))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await asUser('police.staff', query))).toEqual(['FORBIDDEN']);
  });

  it('shows a party member\'s star rating to admins of their area, not to other members of the public', async () => {
    const ratings = ok(
      await asUser<{ partyMemberRatings: { edges: Array<{ node: { year: number; person: { id: string } } }> } }>(
        'jianshe.admin',
        '{ partyMemberRatings(first: 1) { edges { node { year person { id } } } } }',
      ),
    );
    const { year, person } = ratings.partyMemberRatings.edges[0].node;
    const query = `{ partyMemberRating(personId: "${person.id}", year: ${year}) { year earnedStars } }`;
    expect(ok(await asUser<{ partyMemberRating: { year: number } }>('jianshe.admin', query)).partyMemberRating.year).toBe(year);
    const volunteer = await asUser<{ partyMemberRating: unknown }>('volunteer.demo', query);
    expect(volunteer.data?.partyMemberRating ?? null).toBeNull();
    expect(errorCodes(volunteer)).toContain('FORBIDDEN');
  });
});

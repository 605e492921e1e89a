import { errorCodes, graphqlRequest, subjectOf, tokenFor, type GraphQLResponse } from '@lianxin/testing';
import { asUser } from '../e2e/gateway.js';

/**
 * Issue 13 findings in the cases subgraph (DOMAIN.md §8.7), through the gateway of the test stack with
 * real tokens (and, for the Viewer, straight to the subgraph as an attacker would).
 */
const GRID = '330402001001001';
const XINJIA_GRID = '330402002001001';
const CASES_URL = `http://127.0.0.1:${4104 + Number(process.env.STACK_PORT_OFFSET ?? 800)}/graphql`;

function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}

/** Retries while the cases service's person directory catches up with the people service's events. */
async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, attempts = 80): Promise<T> {
  let value = await probe();
  for (let attempt = 0; attempt < attempts && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await probe();
  }
  return value;
}

async function personsIn(gridCode: string): Promise<string[]> {
  const data = ok(
    await asUser<{ persons: { edges: Array<{ node: { id: string } }> } }>('county.admin', 'query ($filter: PersonFilter) { persons(first: 5, filter: $filter) { edges { node { id } } } }', {
      filter: { areaCode: gridCode },
    }),
  );
  return data.persons.edges.map((edge) => edge.node.id);
}

const REPORT = 'mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id reporter { id } } } }';
type Reported = { reportCase: { case: { id: string; reporter: { id: string } | null } } };
const report = (user: string, extra: Record<string, unknown> = {}) =>
  asUser<Reported>(user, REPORT, {
    input: { title: '安全测试：楼道灯不亮', description: '三单元楼道灯坏了', categoryCode: 'INFRASTRUCTURE', gridCode: GRID, ...extra },
  });

describe('security: cases (issue 13)', () => {
  it('§8.7 issue 13: a resident naming someone else as reporter (reportCase reporterPersonId) is refused', async () => {
    const own = ok(await asUser<{ myPerson: { id: string } | null }>('resident.demo', '{ myPerson { id } }')).myPerson?.id;
    const other = (await personsIn(GRID)).find((id) => id !== own)!;
    expect(other).toBeDefined();
    expect(errorCodes(await report('resident.demo', { reporterPersonId: other }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await report('resident.demo', { reporterPersonId: other, anonymous: true }))).toEqual(['FORBIDDEN']);
  });

  it('§8.7 issue 13: a resident\'s own report names the person linked to their account', async () => {
    const own = ok(await asUser<{ myPerson: { id: string } | null }>('resident.demo', '{ myPerson { id } }')).myPerson?.id;
    expect(own).toBeDefined();
    // The first report may come before cases has heard of the link: then it has no reporter, never someone else.
    const reported = await eventually(
      async () => ok(await report('resident.demo')).reportCase.case.reporter,
      (reporter) => reporter !== null,
    );
    expect(reported).toEqual({ id: own });
  });

  it('§8.7 issue 13: staff naming a person outside their own area is refused', async () => {
    const [inside] = await personsIn(GRID);
    const [outside] = await personsIn(XINJIA_GRID);
    // Inside the grid worker's grid it is accepted (once the directory knows the person) …
    const accepted = await eventually(
      () => report('grid.worker', { source: 'RESIDENT', reporterPersonId: inside }),
      (response) => !response.errors,
    );
    expect(ok(accepted).reportCase.case.reporter).toEqual({ id: inside });
    // … a person of another township is not, for the grid worker nor for the township admin of this one.
    for (const user of ['grid.worker', 'jianshe.admin']) {
      const refused = await report(user, { source: 'RESIDENT', reporterPersonId: outside });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors?.[0].extensions).toMatchObject({ field: 'reporterPersonId' });
    }
  });

  it('issue 13: an anonymous reporter is hidden from the township admin (history.actorUserId) but visible to the auditor', async () => {
    const resident = subjectOf(await tokenFor('resident.demo'));
    const caseId = ok(await report('resident.demo', { anonymous: true })).reportCase.case.id;
    const query = 'query ($id: ID!) { case(id: $id) { anonymous reporter { id } history { action actorUserId } } }';
    type View = { case: { anonymous: boolean; reporter: { id: string } | null; history: Array<{ action: string; actorUserId: string | null }> } };
    const township = ok(await asUser<View>('jianshe.admin', query, { id: caseId })).case;
    expect(township).toEqual({ anonymous: true, reporter: null, history: [{ action: 'REPORT', actorUserId: null }] });
    for (const user of ['county.admin', 'village.admin', 'grid.worker']) {
      expect(ok(await asUser<View>(user, query, { id: caseId })).case.history).toEqual([{ action: 'REPORT', actorUserId: null }]);
    }
    const auditor = ok(await asUser<View>('county.auditor', query, { id: caseId })).case;
    expect(auditor.history).toEqual([{ action: 'REPORT', actorUserId: resident }]);
    expect(auditor.reporter).toBeNull();
  });

  it('issue 13: mediation parties and notes are hidden from a non-handler who sees the case', async () => {
    const caseId = ok(await report('grid.worker', { source: 'GRID_PATROL', categoryCode: 'DISPUTE', title: '安全测试：邻里纠纷' })).reportCase.case.id;
    const disputeId = ok(
      await asUser<{ openDispute: { dispute: { id: string } } }>('grid.worker', 'mutation ($input: OpenDisputeInput!) { openDispute(input: $input) { dispute { id } } }', {
        input: { caseId, level: 'GRID', parties: [{ name: '王五', role: '申请人' }, { name: '赵六', role: '被申请人' }] },
      }),
    ).openDispute.dispute.id;
    ok(
      await asUser('grid.worker', 'mutation ($input: RecordMediationSessionInput!) { recordMediationSession(input: $input) { dispute { id } } }', {
        input: { disputeId, level: 'GRID', outcome: 'ADJOURNED', notes: '赵六称王五占用公共楼道' },
      }),
    );
    const query = 'query ($id: ID!) { case(id: $id) { dispute { outcome parties { name } sessions { outcome notes } } } }';
    type View = { case: { dispute: { outcome: string; parties: Array<{ name: string }> | null; sessions: Array<{ outcome: string; notes: string | null }> } } };
    const handler = ok(await asUser<View>('grid.worker', query, { id: caseId })).case.dispute;
    expect(handler).toEqual({ outcome: 'PENDING', parties: [{ name: '王五' }, { name: '赵六' }], sessions: [{ outcome: 'ADJOURNED', notes: '赵六称王五占用公共楼道' }] });
    expect(ok(await asUser<View>('county.auditor', query, { id: caseId })).case.dispute).toEqual(handler);
    for (const user of ['jianshe.admin', 'village.admin', 'county.admin']) {
      expect([user, ok(await asUser<View>(user, query, { id: caseId })).case.dispute]).toEqual([
        user,
        { outcome: 'PENDING', parties: null, sessions: [{ outcome: 'ADJOURNED', notes: null }] },
      ]);
    }
  });

  it('issue 13: a forged Viewer representation sent straight to the cases subgraph returns null', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Viewer { id myCases { totalCount } awaitingMyAction { totalCount } } } }';
    const workerToken = await tokenFor('grid.worker');
    const resident = subjectOf(await tokenFor('resident.demo'));
    const forged = await graphqlRequest<{ _entities: unknown[] }>(CASES_URL, query, { token: workerToken, variables: { r: [{ __typename: 'Viewer', id: resident }] } });
    expect(forged.errors).toBeUndefined();
    expect(forged.data?._entities).toEqual([null]);
    const own = await graphqlRequest<{ _entities: Array<{ id: string } | null> }>(CASES_URL, query, {
      token: workerToken,
      variables: { r: [{ __typename: 'Viewer', id: subjectOf(workerToken) }] },
    });
    expect(own.data?._entities[0]?.id).toBe(subjectOf(workerToken));
  });

  it('issue 13: viewer.myCases lists the resident\'s own cases, also anonymous ones; viewer.awaitingMyAction the grid worker\'s', async () => {
    const caseId = ok(await report('resident.demo', { anonymous: true })).reportCase.case.id;
    const mine = ok(await asUser<{ viewer: { myCases: { edges: Array<{ node: { id: string } }> } } }>('resident.demo', '{ viewer { myCases(first: 50) { edges { node { id } } } } }'));
    expect(mine.viewer.myCases.edges.map((edge) => edge.node.id)).toContain(caseId);
    const awaiting = ok(
      await asUser<{ viewer: { awaitingMyAction: { edges: Array<{ node: { id: string; availableActions: string[] } }> } } }>(
        'grid.worker',
        '{ viewer { awaitingMyAction(first: 100) { edges { node { id availableActions } } } } }',
      ),
    );
    expect(awaiting.viewer.awaitingMyAction.edges.length).toBeGreaterThan(0);
    for (const edge of awaiting.viewer.awaitingMyAction.edges) expect(edge.node.availableActions.length).toBeGreaterThan(0);
    const township = ok(
      await asUser<{ viewer: { awaitingMyAction: { edges: Array<{ node: { id: string } }> } } }>('jianshe.admin', '{ viewer { awaitingMyAction(first: 100) { edges { node { id } } } } }'),
    );
    expect(township.viewer.awaitingMyAction.edges.map((edge) => edge.node.id)).not.toContain(caseId);
  });
});

import { errorCodes, graphqlRequest, type GraphQLResponse } from '@lianxin/testing';
import { GRIDS, personId, startGridsHarness, type DemoUser, type GridsHarness } from './harness.js';

type Outcome = 'ok' | 'FORBIDDEN' | 'null';

/**
 * Who may read and change what, with every demo role's real token, inside and outside its area.
 * Outside the area: FORBIDDEN for direct lookups, left out of lists, null for references.
 */
describe('grids subgraph: authorization matrix', () => {
  let h: GridsHarness;

  beforeAll(async () => {
    h = await startGridsHarness('grids_auth');
  });

  afterAll(async () => {
    await h?.close();
  });

  const outcome = (response: GraphQLResponse<Record<string, unknown>>, field: string): Outcome => {
    if (response.errors?.length) {
      const codes = errorCodes(response);
      if (codes.every((code) => code === 'FORBIDDEN')) return 'FORBIDDEN';
      throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
    }
    return response.data?.[field] === null ? 'null' : 'ok';
  };

  const readGrid = (user: DemoUser, code: string) => h.gql(user, `{ grid(code: "${code}") { code name kind boundary village { code } } }`);

  // [user, own-or-inside grid, outside grid]
  const lookups: Array<[DemoUser, string, string]> = [
    ['countyAdmin', GRIDS.otherTownship, GRIDS.otherCounty],
    ['auditor', GRIDS.own, GRIDS.otherCounty],
    ['townshipAdmin', GRIDS.otherVillage, GRIDS.otherTownship],
    ['villageAdmin', GRIDS.sibling, GRIDS.otherVillage],
    ['gridLeader', GRIDS.own, GRIDS.sibling],
    ['gridWorker', GRIDS.own, GRIDS.sibling],
    ['gridWorker2', GRIDS.otherVillage, GRIDS.own],
    ['civilStaff', GRIDS.own, GRIDS.otherCounty],
    ['volunteer', GRIDS.sibling, GRIDS.otherVillage],
  ];

  it.each(lookups)('%s reads a grid inside its area and is refused outside it', async (user, inside, outside) => {
    expect(outcome(await readGrid(user, inside), 'grid')).toBe('ok');
    expect(outcome(await readGrid(user, outside), 'grid')).toBe('FORBIDDEN');
  });

  it.each(lookups)('%s gets null for a grid reference outside its area', async (user, inside, outside) => {
    const response = await h.gql<{ _entities: Array<{ code: string } | null> }>(
      user,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Grid { code } } }',
      { r: [inside, outside].map((code) => ({ __typename: 'Grid', code })) },
    );
    expect(response.data?._entities).toEqual([{ code: inside }, null]);
  });

  it.each(lookups)('%s lists only the grids of its area', async (user) => {
    const response = await h.gql<{ grids: { edges: Array<{ node: { code: string } }> } }>(user, '{ grids(first: 100) { edges { node { code } } } }');
    const areaOf: Record<string, string> = {
      countyAdmin: '330402',
      auditor: '330402',
      civilStaff: '330402',
      townshipAdmin: '330402001',
      villageAdmin: '330402001001',
      volunteer: '330402001001',
      gridLeader: GRIDS.own,
      gridWorker: GRIDS.own,
      gridWorker2: GRIDS.otherVillage,
    };
    const codes = response.data!.grids.edges.map((edge) => edge.node.code);
    const expected = Object.values(GRIDS).filter((code) => code.startsWith(areaOf[user])).sort();
    expect(codes).toEqual(expected);
  });

  it('a resident reads only their own grid\'s code and name', async () => {
    expect(outcome(await h.gql('resident', `{ grid(code: "${GRIDS.own}") { code name } }`), 'grid')).toBe('ok');
    expect(errorCodes(await h.gql('resident', `{ grid(code: "${GRIDS.own}") { code name kind } }`))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await h.gql('resident', `{ grid(code: "${GRIDS.own}") { code staff { name } } }`))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await h.gql('resident', `{ grid(code: "${GRIDS.own}") { structureCheck { meetsPattern } } }`))).toEqual(['FORBIDDEN']);
    expect(outcome(await readGrid('resident', GRIDS.sibling), 'grid')).toBe('FORBIDDEN');
    const list = await h.gql<{ grids: { edges: Array<{ node: { code: string; name: string } }> } }>('resident', '{ grids { edges { node { code name } } } }');
    expect(list.data?.grids.edges.map((edge) => edge.node.code)).toEqual([GRIDS.own]);
    expect(errorCodes(await h.gql('resident', '{ hazards { totalCount } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await h.gql('resident', `{ coverageLinks(areaCode: "${GRIDS.own}") { totalCount } }`))).toEqual(['FORBIDDEN']);
  });

  const staffQuery = `{ grid(code: "${GRIDS.own}") { staff { name role userId person { id } } } }`;
  type StaffView = { grid: { staff: Array<{ name: string; role: string; userId: string | null; person: { id: string } | null }> } };

  it.each<[DemoUser]>([['civilStaff'], ['volunteer']])('%s sees staff names but no personal links', async (user) => {
    const response = await h.gql<StaffView>(user, staffQuery);
    expect(response.errors).toBeUndefined();
    const leader = response.data!.grid.staff.find((member) => member.role === 'LEADER');
    expect(leader).toEqual({ name: '黄晓明', role: 'LEADER', userId: null, person: null });
    expect(response.data!.grid.staff.every((member) => member.userId === null && member.person === null)).toBe(true);
    expect(errorCodes(await h.gql(user, `{ grid(code: "${GRIDS.own}") { staff { households { totalCount } } } }`))).toContain('FORBIDDEN');
    expect(errorCodes(await h.gql(user, `{ grid(code: "${GRIDS.own}") { visits { totalCount } } }`))).toEqual(['FORBIDDEN']);
  });

  it.each<[DemoUser]>([['auditor'], ['villageAdmin'], ['gridWorker']])('%s sees how staff link to people and accounts', async (user) => {
    const response = await h.gql<StaffView>(user, staffQuery);
    const leader = response.data!.grid.staff.find((member) => member.role === 'LEADER');
    expect(leader).toMatchObject({ name: '黄晓明', userId: h.subs.gridLeader, person: { id: expect.any(String) } });
  });

  const mutations: Record<string, string> = {
    createGrid: `mutation { createGrid(input: { code: "${GRIDS.own.slice(0, 12)}050", name: "新网格", kind: URBAN }) { grid { code } } }`,
    createMicroGrid: `mutation { createMicroGrid(input: { code: "${GRIDS.own}050", name: "50号楼" }) { microGrid { code } } }`,
    assignStaff: `mutation { assignStaff(input: { gridCode: "${GRIDS.own}", role: VOLUNTEER, personId: "00000000-0000-4000-8000-000000000999", name: "志愿者" }) { staff { id } } }`,
    registerKeyPlace: `mutation { registerKeyPlace(input: { gridCode: "${GRIDS.own}", kind: MARKET, name: "菜场", address: "禾兴路1号" }) { keyPlace { id } } }`,
    reportHazard: `mutation { reportHazard(input: { gridCode: "${GRIDS.own}", description: "井盖缺失", severity: LOW, category: OTHER }) { hazard { id } } }`,
    createCoverageLink: `mutation { createCoverageLink(input: { areaCode: "${GRIDS.own}", cadreUserId: "00000000-0000-4000-8000-000000000998", cadreName: "干部" }) { coverageLink { id } } }`,
  };

  // Roles refused by their role alone, whatever the area.
  const refused: Array<[DemoUser, string[]]> = [
    ['auditor', Object.keys(mutations)],
    ['civilStaff', Object.keys(mutations)],
    ['volunteer', Object.keys(mutations)],
    ['resident', Object.keys(mutations)],
    ['gridWorker', ['createGrid', 'createMicroGrid', 'assignStaff', 'createCoverageLink']],
    ['gridLeader', ['createGrid', 'createMicroGrid', 'assignStaff', 'createCoverageLink']],
  ];

  it.each(refused)('%s may not change what its role does not own', async (user, names) => {
    const before = await h.count('select count(*) as n from outbox_event');
    for (const name of names) expect([name, errorCodes(await h.gql(user, mutations[name]))]).toEqual([name, ['FORBIDDEN']]);
    expect(await h.count('select count(*) as n from outbox_event')).toBe(before);
  });

  it('admins change their own subtree only', async () => {
    expect(errorCodes(await h.gql('village2Admin', mutations.createGrid))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await h.gql('village2Admin', mutations.assignStaff))).toEqual(['FORBIDDEN']);
    expect((await h.gql('townshipAdmin', mutations.createGrid)).errors).toBeUndefined();
    expect((await h.gql('villageAdmin', mutations.createMicroGrid)).errors).toBeUndefined();
  });

  it('grid staff record field work in their own grid only', async () => {
    expect((await h.gql('gridWorker', mutations.registerKeyPlace)).errors).toBeUndefined();
    expect((await h.gql('gridLeader', mutations.reportHazard)).errors).toBeUndefined();
    expect(errorCodes(await h.gql('gridWorker2', mutations.registerKeyPlace))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await h.gql('gridWorker2', mutations.reportHazard))).toEqual(['FORBIDDEN']);
  });

  describe('Viewer.gridsIServe (issue 13)', () => {
    const viewer = (user: DemoUser, id: string) =>
      h.gql<{ _entities: Array<{ id: string; gridsIServe: Array<{ code: string }> } | null> }>(
        user,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Viewer { id gridsIServe { code name } } } }',
        { r: [{ __typename: 'Viewer', id }] },
      );
    const served = async (user: DemoUser) => (await viewer(user, h.subs[user])).data?._entities[0]?.gridsIServe.map((grid) => grid.code);
    const assign = (gridCode: string, n: number) =>
      h.gql<{ assignStaff: { staff: { id: string } } }>(
        'countyAdmin',
        'mutation ($input: AssignStaffInput!) { assignStaff(input: $input) { staff { id } } }',
        { input: { gridCode, role: 'PART_TIME', personId: personId(n), name: '志愿网格员', userId: h.subs.volunteer } },
      );

    it('issue 13: viewer.gridsIServe lists the grids where the caller holds a current staff assignment', async () => {
      expect(await served('gridWorker')).toEqual([GRIDS.own]);
      expect(await served('gridLeader')).toEqual([GRIDS.own]);
      expect(await served('gridWorker2')).toEqual([GRIDS.otherVillage]);
      expect(await served('villageAdmin')).toEqual([]);
      expect(await served('resident')).toEqual([]);
    });

    it('issue 13: viewer.gridsIServe drops ended assignments and those outside the caller\'s scope', async () => {
      const sibling = await assign(GRIDS.sibling, 901);
      // volunteer.demo's token covers their village: an assignment in another village shows nothing.
      expect(errorCodes(await assign(GRIDS.otherVillage, 902))).toEqual([]);
      expect(await served('volunteer')).toEqual([GRIDS.sibling]);
      const ended = await h.gql('countyAdmin', 'mutation ($input: EndStaffAssignmentInput!) { endStaffAssignment(input: $input) { staff { id } } }', {
        input: { staffId: sibling.data!.assignStaff.staff.id, reason: '任期届满' },
      });
      expect(errorCodes(ended)).toEqual([]);
      expect(await served('volunteer')).toEqual([]);
    });

    it('issue 13: a forged Viewer representation (another account\'s id) sent straight to the subgraph resolves to null', async () => {
      const forged = await viewer('gridWorker2', h.subs.gridWorker);
      expect(errorCodes(forged)).toEqual([]);
      expect(forged.data?._entities).toEqual([null]);
    });
  });

  it('refuses a request without a valid token', async () => {
    const response = await graphqlRequest(h.url, `{ grid(code: "${GRIDS.own}") { code } }`);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    const reference = await graphqlRequest(h.url, 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Grid { code } } }', {
      variables: { r: [{ __typename: 'Grid', code: GRIDS.own }] },
    });
    expect(errorCodes(reference)).toEqual(['UNAUTHENTICATED']);
  });
});

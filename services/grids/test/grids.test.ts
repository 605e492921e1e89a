import { queryCounter } from '@lianxin/db';
import { errorCodes } from '@lianxin/testing';
import { GRIDS, personId, SQUARE, startGridsHarness, type GridsHarness } from './harness.js';

/** Grids, micro-grids, teams and household coverage through the subgraph's GraphQL API. */
describe('grids subgraph: grids, teams and coverage', () => {
  let h: GridsHarness;

  beforeAll(async () => {
    h = await startGridsHarness('grids');
  });

  afterAll(async () => {
    await h?.close();
  });

  const createGrid = (input: Record<string, unknown>, user: 'villageAdmin' | 'countyAdmin' = 'villageAdmin') =>
    h.gql<{ createGrid: { grid: { code: string; kind: string; boundary: unknown; village: { code: string } } } }>(
      user,
      'mutation ($input: CreateGridInput!) { createGrid(input: $input) { grid { code kind boundary village { code } } } }',
      { input },
    );

  describe('grids', () => {
    it('creates a grid in the caller\'s village, with its event in the outbox', async () => {
      const response = await createGrid({ code: '330402001001010', name: '禾兴第十网格', kind: 'URBAN', boundary: SQUARE, householdCount: 420 });
      expect(response.errors).toBeUndefined();
      expect(response.data?.createGrid.grid).toEqual({ code: '330402001001010', kind: 'URBAN', boundary: SQUARE, village: { code: '330402001001' } });
      const [event] = await h.sql<{ envelope: { areaCode: string; actor: string; data: Record<string, unknown> } }>(
        `select envelope from outbox_event where subject = 'grids.grid.created' and envelope->>'areaCode' = '330402001001010'`,
      );
      expect(event.envelope).toMatchObject({
        areaCode: '330402001001010',
        actor: h.subs.villageAdmin,
        data: { code: '330402001001010', name: '禾兴第十网格', kind: 'URBAN', villageCode: '330402001001', householdCount: 420, version: 1 },
      });
    });

    it('accepts a MultiPolygon boundary and stores only type and coordinates', async () => {
      const response = await createGrid({
        code: '330402001001011',
        name: '两块飞地网格',
        kind: 'DEDICATED',
        boundary: { type: 'MultiPolygon', coordinates: [SQUARE.coordinates, SQUARE.coordinates], properties: { note: 'dropped' } },
      });
      expect(response.errors).toBeUndefined();
      expect(response.data?.createGrid.grid.boundary).toEqual({ type: 'MultiPolygon', coordinates: [SQUARE.coordinates, SQUARE.coordinates] });
    });

    it('refuses malformed boundaries and codes with the field and reason, and writes nothing', async () => {
      const gridsBefore = await h.count('select count(*) as n from grid');
      const eventsBefore = await h.count('select count(*) as n from outbox_event');
      const ring = SQUARE.coordinates[0];
      const cases: Array<[Record<string, unknown>, string, RegExp]> = [
        [{ boundary: { type: 'Point', coordinates: [120.75, 30.75] } }, 'boundary', /Polygon or MultiPolygon/],
        [{ boundary: { type: 'Polygon', coordinates: [ring.slice(0, 4)] } }, 'boundary', /not closed/],
        [{ boundary: { type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] } }, 'boundary', /at least 4/],
        [{ boundary: { type: 'Polygon', coordinates: [ring.map(([lon, lat]) => [lon, lat + 70])] } }, 'boundary', /latitude .* outside/],
        [{ boundary: { type: 'Polygon', coordinates: [ring.map(([lon, lat]) => [String(lon), lat])] } }, 'boundary', /numbers only/],
        [{ boundary: 'POLYGON((120.75 30.75, 120.76 30.75))' }, 'boundary', /geometry object/],
        [{ code: '33040200100101' }, 'code', /15 digits/],
        [{ code: '33040200100101X' }, 'code', /15 digits/],
        [{ name: '' }, 'name', /./],
        [{ householdCount: -1 }, 'householdCount', /./],
      ];
      for (const [change, field, reason] of cases) {
        const response = await createGrid({ code: '330402001001020', name: '新网格', kind: 'URBAN', ...change });
        expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
        expect(String(response.errors?.[0].extensions?.reason)).toMatch(reason);
      }
      expect(await h.count('select count(*) as n from grid')).toBe(gridsBefore);
      expect(await h.count('select count(*) as n from outbox_event')).toBe(eventsBefore);
    });

    it('keeps grid codes inside the caller\'s area and refuses a duplicate', async () => {
      const otherVillage = await createGrid({ code: '330402001002009', name: '别村网格', kind: 'URBAN' });
      expect(errorCodes(otherVillage)).toEqual(['FORBIDDEN']);
      const duplicate = await createGrid({ code: GRIDS.own, name: '重复', kind: 'URBAN' });
      expect(errorCodes(duplicate)).toEqual(['CONFLICT']);
    });

    it('updates with the version read, clears optional fields with null, and refuses a stale version', async () => {
      const read = await h.gql<{ grid: { version: number } }>('villageAdmin', `{ grid(code: "${GRIDS.sibling}") { version } }`);
      const version = read.data!.grid.version;
      const update = (input: Record<string, unknown>) =>
        h.gql<{ updateGrid: { grid: { name: string; kind: string; boundary: unknown; householdCount: number | null; version: number } } }>(
          'villageAdmin',
          'mutation ($input: UpdateGridInput!) { updateGrid(input: $input) { grid { name kind boundary householdCount version } } }',
          { input: { code: GRIDS.sibling, ...input } },
        );
      const first = await update({ expectedVersion: version, name: '禾兴第二网格', kind: 'RURAL', boundary: null, householdCount: null });
      expect(first.errors).toBeUndefined();
      expect(first.data?.updateGrid.grid).toEqual({ name: '禾兴第二网格', kind: 'RURAL', boundary: null, householdCount: null, version: version + 1 });
      const stale = await update({ expectedVersion: version, name: '又改了' });
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      const badBoundary = await update({ expectedVersion: version + 1, boundary: { type: 'Polygon', coordinates: [[[1, 1]]] } });
      expect(badBoundary.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'boundary' });
      expect(await h.count(`select count(*) as n from outbox_event where subject = 'grids.grid.updated'`)).toBe(1);
    });

    it('resolves many grid references with one SQL query, and hides those outside the caller\'s area', async () => {
      const { GridService } = await import('../src/grid/grid.service.js');
      const { GridKind } = await import('../src/grid/grid-kind.js');
      const codes = Array.from({ length: 12 }, (_, i) => `330402001003${String(i + 1).padStart(3, '0')}`);
      await h.withServices(async (get) => {
        for (const code of codes) await get(GridService).create('system', { code, name: `南溪网格${code.slice(-3)}`, kind: GridKind.URBAN });
      });
      const representations = [...codes, GRIDS.otherTownship].map((code) => ({ __typename: 'Grid', code }));
      queryCounter.reset();
      const response = await h.gql<{ _entities: Array<{ code: string; name: string } | null> }>(
        'townshipAdmin',
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Grid { code name } } }',
        { representations },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?._entities.map((grid) => grid?.code ?? null)).toEqual([...codes, null]);
      expect(queryCounter.matching('grid')).toHaveLength(1);
    });

    it('contributes Area.grids, scoped to the caller', async () => {
      const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Area { grids(first: 100) { totalCount edges { node { code } } } } } }';
      const county = { __typename: 'Area', code: '330402' };
      const asTownship = await h.gql<{ _entities: Array<{ grids: { totalCount: number; edges: Array<{ node: { code: string } }> } }> }>(
        'townshipAdmin',
        query,
        { r: [county] },
      );
      const codes = asTownship.data!._entities[0].grids.edges.map((edge) => edge.node.code);
      expect(codes.every((code) => code.startsWith('330402001'))).toBe(true);
      expect(codes).toContain(GRIDS.own);
      expect(codes).not.toContain(GRIDS.otherTownship);
      const asCounty = await h.gql<{ _entities: Array<{ grids: { totalCount: number } }> }>('countyAdmin', query, { r: [county] });
      expect(asCounty.data!._entities[0].grids.totalCount).toBe(asTownship.data!._entities[0].grids.totalCount + 1);
    });

    it('pages and filters the grids list', async () => {
      const first = await h.gql<{ grids: { totalCount: number; edges: Array<{ node: { code: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
        'townshipAdmin',
        '{ grids(first: 5, filter: { villageCode: "330402001003" }) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }',
      );
      expect(first.data?.grids.totalCount).toBe(12);
      expect(first.data?.grids.pageInfo.hasNextPage).toBe(true);
      const next = await h.gql<{ grids: { edges: Array<{ node: { code: string } }> } }>(
        'townshipAdmin',
        'query ($after: String) { grids(first: 5, after: $after, filter: { villageCode: "330402001003" }) { edges { node { code } } } }',
        { after: first.data!.grids.pageInfo.endCursor },
      );
      expect(next.data?.grids.edges[0].node.code).toBe('330402001003006');
      const dedicated = await h.gql<{ grids: { totalCount: number } }>('countyAdmin', '{ grids(filter: { kind: DEDICATED }) { totalCount } }');
      expect(dedicated.data?.grids.totalCount).toBe(1);
    });

    it('issue 17: createGrid sent again with its idempotencyKey is one grid and one event, the first answer again; other values are CONFLICT', async () => {
      const input = { code: '330402001001020', name: '禾兴第二十网格', kind: 'URBAN', boundary: SQUARE, householdCount: 300, idempotencyKey: 'grid-key-00001' };
      const events = await h.count("select count(*) as n from outbox_event where subject = 'grids.grid.created'");
      const [a, b] = await Promise.all([createGrid(input), createGrid(input)]);
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      expect(b.data!.createGrid.grid.code).toBe('330402001001020');
      expect((await createGrid(input)).data!.createGrid.grid).toEqual(a.data!.createGrid.grid);
      expect(await h.count("select count(*) as n from grid where code = '330402001001020'")).toBe(1);
      expect(await h.count("select count(*) as n from outbox_event where subject = 'grids.grid.created'")).toBe(events + 1);
      const changed = await createGrid({ ...input, householdCount: 301 });
      expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['householdCount'] });
    });
  });

  describe('micro-grids', () => {
    it('creates a micro-grid under an existing grid of the caller\'s area', async () => {
      const create = (code: string) =>
        h.gql<{ createMicroGrid: { microGrid: { code: string; grid: { code: string } } } }>(
          'villageAdmin',
          'mutation ($code: String!) { createMicroGrid(input: { code: $code, name: "1号楼" }) { microGrid { code grid { code } } } }',
          { code },
        );
      const created = await create(`${GRIDS.own}001`);
      expect(created.data?.createMicroGrid.microGrid).toEqual({ code: `${GRIDS.own}001`, grid: { code: GRIDS.own } });
      expect((await create('330402001001099001')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      expect((await create(`${GRIDS.own}01`)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      expect(errorCodes(await create(`${GRIDS.otherVillage}001`))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await create(`${GRIDS.own}001`))).toEqual(['CONFLICT']);
    });
  });

  describe('teams (1+1+3+N)', () => {
    const assign = (input: Record<string, unknown>) =>
      h.gql<{ assignStaff: { staff: { id: string; role: string; name: string } } }>(
        'villageAdmin',
        'mutation ($input: AssignStaffInput!) { assignStaff(input: $input) { staff { id role name } } }',
        { input },
      );
    const structure = async () =>
      (
        await h.gql<{ grid: { structureCheck: { hasLeader: boolean; hasFullTimeWorker: boolean; partTimeCount: number; volunteerCount: number; findings: string[]; meetsPattern: boolean } } }>(
          'villageAdmin',
          `{ grid(code: "${GRIDS.own}") { structureCheck { hasLeader hasFullTimeWorker partTimeCount volunteerCount findings meetsPattern } } }`,
        )
      ).data!.grid.structureCheck;

    it('reports the gaps of a team and meets the pattern once they are filled', async () => {
      expect(await structure()).toEqual({
        hasLeader: true,
        hasFullTimeWorker: true,
        partTimeCount: 2,
        volunteerCount: 0,
        findings: ['TOO_FEW_PART_TIME', 'NO_VOLUNTEERS'],
        meetsPattern: false,
      });
      expect((await assign({ gridCode: GRIDS.own, role: 'PART_TIME', personId: personId(105), name: '胡建华' })).errors).toBeUndefined();
      expect((await assign({ gridCode: GRIDS.own, role: 'VOLUNTEER', personId: personId(106), name: '林海燕' })).errors).toBeUndefined();
      expect(await structure()).toMatchObject({ partTimeCount: 3, volunteerCount: 1, findings: [], meetsPattern: true });
      const [event] = await h.sql<{ envelope: { areaCode: string; data: Record<string, unknown> } }>(
        `select envelope from outbox_event where subject = 'grids.staff.assigned' and envelope->'data'->>'personId' = ?`,
        [personId(106)],
      );
      expect(event.envelope).toMatchObject({ areaCode: GRIDS.own, data: { gridCode: GRIDS.own, role: 'VOLUNTEER', name: '林海燕', userId: null } });
    });

    it('keeps one leader per grid and puts liaisons in micro-grids', async () => {
      expect(errorCodes(await assign({ gridCode: GRIDS.own, role: 'LEADER', personId: personId(107), name: '第二个网格长' }))).toEqual(['CONFLICT']);
      expect((await assign({ gridCode: GRIDS.own, role: 'LIAISON', personId: personId(108), name: '联络员' })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'microGridCode',
      });
      expect(
        (await assign({ gridCode: GRIDS.own, role: 'FULL_TIME', personId: personId(108), name: '专职', microGridCode: `${GRIDS.own}001` })).errors?.[0]
          .extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'microGridCode' });
      const liaison = await assign({ gridCode: GRIDS.own, role: 'LIAISON', personId: personId(108), name: '联络员', microGridCode: `${GRIDS.own}001` });
      expect(liaison.errors).toBeUndefined();
      const microGrid = await h.gql<{ microGrid: { liaison: { name: string } } }>('villageAdmin', `{ microGrid(code: "${GRIDS.own}001") { liaison { name } } }`);
      expect(microGrid.data?.microGrid.liaison).toEqual({ name: '联络员' });
      expect(errorCodes(await assign({ gridCode: GRIDS.otherVillage, role: 'PART_TIME', personId: personId(109), name: '外村' }))).toEqual(['FORBIDDEN']);
    });
  });

  describe('household coverage (包联)', () => {
    let workerA: string;
    let workerB: string;
    let volunteerId: string;

    const household = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const assignHousehold = (householdId: string, staffId: string, user: 'villageAdmin' | 'gridLeader' = 'villageAdmin') =>
      h.gql<{ assignHousehold: { assignment: { id: string; staff: { id: string } }; previous: { staff: { id: string }; endedAt: string } | null } }>(
        user,
        'mutation ($input: AssignHouseholdInput!) { assignHousehold(input: $input) { assignment { id staff { id } } previous { staff { id } endedAt } } }',
        { input: { householdId, staffId } },
      );
    const loadOf = async (staffId: string) =>
      (await h.gql<{ gridStaff: { householdLoad: number; loadStatus: string } }>('villageAdmin', `{ gridStaff(id: "${staffId}") { householdLoad loadStatus } }`)).data!
        .gridStaff;

    beforeAll(async () => {
      const team = await h.gql<{ grid: { staff: Array<{ id: string; role: string; name: string }> } }>(
        'villageAdmin',
        `{ grid(code: "${GRIDS.own}") { staff { id role name } } }`,
      );
      const staff = team.data!.grid.staff;
      workerA = staff.find((member) => member.name === '赵春生')!.id;
      workerB = staff.find((member) => member.name === '吴金凤')!.id;
      volunteerId = staff.find((member) => member.role === 'VOLUNTEER')!.id;
    });

    it('flags the load against 30–50 households: 29 UNDER, 30 OK, 50 OK, 51 OVER', async () => {
      const expectations = new Map([
        [29, 'UNDER'],
        [30, 'OK'],
        [50, 'OK'],
        [51, 'OVER'],
      ]);
      for (let n = 1; n <= 51; n += 1) {
        const response = await assignHousehold(household(n), workerA);
        expect(response.errors).toBeUndefined();
        const status = expectations.get(n);
        if (status) expect(await loadOf(workerA)).toEqual({ householdLoad: n, loadStatus: status });
      }
    });

    it('links a household to one worker at a time: reassigning moves it and keeps the history', async () => {
      const moved = await assignHousehold(household(1), workerB);
      expect(moved.errors).toBeUndefined();
      expect(moved.data?.assignHousehold.previous?.staff.id).toBe(workerA);
      expect(moved.data?.assignHousehold.previous?.endedAt).toEqual(expect.any(String));
      expect((await loadOf(workerA)).householdLoad).toBe(50);
      expect((await loadOf(workerB)).householdLoad).toBe(1);
      const again = await assignHousehold(household(1), workerB);
      expect(again.data?.assignHousehold.previous).toBeNull();
      const history = await h.gql<{ householdCoverage: { edges: Array<{ node: { staff: { id: string }; endedAt: string | null } }> } }>(
        'gridLeader',
        `{ householdCoverage(householdId: "${household(1)}") { edges { node { staff { id } endedAt } } } }`,
      );
      expect(history.data?.householdCoverage.edges.map((edge) => [edge.node.staff.id, edge.node.endedAt === null])).toEqual([
        [workerB, true],
        [workerA, false],
      ]);
      expect(await h.count('select count(*) as n from household_assignment where household_id = ? and ended_at is null', [household(1)])).toBe(1);
    });

    it('keeps one current link even when two reassignments race', async () => {
      const results = await Promise.all([assignHousehold(household(90), workerA), assignHousehold(household(90), workerB)]);
      for (const result of results) expect(result.errors === undefined || errorCodes(result)[0] === 'CONFLICT').toBe(true);
      expect(await h.count('select count(*) as n from household_assignment where household_id = ? and ended_at is null', [household(90)])).toBe(1);
    });

    it('refuses volunteers, unknown workers and workers outside the caller\'s area', async () => {
      const before = await h.count('select count(*) as n from household_assignment');
      expect((await assignHousehold(household(200), volunteerId)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'staffId' });
      expect((await assignHousehold(household(200), household(999))).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'staffId' });
      expect((await assignHousehold('not-a-uuid', workerA)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'householdId' });
      const otherVillageWorker = await h.gql<{ grid: { staff: Array<{ id: string }> } }>('countyAdmin', `{ grid(code: "${GRIDS.otherVillage}") { staff { id } } }`);
      expect(errorCodes(await assignHousehold(household(200), otherVillageWorker.data!.grid.staff[0].id, 'gridLeader'))).toEqual(['FORBIDDEN']);
      expect(await h.count('select count(*) as n from household_assignment')).toBe(before);
    });

    it('releases a worker\'s households when the assignment ends', async () => {
      const ended = await h.gql<{ endStaffAssignment: { staff: { active: boolean; endReason: string }; releasedHouseholds: number } }>(
        'villageAdmin',
        'mutation ($input: EndStaffAssignmentInput!) { endStaffAssignment(input: $input) { staff { active endReason } releasedHouseholds } }',
        { input: { staffId: workerA, reason: '调岗' } },
      );
      expect(ended.errors).toBeUndefined();
      expect(ended.data?.endStaffAssignment.staff).toEqual({ active: false, endReason: '调岗' });
      const released = ended.data!.endStaffAssignment.releasedHouseholds;
      expect(released).toBeGreaterThanOrEqual(50);
      expect(await h.count('select count(*) as n from household_assignment where staff_id = ? and ended_at is null', [workerA])).toBe(0);
      expect(await h.count('select count(*) as n from household_assignment where staff_id = ?', [workerA])).toBeGreaterThanOrEqual(released);
      const again = await h.gql('villageAdmin', `mutation { endStaffAssignment(input: { staffId: "${workerA}" }) { releasedHouseholds } }`);
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      const history = await h.gql<{ grid: { staff: Array<{ id: string }> } }>('villageAdmin', `{ grid(code: "${GRIDS.own}") { staff(includeEnded: true) { id } } }`);
      expect(history.data?.grid.staff.map((member) => member.id)).toContain(workerA);
    });
  });
});

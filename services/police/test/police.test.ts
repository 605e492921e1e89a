import type { INestApplication } from '@nestjs/common';
import { queryCounter, runMigrationCommand } from '@lianxin/db';
import { createSubgraphApp } from '@lianxin/platform';
import {
  createTestDatabase,
  errorCodes,
  graphqlRequest,
  startNatsServer,
  tokenFor,
  type GraphQLResponse,
  type TestDatabase,
  type TestNatsServer,
} from '@lianxin/testing';

/**
 * The police subgraph (警网融合) in-process on a fresh database, with a private NATS and real Keycloak
 * tokens: it adds the community officer and police patrols to the grids subgraph's Grid.
 */
describe('police subgraph', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let url: string;

  const HEXING_GRID = '330402001001001'; // grid.worker's grid
  const ZIYANG_GRID = '330402001002001'; // grid.worker2's grid
  const HOUR_MS = 60 * 60_000;

  const count = async (sql: string): Promise<number> => {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    const rows = await app.get(MikroORM).em.fork().getConnection().execute<{ n: string }[]>(sql);
    return Number(rows[0].n);
  };
  const rowCounts = async () => ({
    officers: await count('select count(*) as n from community_officer'),
    patrols: await count('select count(*) as n from police_patrol'),
    events: await count('select count(*) as n from outbox_event'),
  });

  const request = async <T>(username: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
    graphqlRequest<T>(url, query, { token: await tokenFor(username), variables });

  interface Officer {
    id: string;
    name: string;
    phone: string;
    badgeNumber: string;
    active: boolean;
    version: number;
    assignedUntil: string | null;
  }
  const OFFICER_FIELDS = 'id name phone badgeNumber active version assignedUntil';

  const assign = (username: string, input: Record<string, unknown>) =>
    request<{ assignCommunityOfficer: { officer: Officer; previousOfficer: Officer | null } }>(
      username,
      `mutation ($input: AssignCommunityOfficerInput!) {
         assignCommunityOfficer(input: $input) { officer { ${OFFICER_FIELDS} } previousOfficer { ${OFFICER_FIELDS} } }
       }`,
      { input },
    );
  const officerInput = (overrides: Record<string, unknown> = {}) => ({
    gridCode: HEXING_GRID,
    name: '王建国',
    badgeNumber: '045101',
    phone: '13857301001',
    policeStation: '建设派出所',
    ...overrides,
  });

  const recordPatrol = (username: string, input: Record<string, unknown>) =>
    request<{ recordPolicePatrol: { patrol: { id: string; gridCode: string; officer: { id: string } | null } } }>(
      username,
      'mutation ($input: RecordPolicePatrolInput!) { recordPolicePatrol(input: $input) { patrol { id gridCode officer { id } } } }',
      { input },
    );

  const gridEntities = <T>(username: string, codes: string[], selection: string) =>
    request<{ _entities: T[] }>(
      username,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Grid { ${selection} } } }`,
      { representations: codes.map((code) => ({ __typename: 'Grid', code })) },
    );

  beforeAll(async () => {
    database = await createTestDatabase('police');
    nats = await startNatsServer();
    // Before the app module is imported: the ORM config reads DATABASE_COUNT_QUERIES when it is built.
    Object.assign(process.env, { DATABASE_NAME: database.name, NATS_URL: nats.url, DATABASE_COUNT_QUERIES: 'true', LOG_LEVEL: 'silent' });
    const { ormConfig } = await import('../src/mikro-orm.config.js');
    expect(await runMigrationCommand(ormConfig(), 'up', () => undefined)).toBe(0);
    expect(await runMigrationCommand(ormConfig(), 'check', () => undefined)).toBe(0);
    const { AppModule } = await import('../src/app.module.js');
    app = await createSubgraphApp(AppModule);
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');

    // The other demo grids of 建设街道 get their officers through the service; HEXING_GRID is left to the tests.
    const { DEMO_OFFICERS } = await import('../src/demo-data.js');
    const { OfficerService } = await import('../src/officer/officer.service.js');
    const { MikroORM, RequestContext } = await import('@mikro-orm/postgresql');
    const officers = app.get(OfficerService);
    await RequestContext.create(app.get(MikroORM).em, async () => {
      for (const officer of DEMO_OFFICERS.filter((demo) => demo.gridCode !== HEXING_GRID)) {
        await officers.assign('system', { ...officer, assignedFrom: new Date(Date.now() - 30 * 24 * HOUR_MS) });
      }
    });
  });

  afterAll(async () => {
    await app?.close();
    await nats?.stop();
    await database?.drop();
    delete process.env.DATABASE_COUNT_QUERIES;
  });

  describe('assignCommunityOfficer', () => {
    it('lets public-security staff assign an officer to a grid', async () => {
      const response = await assign('police.staff', officerInput());
      expect(response.errors).toBeUndefined();
      expect(response.data?.assignCommunityOfficer).toMatchObject({
        officer: { name: '王建国', badgeNumber: '045101', phone: '13857301001', active: true, assignedUntil: null },
        previousOfficer: null,
      });
    });

    it('refuses civil-affairs staff and grid workers with FORBIDDEN, and writes nothing', async () => {
      const before = await rowCounts();
      expect(errorCodes(await assign('civil.staff', officerInput({ badgeNumber: '045199', name: '钱多多' })))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await assign('grid.worker', officerInput({ badgeNumber: '045199', name: '钱多多' })))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await assign('county.admin', officerInput({ gridCode: '330411001001001' })))).toEqual(['FORBIDDEN']);
      expect(await rowCounts()).toEqual(before);
    });

    it('lets a county admin reassign the grid, keeping the previous posting as history', async () => {
      const current = await gridEntities<{ communityOfficer: Officer }>('county.admin', [HEXING_GRID], `communityOfficer { ${OFFICER_FIELDS} }`);
      const previous = current.data!._entities[0].communityOfficer;
      const events = await count(`select count(*) as n from outbox_event where subject = 'police.officer.assigned'`);

      const response = await assign(
        'county.admin',
        officerInput({ name: '沈立新', badgeNumber: '045120', phone: '13957302000', expectedOfficerId: previous.id, expectedVersion: previous.version }),
      );
      expect(response.errors).toBeUndefined();
      const { officer, previousOfficer } = response.data!.assignCommunityOfficer;
      expect(officer).toMatchObject({ name: '沈立新', active: true, assignedUntil: null });
      expect(previousOfficer).toMatchObject({ id: previous.id, active: false });
      expect(previousOfficer?.assignedUntil).not.toBeNull();
      expect(await count(`select count(*) as n from outbox_event where subject = 'police.officer.assigned'`)).toBe(events + 1);

      const history = await gridEntities<{ communityOfficer: { id: string }; communityOfficerHistory: { edges: Array<{ node: Officer }> } }>(
        'police.staff',
        [HEXING_GRID],
        `communityOfficer { id } communityOfficerHistory { edges { node { ${OFFICER_FIELDS} } } }`,
      );
      const grid = history.data!._entities[0];
      expect(grid.communityOfficer.id).toBe(officer.id);
      expect(grid.communityOfficerHistory.edges.map((edge) => [edge.node.name, edge.node.active])).toEqual([
        ['沈立新', true],
        ['王建国', false],
      ]);

      const stale = await assign('county.admin', officerInput({ expectedOfficerId: previous.id }));
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
    });

    it('updates the details of the officer who holds the grid in place, guarded by the version', async () => {
      const current = await gridEntities<{ communityOfficer: Officer }>('police.staff', [HEXING_GRID], `communityOfficer { ${OFFICER_FIELDS} }`);
      const officer = current.data!._entities[0].communityOfficer;
      const details = { name: '沈立新', badgeNumber: '045120', phone: '13957302020', expectedOfficerId: officer.id };
      const updated = await assign('police.staff', officerInput({ ...details, expectedVersion: officer.version }));
      expect(updated.data?.assignCommunityOfficer).toMatchObject({
        officer: { id: officer.id, phone: '13957302020', version: officer.version + 1, active: true },
        previousOfficer: null,
      });
      expect(await count(`select count(*) as n from outbox_event where subject = 'police.officer.updated'`)).toBe(1);
      const stale = await assign('police.staff', officerInput({ ...details, phone: '13957309999', expectedVersion: officer.version }));
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
    });

    it('keeps one officer per grid when assignments race', async () => {
      const gridCode = '330402001001009';
      const results = await Promise.all(
        ['045131', '045132', '045133', '045134'].map((badgeNumber) => assign('police.staff', officerInput({ gridCode, badgeNumber, name: `民警${badgeNumber}` }))),
      );
      const outcomes = results.map((result) => errorCodes(result)[0] ?? 'OK');
      expect(outcomes).toContain('OK');
      expect(outcomes.filter((outcome) => !['OK', 'CONFLICT', 'BAD_USER_INPUT'].includes(outcome))).toEqual([]);
      expect(await count(`select count(*) as n from community_officer where grid_code = '${gridCode}' and assigned_until is null`)).toBe(1);
    });
  });

  describe('the officer\'s phone number', () => {
    it('is masked for a grid worker and in clear for public-security staff', async () => {
      const selection = 'communityOfficer { name phone }';
      const worker = await gridEntities<{ communityOfficer: { phone: string } }>('grid.worker', [HEXING_GRID], selection);
      expect(worker.data?._entities[0].communityOfficer.phone).toBe('139****2020');
      const police = await gridEntities<{ communityOfficer: { phone: string } }>('police.staff', [HEXING_GRID], selection);
      expect(police.data?._entities[0].communityOfficer.phone).toBe('13957302020');
      const civil = await request<{ communityOfficers: { edges: Array<{ node: { phone: string } }> } }>(
        'civil.staff',
        `{ communityOfficers(filter: { gridCode: "${HEXING_GRID}" }) { edges { node { phone } } } }`,
      );
      expect(civil.data?.communityOfficers.edges.map((edge) => edge.node.phone)).toEqual(['139****2020']);
    });
  });

  describe('recordPolicePatrol and Grid.policePatrols', () => {
    let hexingOfficerId: string;

    beforeAll(async () => {
      const grid = await gridEntities<{ communityOfficer: { id: string } }>('grid.worker', [HEXING_GRID], 'communityOfficer { id }');
      hexingOfficerId = grid.data!._entities[0].communityOfficer.id;
    });

    it('records patrols for the grid\'s own staff, the police and county admins, with the event in the outbox', async () => {
      const events = await count(`select count(*) as n from outbox_event where subject = 'police.patrol.recorded'`);
      const patrols: Array<[string, number]> = [
        ['grid.worker', 30],
        ['police.staff', 20],
        ['county.admin', 10],
      ];
      for (const [username, hoursAgo] of patrols) {
        const response = await recordPatrol(username, {
          gridCode: HEXING_GRID,
          route: `禾兴路 ${hoursAgo}`,
          findings: '无异常',
          patrolledAt: new Date(Date.now() - hoursAgo * HOUR_MS).toISOString(),
          officerId: hexingOfficerId,
        });
        expect(response.errors).toBeUndefined();
        expect(response.data?.recordPolicePatrol.patrol).toMatchObject({ gridCode: HEXING_GRID, officer: { id: hexingOfficerId } });
      }
      expect(await count(`select count(*) as n from outbox_event where subject = 'police.patrol.recorded'`)).toBe(events + 3);
      for (let attempt = 0; attempt < 100; attempt += 1) {
        if ((await count('select count(*) as n from outbox_event where published_at is null')) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await count('select count(*) as n from outbox_event where published_at is null')).toBe(0);
    });

    it('refuses other grids\' workers, other departments and residents with FORBIDDEN', async () => {
      const input = { gridCode: HEXING_GRID, route: '禾兴路', patrolledAt: new Date().toISOString() };
      expect(errorCodes(await recordPatrol('grid.worker2', input))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await recordPatrol('civil.staff', input))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await recordPatrol('resident.demo', input))).toEqual(['FORBIDDEN']);
    });

    it('adds the patrols to Grid newest first, scoped to the caller', async () => {
      const selection = 'policePatrols(first: 2) { totalCount edges { node { route officer { name } } } pageInfo { hasNextPage endCursor } }';
      type Page = { policePatrols: { totalCount: number; edges: Array<{ node: { route: string; officer: { name: string } } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
      const inside = await gridEntities<Page>('grid.worker', [HEXING_GRID], selection);
      expect(inside.errors).toBeUndefined();
      const page = inside.data!._entities[0].policePatrols;
      expect(page.totalCount).toBe(3);
      expect(page.edges.map((edge) => edge.node.route)).toEqual(['禾兴路 10', '禾兴路 20']);
      expect(page.edges[0].node.officer.name).toBe('沈立新');
      expect(page.pageInfo.hasNextPage).toBe(true);

      const next = await request<{ policePatrols: { edges: Array<{ node: { route: string } }>; pageInfo: { hasNextPage: boolean } } }>(
        'grid.worker',
        'query ($after: String) { policePatrols(first: 2, after: $after) { edges { node { route } } pageInfo { hasNextPage } } }',
        { after: page.pageInfo.endCursor },
      );
      expect(next.data?.policePatrols.edges.map((edge) => edge.node.route)).toEqual(['禾兴路 30']);
      expect(next.data?.policePatrols.pageInfo.hasNextPage).toBe(false);

      queryCounter.reset();
      const list = await request<{ policePatrols: { edges: Array<{ node: { officer: { name: string } } }> } }>(
        'police.staff',
        '{ policePatrols(first: 10) { edges { node { officer { name } } } } }',
      );
      expect(list.data?.policePatrols.edges.map((edge) => edge.node.officer.name)).toEqual(['沈立新', '沈立新', '沈立新']);
      expect(queryCounter.matching('community_officer')).toHaveLength(1);

      const outside = await gridEntities<Page>('grid.worker2', [HEXING_GRID], selection);
      expect(outside.data?._entities[0].policePatrols).toMatchObject({ totalCount: 0, edges: [] });

      const resident = await gridEntities<{ policePatrols: null }>('resident.demo', [HEXING_GRID], 'policePatrols { totalCount }');
      expect(errorCodes(resident)).toEqual(['FORBIDDEN']);
      expect(resident.data?._entities[0].policePatrols).toBeNull();
    });
  });

  describe('batching', () => {
    it('looks up the officers of many Grid representations with one SQL query (DataLoader)', async () => {
      const { DEMO_OFFICERS } = await import('../src/demo-data.js');
      const codes = DEMO_OFFICERS.map((officer) => officer.gridCode);
      queryCounter.reset();
      const response = await gridEntities<{ code: string; communityOfficer: { name: string; grid: { code: string } } | null }>(
        'jianshe.admin',
        codes,
        'code communityOfficer { name grid { code } }',
      );
      expect(response.errors).toBeUndefined();
      const grids = response.data!._entities;
      expect(grids.map((grid) => grid.communityOfficer?.grid.code)).toEqual(codes);
      expect(grids.map((grid) => grid.communityOfficer?.name)).toEqual(['沈立新', ...DEMO_OFFICERS.slice(1).map((officer) => officer.name)]);
      expect(queryCounter.matching('community_officer')).toHaveLength(1);
    });

    it('hides the officer of a grid outside the caller\'s area', async () => {
      const response = await gridEntities<{ communityOfficer: { name: string } | null }>('grid.worker2', [HEXING_GRID, ZIYANG_GRID], 'communityOfficer { name }');
      expect(response.data?._entities.map((grid) => grid.communityOfficer?.name ?? null)).toEqual([null, '陈静']);
    });
  });

  describe('bad input', () => {
    it('issue 17: a patrol sent again with its idempotencyKey (also six at once) is one patrol and one event', async () => {
      const before = await rowCounts();
      const input = { gridCode: HEXING_GRID, route: '禾兴路 夜巡', patrolledAt: new Date(Date.now() - 2 * HOUR_MS).toISOString(), idempotencyKey: `police-${Date.now()}-0001` };
      const answers = await Promise.all(Array.from({ length: 6 }, () => recordPatrol('police.staff', input)));
      expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
      expect(new Set(answers.map((answer) => answer.data!.recordPolicePatrol.patrol.id)).size).toBe(1);
      const again = await recordPatrol('police.staff', input);
      expect(again.data!.recordPolicePatrol.patrol.id).toBe(answers[0]!.data!.recordPolicePatrol.patrol.id);
      expect(await rowCounts()).toEqual({ ...before, patrols: before.patrols + 1, events: before.events + 1 });
      const changed = await recordPatrol('police.staff', { ...input, route: '别的路线' });
      expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['route'] });
    });

    it('is refused with the field and reason, and nothing is written', async () => {
      const before = await rowCounts();
      const future = new Date(Date.now() + 24 * HOUR_MS).toISOString();
      const assignments: Array<[Record<string, unknown>, string]> = [
        [officerInput({ gridCode: '3304' }), 'gridCode'],
        [officerInput({ gridCode: '33040200100100X' }), 'gridCode'],
        [officerInput({ badgeNumber: 'A123' }), 'badgeNumber'],
        [officerInput({ phone: '12345' }), 'phone'],
        [officerInput({ name: '   ' }), 'name'],
        [officerInput({ badgeNumber: '045177', assignedFrom: future }), 'assignedFrom'],
        [officerInput({ badgeNumber: '045177', assignedFrom: '2020-01-01T00:00:00Z' }), 'assignedFrom'],
        [officerInput({ badgeNumber: '045177', expectedVersion: 1 }), 'expectedVersion'],
      ];
      for (const [input, field] of assignments) {
        const response = await assign('police.staff', input);
        expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      const patrols: Array<[Record<string, unknown>, string]> = [
        [{ gridCode: '3304', route: '禾兴路', patrolledAt: new Date().toISOString() }, 'gridCode'],
        [{ gridCode: HEXING_GRID, route: '禾兴路', patrolledAt: future }, 'patrolledAt'],
        [{ gridCode: HEXING_GRID, route: '', patrolledAt: new Date().toISOString() }, 'route'],
        [{ gridCode: HEXING_GRID, route: '禾兴路', patrolledAt: new Date().toISOString(), officerId: 'not-a-uuid' }, 'officerId'],
      ];
      for (const [input, field] of patrols) {
        const response = await recordPatrol('police.staff', input);
        expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      // An officer of another grid: the check runs inside the transaction, which then writes nothing.
      const ziyang = await gridEntities<{ communityOfficer: { id: string } }>('police.staff', [ZIYANG_GRID], 'communityOfficer { id }');
      const wrongOfficer = await recordPatrol('police.staff', {
        gridCode: HEXING_GRID,
        route: '禾兴路',
        patrolledAt: new Date().toISOString(),
        officerId: ziyang.data!._entities[0].communityOfficer.id,
      });
      expect(wrongOfficer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'officerId' });
      const badCursor = await request('police.staff', '{ policePatrols(after: "WyJnYXJiYWdlIl0") { totalCount } }');
      expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(await rowCounts()).toEqual(before);
    });
  });
});

import type { INestApplication } from '@nestjs/common';
import { queryCounter, runMigrationCommand } from '@lianxin/db';
import { encodeCursor } from '@lianxin/graphql';
import { createSubgraphApp } from '@lianxin/platform';
import {
  createTestDatabase,
  errorCodes,
  graphqlRequest,
  startNatsServer,
  tokenFor,
  type TestDatabase,
  type TestNatsServer,
} from '@lianxin/testing';

/** The organizations subgraph in-process on a fresh database, with a private NATS and real Keycloak tokens. */
describe('organizations subgraph', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let url: string;
  let countyAdmin: string;
  let townshipAdmin: string;

  const count = async (sql: string): Promise<number> => {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    const orm = app.get(MikroORM);
    const rows = await orm.em.fork().getConnection().execute<{ n: string }[]>(sql);
    return Number(rows[0].n);
  };

  beforeAll(async () => {
    database = await createTestDatabase('organizations');
    nats = await startNatsServer();
    Object.assign(process.env, { DATABASE_NAME: database.name, NATS_URL: nats.url, DATABASE_COUNT_QUERIES: 'true', LOG_LEVEL: 'silent' });
    const { ormConfig } = await import('../src/mikro-orm.config.js');
    expect(await runMigrationCommand(ormConfig(), 'up', () => undefined)).toBe(0);
    const { AppModule } = await import('../src/app.module.js');
    app = await createSubgraphApp(AppModule);
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    countyAdmin = await tokenFor('county.admin');
    townshipAdmin = await tokenFor('jianshe.admin');
    const { AreaService } = await import('../src/area/area.service.js');
    const { MikroORM, RequestContext } = await import('@mikro-orm/postgresql');
    const areas = app.get(AreaService);
    const villages = Array.from({ length: 12 }, (_, i) => [`330402001${String(i + 1).padStart(3, '0')}`, `社区${i + 1}`]);
    await RequestContext.create(app.get(MikroORM).em, async () => {
      for (const [code, name] of [['33', '浙江省'], ['3304', '嘉兴市'], ['330402', '南湖区'], ['330402001', '建设街道'], ['330402002', '新嘉街道'], ...villages]) {
        await areas.create('system', { code, name });
      }
    });
  });

  afterAll(async () => {
    await app?.close();
    await nats?.stop();
    await database?.drop();
    delete process.env.DATABASE_COUNT_QUERIES;
  });

  it('resolves many area references with one SQL query (DataLoader)', async () => {
    const representations = Array.from({ length: 12 }, (_, i) => ({ __typename: 'Area', code: `330402001${String(i + 1).padStart(3, '0')}` }));
    queryCounter.reset();
    const response = await graphqlRequest<{ _entities: Array<{ code: string; name: string } | null> }>(
      url,
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Area { code name } } }',
      { token: townshipAdmin, variables: { representations } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities.map((area) => area?.code)).toEqual(representations.map((r) => r.code));
    expect(queryCounter.matching('area')).toHaveLength(1);
  });

  it('reads the area tree with one statement per level, however many areas it holds (no N+1)', async () => {
    const tree = `{ area(code: "330402") {
      code
      children(first: 10) { totalCount edges { node { code children(first: 10) { totalCount pageInfo { hasNextPage } edges { node { code } } } } } }
      departments(first: 10) { totalCount edges { node { id } } }
    } }`;
    type Tree = {
      area: {
        children: { totalCount: number; edges: Array<{ node: { code: string; children: { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: unknown[] } } }> };
        departments: { totalCount: number };
      };
    };
    const statements = () => [...queryCounter.matching('area'), ...queryCounter.matching('department')];
    queryCounter.reset();
    const response = await graphqlRequest<Tree>(url, tree, { token: countyAdmin });
    expect(response.errors).toBeUndefined();
    const townships = response.data!.area.children;
    expect(townships.totalCount).toBe(2);
    expect(townships.edges.map((edge) => edge.node.code)).toEqual(['330402001', '330402002']);
    const [jianshe, xinjia] = townships.edges.map((edge) => edge.node.children);
    expect(jianshe).toMatchObject({ totalCount: 12, pageInfo: { hasNextPage: true } });
    expect(jianshe.edges).toHaveLength(10);
    expect(xinjia).toMatchObject({ totalCount: 0, pageInfo: { hasNextPage: false }, edges: [] });
    expect(response.data!.area.departments.totalCount).toBe(0);
    // area, the county's children, the townships' children (all of them at once), the county's departments
    expect(statements()).toHaveLength(4);
    expect(queryCounter.matching('area').filter((sql) => /count\(\*\)/i.test(sql))).toHaveLength(2);
  });

  it('reads the departments and organizations of every area on a page with one statement each (no N+1)', async () => {
    const created = await Promise.all([
      graphqlRequest(url, 'mutation { createDepartment(input: { areaCode: "330402", code: "CIVIL_AFFAIRS", name: "南湖区民政局" }) { department { id } } }', { token: countyAdmin }),
      graphqlRequest(url, 'mutation { createOrganization(input: { name: "建设街道党工委", kind: PARTY_COMMITTEE, areaCode: "330402001" }) { organization { id } } }', { token: countyAdmin }),
      graphqlRequest(url, 'mutation { createOrganization(input: { name: "建设街道综治中心", kind: GOVERNANCE_CENTRE, areaCode: "330402001" }) { organization { id } } }', { token: countyAdmin }),
      graphqlRequest(url, 'mutation { createOrganization(input: { name: "嘉兴学院", kind: CO_BUILDING_UNIT, areaCode: "330402001001" }) { organization { id } } }', { token: countyAdmin }),
    ]);
    for (const response of created) expect(response.errors).toBeUndefined();
    type Counts = { totalCount: number };
    type Page = { areas: { edges: Array<{ node: { code: string; departments: Counts; organizations: Counts; partyOrganizations: Counts & { edges: unknown[] } } }> } };
    queryCounter.reset();
    const response = await graphqlRequest<Page>(
      url,
      `{ areas(first: 20) { edges { node {
        code
        departments(first: 5) { totalCount }
        organizations(first: 5) { totalCount }
        partyOrganizations(first: 5) { totalCount edges { node { name } } }
      } } } }`,
      { token: countyAdmin },
    );
    expect(response.errors).toBeUndefined();
    const byCode = new Map(response.data!.areas.edges.map(({ node }) => [node.code, node]));
    expect(byCode.size).toBeGreaterThan(10);
    expect(byCode.get('330402')).toMatchObject({ departments: { totalCount: 1 }, organizations: { totalCount: 0 } });
    expect(byCode.get('330402001')).toMatchObject({ organizations: { totalCount: 2 }, partyOrganizations: { totalCount: 1, edges: [{ node: { name: '建设街道党工委' } }] } });
    expect(byCode.get('330402001001')).toMatchObject({ organizations: { totalCount: 1 }, partyOrganizations: { totalCount: 0 } });
    expect(queryCounter.matching('area')).toHaveLength(1);
    expect(queryCounter.matching('department')).toHaveLength(1);
    expect(queryCounter.matching('organization')).toHaveLength(2);
  });

  it('hides references outside the caller\'s area instead of leaking them', async () => {
    const response = await graphqlRequest<{ _entities: Array<{ code: string } | null> }>(
      url,
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Area { code } } }',
      { token: townshipAdmin, variables: { representations: [{ __typename: 'Area', code: '330402002' }] } },
    );
    expect(response.data?._entities).toEqual([null]);
  });

  it('pages children with opaque cursors and refuses an oversized page', async () => {
    const first = await graphqlRequest<{ area: { children: { edges: Array<{ node: { code: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(
      url,
      '{ area(code: "330402001") { children(first: 5) { edges { node { code } } pageInfo { hasNextPage endCursor } } } }',
      { token: townshipAdmin },
    );
    const page = first.data!.area.children;
    expect(page.edges.map((edge) => edge.node.code)).toEqual(['330402001001', '330402001002', '330402001003', '330402001004', '330402001005']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await graphqlRequest<{ area: { children: { totalCount: number; edges: Array<{ node: { code: string } }> } } }>(
      url,
      'query ($after: String) { area(code: "330402001") { children(first: 5, after: $after) { totalCount edges { node { code } } } } }',
      { token: townshipAdmin, variables: { after: page.pageInfo.endCursor } },
    );
    expect(second.data!.area.children.edges.map((edge) => edge.node.code)).toEqual(['330402001006', '330402001007', '330402001008', '330402001009', '330402001010']);
    expect(second.data!.area.children.totalCount).toBe(12);
    const last = await graphqlRequest<{ area: { children: { totalCount: number; edges: unknown[]; pageInfo: { hasNextPage: boolean } } } }>(
      url,
      'query ($after: String) { area(code: "330402001") { children(first: 5, after: $after) { totalCount edges { cursor } pageInfo { hasNextPage } } } }',
      { token: townshipAdmin, variables: { after: encodeCursor('330402001012') } },
    );
    expect(last.data!.area.children).toEqual({ totalCount: 12, edges: [], pageInfo: { hasNextPage: false } });
    const oversized = await graphqlRequest(url, '{ areas(first: 1000) { totalCount } }', { token: townshipAdmin });
    expect(oversized.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('creates an area with its event in the outbox, and publishes the event', async () => {
    const before = await count(`select count(*) as n from outbox_event where subject = 'organizations.area.created'`);
    const response = await graphqlRequest<{ createArea: { area: { code: string; level: string; parent: { code: string } } } }>(
      url,
      'mutation { createArea(input: { code: "330402002001", name: "广益社区" }) { area { code level parent { code } } } }',
      { token: countyAdmin },
    );
    expect(response.data?.createArea.area).toEqual({ code: '330402002001', level: 'VILLAGE', parent: { code: '330402002' } });
    expect(await count(`select count(*) as n from outbox_event where subject = 'organizations.area.created'`)).toBe(before + 1);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await count(`select count(*) as n from outbox_event where published_at is null`)) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await count(`select count(*) as n from outbox_event where published_at is null`)).toBe(0);
  });

  it('refuses bad input with the field and reason, and writes nothing', async () => {
    const areasBefore = await count('select count(*) as n from area');
    const eventsBefore = await count('select count(*) as n from outbox_event');
    const cases: Array<[string, string]> = [
      ['mutation { createArea(input: { code: "33040200100", name: "x" }) { area { code } } }', 'code'],
      ['mutation { createArea(input: { code: "330402009001", name: "x" }) { area { code } } }', 'code'],
      ['mutation { createArea(input: { code: "330402001099", name: "" }) { area { code } } }', 'name'],
    ];
    for (const [mutation, field] of cases) {
      const response = await graphqlRequest(url, mutation, { token: countyAdmin });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count('select count(*) as n from area')).toBe(areasBefore);
    expect(await count('select count(*) as n from outbox_event')).toBe(eventsBefore);
  });

  it('refuses an update made from a stale version with CONFLICT', async () => {
    const read = await graphqlRequest<{ area: { version: number } }>(url, '{ area(code: "330402001001") { version } }', { token: townshipAdmin });
    const version = read.data!.area.version;
    const update = (name: string) =>
      graphqlRequest<{ updateArea: { area: { name: string; version: number } } }>(
        url,
        'mutation ($input: UpdateAreaInput!) { updateArea(input: $input) { area { name version } } }',
        { token: townshipAdmin, variables: { input: { code: '330402001001', name, expectedVersion: version } } },
      );
    const first = await update('禾兴社区');
    expect(first.data?.updateArea.area).toEqual({ name: '禾兴社区', version: version + 1 });
    const stale = await update('另一个名字');
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });

  it('keeps admins inside their own scope', async () => {
    const sibling = await graphqlRequest(url, 'mutation { createArea(input: { code: "330402002002", name: "中港社区" }) { area { code } } }', {
      token: townshipAdmin,
    });
    expect(errorCodes(sibling)).toEqual(['FORBIDDEN']);
    const own = await graphqlRequest(url, 'mutation { createArea(input: { code: "330402001013", name: "新社区" }) { area { code } } }', {
      token: townshipAdmin,
    });
    expect(own.errors).toBeUndefined();
  });

  it('issue 17: creates sent again with the same idempotencyKey write once — also on another instance (a restart, a replica) and ten at once; other values are CONFLICT', async () => {
    const ORG = 'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id name } } }';
    const AREA = 'mutation ($input: CreateAreaInput!) { createArea(input: $input) { area { code name } } }';
    const DEPT = 'mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { department { id } } }';
    const org = { name: '南湖区志愿者协会', kind: 'CO_BUILDING_UNIT', areaCode: '330402001002', idempotencyKey: 'org-key-0001' };
    const first = await graphqlRequest<{ createOrganization: { organization: { id: string } } }>(url, ORG, { token: countyAdmin, variables: { input: org } });
    expect(first.errors).toBeUndefined();
    const organizations = await count('select count(*) as n from organization');

    const { AppModule } = await import('../src/app.module.js');
    const second = await createSubgraphApp(AppModule);
    try {
      await second.listen(0, '127.0.0.1');
      const secondUrl = `${await second.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
      const again = await graphqlRequest<{ createOrganization: { organization: { id: string } } }>(secondUrl, ORG, { token: countyAdmin, variables: { input: org } });
      expect(again.errors).toBeUndefined();
      expect(again.data!.createOrganization.organization.id).toBe(first.data!.createOrganization.organization.id);
    } finally {
      await second.close();
    }
    expect(await count('select count(*) as n from organization')).toBe(organizations);

    const area = { code: '330402001020', name: '湘家荡社区', idempotencyKey: 'area-key-0001' };
    const areas = await count('select count(*) as n from area');
    const events = await count('select count(*) as n from outbox_event');
    for (let i = 0; i < 2; i += 1) {
      const response = await graphqlRequest<{ createArea: { area: { code: string } } }>(url, AREA, { token: countyAdmin, variables: { input: area } });
      expect(response.data?.createArea.area.code).toBe(area.code);
    }
    expect(await count('select count(*) as n from area')).toBe(areas + 1);
    expect(await count('select count(*) as n from outbox_event')).toBe(events + 1);
    const changed = await graphqlRequest(url, AREA, { token: countyAdmin, variables: { input: { ...area, name: '另一个名字' } } });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['name'] });

    const departments = await count('select count(*) as n from department');
    const dept = { areaCode: '330402', code: 'HOUSING', name: '南湖区住建局', idempotencyKey: 'dept-key-0001' };
    const burst = await Promise.all(Array.from({ length: 10 }, () => graphqlRequest<{ createDepartment: { department: { id: string } } }>(url, DEPT, { token: countyAdmin, variables: { input: dept } })));
    expect(burst.flatMap((response) => response.errors ?? [])).toEqual([]);
    expect(new Set(burst.map((response) => response.data!.createDepartment.department.id)).size).toBe(1);
    expect(await count('select count(*) as n from department')).toBe(departments + 1);
    expect(await count("select count(*) as n from idempotency_key where operation in ('createOrganization', 'createArea', 'createDepartment')")).toBe(3);
  });
});

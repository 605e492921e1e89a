import type { INestApplication } from '@nestjs/common';
import { createSubgraphApp } from '@lianxin/platform';
import { graphqlRequest, tokenFor, type GraphQLResponse, startSubgraphUnderTest, subjectOf } from '@lianxin/testing';

/** Demo users of the Keycloak realm, by the area their token carries. */
export const USERS = {
  countyAdmin: 'county.admin', // 330402
  auditor: 'county.auditor', // 330402
  townshipAdmin: 'jianshe.admin', // 330402001
  villageAdmin: 'village.admin', // 330402001001
  village2Admin: 'village2.admin', // 330402001002
  gridLeader: 'grid.leader', // 330402001001001
  gridWorker: 'grid.worker', // 330402001001001
  gridWorker2: 'grid.worker2', // 330402001002001
  civilStaff: 'civil.staff', // department-staff, 330402
  volunteer: 'volunteer.demo', // 330402001001
  resident: 'resident.demo', // 330402001001001
} as const;
export type DemoUser = keyof typeof USERS;

/** Grids every test file starts with; the demo users' areas fall inside and outside them. */
export const GRIDS = {
  own: '330402001001001', // grid.leader, grid.worker, resident.demo
  sibling: '330402001001002', // same village, other grid
  otherVillage: '330402001002001', // grid.worker2
  otherTownship: '330402002001001',
  otherCounty: '330411001001001',
} as const;

export const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [120.75, 30.75],
      [120.76, 30.75],
      [120.76, 30.76],
      [120.75, 30.76],
      [120.75, 30.75],
    ],
  ],
};

export interface GridsHarness {
  app: INestApplication;
  url: string;
  /** Keycloak `sub` of each demo user, read from their token. */
  subs: Record<DemoUser, string>;
  gql<T = Record<string, unknown>>(user: DemoUser, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Runs SQL on the test database and returns its rows. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** `select count(*) …` as a number. */
  count(query: string, params?: unknown[]): Promise<number>;
  /** Runs `work` with the application's services in a request context. */
  withServices<T>(work: (get: INestApplication['get']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The grids subgraph in-process on a fresh database with a private NATS server and real Keycloak
 * tokens, holding the GRIDS above with a team of leader, full-time worker (the demo grid users)
 * and part-timers.
 */
export async function startGridsHarness(name: string): Promise<GridsHarness> {
  const base = await startSubgraphUnderTest({
    name,
    env: { DATABASE_COUNT_QUERIES: 'true' },
    loadOrmConfig: async () => (await import('../src/mikro-orm.config.js')).ormConfig(),
    loadAppModule: async () => (await import('../src/app.module.js')).AppModule,
    createApp: createSubgraphApp,
  });
  const tokens = Object.fromEntries(
    await Promise.all(Object.entries(USERS).map(async ([key, username]) => [key, await tokenFor(username)] as const)),
  ) as Record<DemoUser, string>;
  const subs = Object.fromEntries(Object.entries(tokens).map(([key, token]) => [key, subjectOf(token)])) as Record<DemoUser, string>;
  await seedFixtures(base.withServices, subs);
  return {
    ...base,
    subs,
    gql: (user, query, variables) => graphqlRequest(base.url, query, { token: tokens[user], variables }),
  };
}

/** Deterministic person ids for fixtures: `00000000-0000-4000-8000-<n>`. */
export function personId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

async function seedFixtures(withServices: GridsHarness['withServices'], subs: Record<DemoUser, string>): Promise<void> {
  const { GridService } = await import('../src/grid/grid.service.js');
  const { StaffService } = await import('../src/staff/staff.service.js');
  const { GridKind } = await import('../src/grid/grid-kind.js');
  const { GridStaffRole } = await import('../src/staff/staff-role.js');
  await withServices(async (get) => {
    const grids = get(GridService);
    for (const [index, code] of Object.values(GRIDS).entries()) {
      await grids.create('system', { code, name: `网格${index + 1}`, kind: GridKind.URBAN, boundary: SQUARE as never, householdCount: 400 });
    }
    const staff = get(StaffService);
    const team = [
      { gridCode: GRIDS.own, role: GridStaffRole.LEADER, personId: personId(101), name: '黄晓明', userId: subs.gridLeader },
      { gridCode: GRIDS.own, role: GridStaffRole.FULL_TIME, personId: personId(102), name: '周辉', userId: subs.gridWorker },
      { gridCode: GRIDS.own, role: GridStaffRole.PART_TIME, personId: personId(103), name: '赵春生' },
      { gridCode: GRIDS.own, role: GridStaffRole.PART_TIME, personId: personId(104), name: '吴金凤' },
      { gridCode: GRIDS.otherVillage, role: GridStaffRole.FULL_TIME, personId: personId(201), name: '吴婷', userId: subs.gridWorker2 },
      { gridCode: GRIDS.otherTownship, role: GridStaffRole.FULL_TIME, personId: personId(301), name: '刘敏' },
    ];
    for (const member of team) await staff.assign('system', member);
  });
}

/** Waits until the relay has published every outbox row (it marks them once JetStream acknowledged them). */
export async function waitForOutboxDrained(harness: GridsHarness): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const unpublished = await harness.count('select count(*) as n from outbox_event where published_at is null');
    if (unpublished === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return harness.count('select count(*) as n from outbox_event where published_at is null');
}

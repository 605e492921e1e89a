import type { INestApplication } from '@nestjs/common';
import { createSubgraphApp } from '@lianxin/platform';
import { graphqlRequest, tokenFor, type GraphQLResponse, type TestNatsServer, startSubgraphUnderTest, subjectOf } from '@lianxin/testing';

/** Demo users of the Keycloak realm, by the area their token carries. */
export const USERS = {
  countyAdmin: 'county.admin', // 330402
  auditor: 'county.auditor', // 330402
  townshipAdmin: 'jianshe.admin', // 330402001
  otherTownshipAdmin: 'xinjia.admin', // 330402002
  villageAdmin: 'village.admin', // 330402001001
  village2Admin: 'village2.admin', // 330402001002
  gridLeader: 'grid.leader', // 330402001001001
  gridWorker: 'grid.worker', // 330402001001001
  gridWorker2: 'grid.worker2', // 330402001002001
  civilStaff: 'civil.staff', // department-staff, 330402
  policeStaff: 'police.staff', // department-staff, 330402
  volunteer: 'volunteer.demo', // 330402001001
  resident: 'resident.demo', // 330402001001001
} as const;
export type DemoUser = keyof typeof USERS;

export const GRIDS = {
  own: '330402001001001', // grid.leader, grid.worker, resident.demo
  sibling: '330402001001002',
  otherVillage: '330402001002001', // grid.worker2
  otherTownship: '330402002001001',
} as const;

export interface AssessmentsHarness {
  app: INestApplication;
  url: string;
  nats: TestNatsServer;
  /** Keycloak `sub` of each demo user, read from their token. */
  subs: Record<DemoUser, string>;
  gql<T = Record<string, unknown>>(user: DemoUser, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails on any GraphQL error and returns the data. */
  ok<T = Record<string, unknown>>(user: DemoUser, query: string, variables?: Record<string, unknown>): Promise<T>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  count(query: string, params?: unknown[]): Promise<number>;
  /** Runs `work` with the application's services in a request context. */
  withServices<T>(work: (get: INestApplication['get']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function subjectOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: string }).sub;
}

/** The assessments subgraph in-process on a fresh database, with a private NATS and real Keycloak tokens. */
export async function startAssessmentsHarness(name: string): Promise<AssessmentsHarness> {
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
  const gql = <T>(user: DemoUser, query: string, variables?: Record<string, unknown>) => graphqlRequest<T>(base.url, query, { token: tokens[user], variables });
  return {
    ...base,
    subs,
    gql,
    async ok<T>(user: DemoUser, query: string, variables?: Record<string, unknown>) {
      const response = await gql<T>(user, query, variables);
      if (response.errors?.length) throw new Error(`${user}: ${JSON.stringify(response.errors)}`);
      return response.data as T;
    },
  };
}

export { waitFor } from '@lianxin/testing';

/** Made-up person ids for fixtures: `00000000-0000-4000-9000-<n>`. */
export function personId(n: number): string {
  return `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
}

export function codes(response: GraphQLResponse<unknown>): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}

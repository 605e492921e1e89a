import type { INestApplication } from '@nestjs/common';
import { createSubgraphApp } from '@lianxin/platform';
import { graphqlRequest, tokenFor, type GraphQLResponse, type TestDatabase, type TestNatsServer, startSubgraphUnderTest, subjectOf } from '@lianxin/testing';

/** Demo users of the realm (tools/keycloak/lianxin-realm.json). */
export const DEMO_USERS = [
  'county.admin',
  'county.auditor',
  'jianshe.admin',
  'xinjia.admin',
  'village.admin',
  'village2.admin',
  'grid.leader',
  'grid.worker',
  'grid.worker2',
  'civil.staff',
  'police.staff',
  'volunteer.demo',
  'resident.demo',
] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

/** grid.worker's grid (禾兴社区, grid 001) and grid.worker2's grid (紫阳社区, grid 001). */
export const GRID = '330402001001001';
export const OTHER_GRID = '330402001002001';
export const XINJIA_GRID = '330402002001001';

export interface CasesTestApp {
  app: INestApplication;
  url: string;
  database: TestDatabase;
  nats: TestNatsServer;
  tokens: Record<DemoUser, string>;
  subs: Record<DemoUser, string>;
  gql<T = Record<string, unknown>>(user: DemoUser, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any GraphQL error and returns data. */
  ok<T = Record<string, unknown>>(user: DemoUser, query: string, variables?: Record<string, unknown>): Promise<T>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The cases subgraph in-process on a fresh database, with a private NATS and real Keycloak tokens. */
export async function startCasesApp(name: string, env: Record<string, string> = {}): Promise<CasesTestApp> {
  const base = await startSubgraphUnderTest({
    name,
    env: { CASES_SCHEDULER_INTERVAL_MS: '0', ...env },
    loadOrmConfig: async () => (await import('../src/mikro-orm.config.js')).ormConfig(),
    loadAppModule: async () => (await import('../src/app.module.js')).AppModule,
    createApp: createSubgraphApp,
  });
  const tokenList = await Promise.all(DEMO_USERS.map((user) => tokenFor(user)));
  const tokens = Object.fromEntries(DEMO_USERS.map((user, i) => [user, tokenList[i]])) as Record<DemoUser, string>;
  const subs = Object.fromEntries(DEMO_USERS.map((user) => [user, subjectOf(tokens[user])])) as Record<DemoUser, string>;
  const gql = <T>(user: DemoUser, query: string, variables?: Record<string, unknown>) =>
    graphqlRequest<T>(base.url, query, { token: tokens[user], variables });
  return {
    ...base,
    tokens,
    subs,
    gql,
    async ok<T>(user: DemoUser, query: string, variables?: Record<string, unknown>) {
      const response = await gql<T>(user, query, variables);
      if (response.errors?.length) throw new Error(`${user}: ${JSON.stringify(response.errors)}`);
      return response.data as T;
    },
  };
}

export { subjectOf as subOf } from '@lianxin/testing';

export const CASE_FIELDS = `id number status level caseClass categoryCode source gridCode version dueAt overdue reopenCount
  stageDueAt stageOverruns ratingMethod ratingByProxy unsatisfiedCloseReason assigneeUserId assigneeDepartmentCode resolvedAtLevel result rating returnReason hotlineOrderNumber`;

export interface CaseView {
  id: string;
  number: string;
  status: string;
  level: string;
  caseClass: string;
  categoryCode: string;
  source: string;
  gridCode: string;
  version: number;
  dueAt: string | null;
  overdue: boolean;
  reopenCount: number;
  stageDueAt: string | null;
  stageOverruns: number;
  ratingMethod: string | null;
  ratingByProxy: boolean;
  unsatisfiedCloseReason: string | null;
  assigneeUserId: string | null;
  assigneeDepartmentCode: string | null;
  resolvedAtLevel: string | null;
  result: string | null;
  rating: string | null;
  returnReason: string | null;
  hotlineOrderNumber: string | null;
}

export interface ReportOptions {
  gridCode?: string;
  categoryCode?: string;
  caseClass?: string;
  source?: string;
  title?: string;
  reporterPersonId?: string;
  location?: { longitude?: number; latitude?: number; address?: string };
}

/** Reports a case as `user` and returns it. */
export async function reportCase(t: CasesTestApp, user: DemoUser, options: ReportOptions = {}): Promise<CaseView> {
  const input = {
    title: options.title ?? '楼道堆物',
    description: '三单元楼道里堆了很多杂物，影响通行',
    categoryCode: options.categoryCode ?? 'LIVELIHOOD_SERVICE',
    caseClass: options.caseClass ?? 'ORDINARY',
    gridCode: options.gridCode ?? GRID,
    ...(options.source ? { source: options.source } : {}),
    ...(options.reporterPersonId ? { reporterPersonId: options.reporterPersonId } : {}),
    ...(options.location ? { location: options.location } : {}),
  };
  const data = await t.ok<{ reportCase: { case: CaseView } }>(
    user,
    `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { ${CASE_FIELDS} } } }`,
    { input },
  );
  return data.reportCase.case;
}

const PAYLOAD_INPUT: Record<string, string> = {
  verifyCase: 'VerifyCaseInput',
  returnCase: 'ReturnCaseInput',
  scheduleCase: 'ScheduleCaseInput',
  escalateCase: 'EscalateCaseInput',
  placeOrder: 'PlaceOrderInput',
  dispatchCase: 'DispatchCaseInput',
  acceptCase: 'AcceptCaseInput',
  sendBackCase: 'SendBackCaseInput',
  resolveCase: 'ResolveCaseInput',
  feedBackCase: 'FeedBackCaseInput',
  rateCase: 'RateCaseInput',
  recordReturnVisit: 'RecordReturnVisitInput',
  closeUnsatisfiedCase: 'CloseUnsatisfiedCaseInput',
};

/** Sends a transition mutation; returns the raw response so tests can look at errors. */
export function transition(t: CasesTestApp, user: DemoUser, mutation: string, input: Record<string, unknown>) {
  return t.gql<Record<string, { case: CaseView }>>(
    user,
    `mutation ($input: ${PAYLOAD_INPUT[mutation]}!) { ${mutation}(input: $input) { case { ${CASE_FIELDS} } } }`,
    { input },
  );
}

/** A transition that must succeed. */
export async function step(t: CasesTestApp, user: DemoUser, mutation: string, input: Record<string, unknown>): Promise<CaseView> {
  const response = await transition(t, user, mutation, input);
  if (response.errors?.length) throw new Error(`${user} ${mutation}: ${JSON.stringify(response.errors)}`);
  return response.data![mutation].case;
}

/** Polls until the check holds (outbox relay, consumers). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

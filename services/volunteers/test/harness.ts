import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { runMigrationCommand } from '@lianxin/db';
import { createSubgraphApp } from '@lianxin/platform';
import {
  createTestDatabase,
  graphqlRequest,
  startNatsServer,
  tokenFor,
  type GraphQLResponse,
  type TestDatabase,
  type TestNatsServer,
} from '@lianxin/testing';

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
  'volunteer.demo',
  'resident.demo',
] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

/** 禾兴社区 (village.admin, volunteer.demo), its grid 001 (grid staff, resident.demo), 紫阳社区 (village2.admin) and 新嘉 (xinjia.admin). */
export const VILLAGE = '330402001001';
export const GRID = '330402001001001';
export const OTHER_VILLAGE = '330402001002';
export const OTHER_GRID = '330402001002001';
export const XINJIA_VILLAGE = '330402002001';

export interface VolunteersTestApp {
  app: INestApplication;
  url: string;
  database: TestDatabase;
  nats: TestNatsServer;
  tokens: Record<DemoUser, string>;
  subs: Record<DemoUser, string>;
  gql<T = Record<string, unknown>>(user: DemoUser, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails on any GraphQL error and returns data. */
  ok<T = Record<string, unknown>>(user: DemoUser, query: string, variables?: Record<string, unknown>): Promise<T>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Runs a service call as if inside a GraphQL request (its own EntityManager context). */
  inRequest<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The volunteers subgraph in-process on a fresh database, with a private NATS and real Keycloak tokens. */
export async function startVolunteersApp(name: string, env: Record<string, string> = {}): Promise<VolunteersTestApp> {
  const [database, nats] = await Promise.all([createTestDatabase(name), startNatsServer()]);
  const settings: Record<string, string> = {
    DATABASE_NAME: database.name,
    NATS_URL: nats.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    VOLUNTEERS_SCHEDULER_INTERVAL_MS: '0',
    VOLUNTEERS_REDEMPTION_DAYS: 'always',
    ...env,
  };
  // Put the environment back afterwards: other test files may share this process (--runInBand).
  const previous = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  const { ormConfig } = await import('../src/mikro-orm.config.js');
  const migrated = await runMigrationCommand(ormConfig(), 'up', () => undefined);
  if (migrated !== 0) throw new Error('migrations failed');
  const { AppModule } = await import('../src/app.module.js');
  const app = await createSubgraphApp(AppModule);
  await app.listen(0, '127.0.0.1');
  const url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
  const tokenList = await Promise.all(DEMO_USERS.map((user) => tokenFor(user)));
  const tokens = Object.fromEntries(DEMO_USERS.map((user, i) => [user, tokenList[i]])) as Record<DemoUser, string>;
  const subs = Object.fromEntries(DEMO_USERS.map((user) => [user, subOf(tokens[user])])) as Record<DemoUser, string>;
  const { MikroORM, RequestContext } = await import('@mikro-orm/postgresql');
  const orm = app.get(MikroORM);

  const gql = <T>(user: DemoUser, query: string, variables?: Record<string, unknown>) => graphqlRequest<T>(url, query, { token: tokens[user], variables });
  return {
    app,
    url,
    database,
    nats,
    tokens,
    subs,
    gql,
    async ok<T>(user: DemoUser, query: string, variables?: Record<string, unknown>) {
      const response = await gql<T>(user, query, variables);
      if (response.errors?.length) throw new Error(`${user}: ${JSON.stringify(response.errors)}`);
      return response.data as T;
    },
    sql: <T>(query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(query, params) as Promise<T[]>,
    inRequest: <T>(work: () => Promise<T>) => RequestContext.create(orm.em, work),
    async close() {
      await app?.close();
      await nats?.dispose();
      await database?.drop();
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}

export function subOf(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sub;
}

export const VOLUNTEER_FIELDS = 'id personId userId areaCode kinds skills partyMemberType serviceHours version';

export interface VolunteerView {
  id: string;
  personId: string;
  userId: string | null;
  areaCode: string;
  kinds: string[];
  skills: string[];
  partyMemberType: string | null;
  serviceHours: number;
  version: number;
}

export interface RegisterOptions {
  personId?: string;
  areaCode?: string;
  kinds?: string[];
  skills?: string[];
  partyMemberType?: string;
  userId?: string;
}

/** Registers a volunteer as `user` (an admin) and returns it. */
export async function registerVolunteer(t: VolunteersTestApp, user: DemoUser, options: RegisterOptions = {}): Promise<VolunteerView> {
  const input = {
    personId: options.personId ?? randomUUID(),
    areaCode: options.areaCode ?? VILLAGE,
    kinds: options.kinds ?? ['ACTIVIST'],
    skills: options.skills ?? [],
    ...(options.partyMemberType ? { partyMemberType: options.partyMemberType } : {}),
    ...(options.userId ? { userId: options.userId } : {}),
  };
  const data = await t.ok<{ registerVolunteer: { volunteer: VolunteerView } }>(
    user,
    `mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { ${VOLUNTEER_FIELDS} } } }`,
    { input },
  );
  return data.registerVolunteer.volunteer;
}

export const ORDER_FIELDS = 'id kind title areaCode status deadline claimantVolunteerId lastClaimantVolunteerId requesterUserId version';

export interface OrderView {
  id: string;
  kind: string;
  title: string;
  areaCode: string;
  status: string;
  deadline: string;
  claimantVolunteerId: string | null;
  lastClaimantVolunteerId: string | null;
  requesterUserId: string | null;
  version: number;
}

export async function publishOrder(
  t: VolunteersTestApp,
  user: DemoUser,
  options: { areaCode?: string; deadline?: Date; requesterUserId?: string; requesterPersonId?: string; kind?: string; title?: string } = {},
): Promise<OrderView> {
  const input = {
    kind: options.kind ?? 'MICRO_WISH',
    title: options.title ?? '帮独居老人买米送菜',
    description: '每周两次，每次十斤米',
    areaCode: options.areaCode ?? GRID,
    deadline: (options.deadline ?? new Date(Date.now() + 3 * 86_400_000)).toISOString(),
    ...(options.requesterUserId ? { requesterUserId: options.requesterUserId } : {}),
    ...(options.requesterPersonId ? { requesterPersonId: options.requesterPersonId } : {}),
  };
  const data = await t.ok<{ publishServiceOrder: { order: OrderView } }>(
    user,
    `mutation ($input: PublishServiceOrderInput!) { publishServiceOrder(input: $input) { order { ${ORDER_FIELDS} } } }`,
    { input },
  );
  return data.publishServiceOrder.order;
}

/** Sends `mutation { name(input) { order {…} } }`; returns the raw response. */
export function orderStep(t: VolunteersTestApp, user: DemoUser, mutation: string, input: Record<string, unknown>) {
  const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
  return t.gql<Record<string, { order: OrderView }>>(user, `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { order { ${ORDER_FIELDS} } } }`, { input });
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

export function codes(response: GraphQLResponse<unknown>): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}

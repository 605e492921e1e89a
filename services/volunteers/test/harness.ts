import { createSubgraphApp } from '@lianxin/platform';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
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
  const base = await startSubgraphUnderTest({
    name,
    env: { VOLUNTEERS_SCHEDULER_INTERVAL_MS: '0', VOLUNTEERS_REDEMPTION_DAYS: 'always', ...env },
    loadOrmConfig: async () => (await import('../src/mikro-orm.config.js')).ormConfig(),
    loadAppModule: async () => (await import('../src/app.module.js')).AppModule,
    createApp: createSubgraphApp,
  });
  const tokenList = await Promise.all(DEMO_USERS.map((user) => tokenFor(user)));
  const tokens = Object.fromEntries(DEMO_USERS.map((user, i) => [user, tokenList[i]])) as Record<DemoUser, string>;
  const subs = Object.fromEntries(DEMO_USERS.map((user) => [user, subjectOf(tokens[user])])) as Record<DemoUser, string>;
  const gql = <T>(user: DemoUser, query: string, variables?: Record<string, unknown>) => graphqlRequest<T>(base.url, query, { token: tokens[user], variables });
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
    inRequest: <T>(work: () => Promise<T>) => base.withServices(() => work()),
  };
}

export { subjectOf as subOf, waitFor } from '@lianxin/testing';

/** The grid of a village or grid code: the grid itself, or the village's first grid. */
export function gridOf(areaCode: string): string {
  return areaCode.length >= 15 ? areaCode.slice(0, 15) : `${areaCode}001`;
}

/**
 * Makes a person known to the person directory (as people's events would), living in the grid of
 * `areaCode`, optionally with the account people linked to them. Returns the person id.
 */
export async function knownPerson(t: VolunteersTestApp, options: { personId?: string; areaCode?: string; userId?: string } = {}): Promise<string> {
  const personId = options.personId ?? randomUUID();
  await t.sql(
    `insert into known_person (person_id, grid_code, user_id, version, link_version) values (?, ?, ?, 1, ?)
     on conflict (person_id) do update set grid_code = excluded.grid_code, user_id = coalesce(excluded.user_id, known_person.user_id)`,
    [personId, gridOf(options.areaCode ?? VILLAGE), options.userId ?? null, options.userId ? 1 : 0],
  );
  return personId;
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

/** Registers a volunteer as `user` (an admin) and returns it; the person is made known in the volunteer's area first. */
export async function registerVolunteer(t: VolunteersTestApp, user: DemoUser, options: RegisterOptions = {}): Promise<VolunteerView> {
  const input = {
    personId: await knownPerson(t, { personId: options.personId, areaCode: options.areaCode }),
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

export function codes(response: GraphQLResponse<unknown>): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { CaseBoardDocument, liveClient } from '@lianxin/client';
import { DEMO_PASSWORD, keycloakTokenUrl, tokenFor } from '@lianxin/testing';
import { asUser, GATEWAY_BASE } from './gateway.js';

/**
 * Issue 16: subscriptions through the gateway, with real Keycloak tokens, the real subgraphs and JetStream.
 * A township board (WebSocket) gets a grid worker's new case with fields of three subgraphs and never a case
 * of another township; a resident (SSE) follows only their own case; a client of a gateway killed mid-stream
 * resumes on the restarted gateway with Last-Event-ID and gets every event exactly once.
 */
const GRID = '330402001001001'; // 建设街道 (330402001), grid.worker's grid
const OTHER_TOWNSHIP_GRID = '330402002001001'; // 新嘉街道
const root = process.cwd();
const STACK_NAME = process.env.STACK_NAME ?? 'test';
const RUN_DIR = join(root, '.lianxin', 'run', STACK_NAME);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CaseEvent {
  cursor: string;
  event: string;
  case: { id: string; number: string; gridCode: string; status: string; reporter: { name: string } | null; grid: { code: string; staff: Array<{ name: string; role: string }> } };
}

function ok<T>(response: { data?: T | null; errors?: unknown }): T {
  if (response.errors || !response.data) throw new Error(JSON.stringify(response.errors));
  return response.data;
}

async function reportCase(username: string, gridCode: string, title: string, reporterPersonId?: string): Promise<string> {
  const data = ok(
    await asUser<{ reportCase: { case: { id: string } } }>(username, 'mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }', {
      input: { gridCode, title, description: `${title}：实时订阅测试`, categoryCode: 'ENVIRONMENT', ...(reporterPersonId ? { reporterPersonId } : {}) },
    }),
  );
  return data.reportCase.case.id;
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A graphql-sse "distinct connections" client that keeps the SSE ids (cursors). */
class SseSubscription {
  readonly events: Array<{ id?: string; payload: { data?: Record<string, unknown>; errors?: Array<{ extensions?: Record<string, unknown> }> } }> = [];
  status = 0;
  completed = false;
  private readonly abort = new AbortController();
  readonly done: Promise<void>;

  constructor(url: string, token: string, query: string | undefined, variables: Record<string, unknown>, lastEventId?: string, sha256Hash?: string) {
    this.done = (async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        body: JSON.stringify({ query, variables, ...(sha256Hash ? { extensions: { persistedQuery: { version: 1, sha256Hash } } } : {}) }),
        signal: this.abort.signal,
      });
      this.status = response.status;
      if (!response.ok || !response.body) return;
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(block.split('\n').filter((line) => line && !line.startsWith(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]));
          if (fields.event === 'next') this.events.push({ id: fields.id, payload: JSON.parse(fields.data) });
          if (fields.event === 'complete') this.completed = true;
        }
      }
    })().catch((error: unknown) => {
      if ((error as Error).name !== 'AbortError') throw error;
    });
  }

  get lastId(): string | undefined {
    return this.events.filter((event) => event.id).at(-1)?.id;
  }

  close(): void {
    this.abort.abort();
  }
}

/** The claims of a token (exp, azp), unverified. */
function claims(token: string): { exp: number; azp: string } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number; azp: string };
}

/**
 * A real Keycloak token that expires in 15 s: password grant on `lianxin-e2e-short`, a test-only client
 * (created here through the admin API when missing, as a copy of lianxin-dev's mappers and scopes with
 * `access.token.lifespan` 15 s). The test stack accepts its tokens (KEYCLOAK_CLIENTS in tools/stack.sh);
 * nothing else uses it, so the realm's other clients keep their lifespans.
 */
const SHORT_CLIENT = 'lianxin-e2e-short';
async function shortLivedToken(username: string): Promise<string> {
  const keycloak = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:58080';
  const realm = process.env.KEYCLOAK_REALM ?? 'lianxin';
  const admin = (await (
    await fetch(`${keycloak}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: process.env.KEYCLOAK_ADMIN_USER ?? 'admin', password: process.env.KEYCLOAK_ADMIN_PASSWORD ?? 'admin' }),
    })
  ).json()) as { access_token: string };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${admin.access_token}` };
  const clients = `${keycloak}/admin/realms/${realm}/clients`;
  const existing = (await (await fetch(`${clients}?clientId=${SHORT_CLIENT}`, { headers })).json()) as unknown[];
  if (existing.length === 0) {
    const [dev] = (await (await fetch(`${clients}?clientId=lianxin-dev`, { headers })).json()) as Array<{ protocolMappers?: Array<Record<string, unknown>>; defaultClientScopes?: string[]; optionalClientScopes?: string[] }>;
    const created = await fetch(clients, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        clientId: SHORT_CLIENT,
        name: 'e2e only: 15-second access tokens (test/e2e/live.e2e.ts, token expiry)',
        publicClient: true,
        directAccessGrantsEnabled: true,
        standardFlowEnabled: false,
        protocolMappers: (dev.protocolMappers ?? []).map((mapper) => Object.fromEntries(Object.entries(mapper).filter(([key]) => key !== 'id'))),
        defaultClientScopes: dev.defaultClientScopes,
        optionalClientScopes: dev.optionalClientScopes,
        attributes: { 'access.token.lifespan': '15' },
      }),
    });
    if (!created.ok && created.status !== 409) throw new Error(`creating ${SHORT_CLIENT}: ${created.status} ${await created.text()}`);
  }
  const response = await fetch(keycloakTokenUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: SHORT_CLIENT, username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`Keycloak refused a short token for ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function publishOrder(username: string, areaCode: string, title: string): Promise<string> {
  const data = ok(
    await asUser<{ publishServiceOrder: { order: { id: string } } }>(username, 'mutation ($input: PublishServiceOrderInput!) { publishServiceOrder(input: $input) { order { id } } }', {
      input: { areaCode, kind: 'MICRO_WISH', title, deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    }),
  );
  return data.publishServiceOrder.order.id;
}

const BOARD = `subscription Board($statuses: [CaseStatus!]) {
  caseBoard(statuses: $statuses) { cursor event case { id number gridCode status reporter { name } grid { code staff { name role } } } }
}`;

/** The ids of the cases a caseBoard stream announced as reported, in arrival order. */
function reportedOnBoard(stream: SseSubscription): string[] {
  return stream.events
    .map((event) => event.payload.data?.caseBoard as { event: string; case: { id: string } } | undefined)
    .filter((change) => change?.event === 'cases.case.reported')
    .map((change) => change!.case.id);
}

describe('live subscriptions through the gateway (issue 16)', () => {
  let ws: Client;
  afterAll(async () => {
    await ws?.dispose();
  });

  it('a township board (WebSocket) gets a case reported in its township with fields of cases, people and grids, and never one of another township', async () => {
    const received: CaseEvent[] = [];
    const errors: unknown[] = [];
    const token = await tokenFor('jianshe.admin');
    ws = createClient({ url: `${GATEWAY_BASE.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const subscribed = new Promise<void>((resolve) => ws.on('connected', () => resolve()));
    const stop = ws.subscribe<{ caseBoard: CaseEvent }>(
      { query: BOARD, variables: { statuses: ['REPORTED'] } },
      { next: (result) => (result.data ? received.push(result.data.caseBoard) : errors.push(result.errors)), error: (error) => errors.push(error), complete: () => undefined },
    );
    await subscribed;
    await new Promise((resolve) => setTimeout(resolve, 500)); // the subscription is registered after the connection

    const person = ok(await asUser<{ persons: { edges: Array<{ node: { id: string; name: string } }> } }>('grid.worker', `{ persons(first: 1, filter: { areaCode: "${GRID}" }) { edges { node { id name } } } }`)).persons.edges[0].node;
    const elsewhere = await reportCase('county.admin', OTHER_TOWNSHIP_GRID, '新嘉街道路灯不亮');
    const mine = await reportCase('grid.worker', GRID, '建设街道垃圾清运', person.id);
    const arrived = await waitFor(() => received.find((event) => event.case.id === mine), 'the case on the board');
    stop();

    expect(errors).toEqual([]);
    expect(arrived.event).toBe('cases.case.reported');
    expect(arrived.cursor).toMatch(/^\d+$/);
    expect(arrived.case).toMatchObject({ gridCode: GRID, status: 'REPORTED', reporter: { name: person.name }, grid: { code: GRID } }); // cases, people
    expect(arrived.case.grid.staff.length).toBeGreaterThan(0); // grids
    // Reported before ours and in stream order, so it would have arrived first: it never does.
    expect(received.map((event) => event.case.id)).not.toContain(elsewhere);
    expect(received.every((event) => event.case.gridCode.startsWith('330402001'))).toBe(true);
  });

  it('a resident (SSE) follows their own case and sees no one else\'s', async () => {
    const token = await tokenFor('resident.demo');
    const progress = new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, token, 'subscription { myCaseProgress { cursor event case { id status } } }', {});
    await waitFor(() => (progress.status ? true : undefined), 'the SSE stream to open');
    expect(progress.status).toBe(200);
    const someoneElses = await reportCase('grid.worker', GRID, '别人的事项');
    const own = await reportCase('resident.demo', GRID, '我家门口路面塌陷');
    const ids = () => progress.events.map((event) => (event.payload.data?.myCaseProgress as { case: { id: string } }).case.id);
    await waitFor(() => (ids().includes(own) ? true : undefined), 'the resident\'s own case');
    // The grid worker verifies it: the resident sees the progress.
    ok(await asUser('grid.worker', 'mutation ($input: VerifyCaseInput!) { verifyCase(input: $input) { case { id } } }', { input: { caseId: own } }));
    await waitFor(() => (progress.events.some((event) => (event.payload.data?.myCaseProgress as { event: string }).event === 'cases.case.verified') ? true : undefined), 'the verification');
    progress.close();
    expect(ids()).not.toContain(someoneElses);
    expect(progress.events.every((event) => event.id && !event.payload.errors)).toBe(true);
  });

  it('cases awaiting my action: a grid worker sees a case arrive in their list and leave it when escalated', async () => {
    const changes: Array<{ event: string; awaitingMe: boolean; case: { id: string; level: string } }> = [];
    const client = createClient({
      url: `${GATEWAY_BASE.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await tokenFor('grid.worker')}` },
      retryAttempts: 0,
    });
    const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
    client.subscribe<{ casesAwaitingMyAction: (typeof changes)[number] }>(
      { query: 'subscription { casesAwaitingMyAction { cursor event awaitingMe case { id level } } }' },
      { next: (result) => void (result.data && changes.push(result.data.casesAwaitingMyAction)), error: () => undefined, complete: () => undefined },
    );
    await connected;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const id = await reportCase('resident.demo', GRID, '待办测试：井盖松动');
    const of = (event: string) => changes.find((change) => change.case.id === id && change.event === event);
    expect(await waitFor(() => of('cases.case.reported'), 'the new case in the list')).toMatchObject({ awaitingMe: true, case: { level: 'GRID' } });
    ok(await asUser('grid.worker', 'mutation ($input: VerifyCaseInput!) { verifyCase(input: $input) { case { id } } }', { input: { caseId: id } }));
    ok(await asUser('grid.worker', 'mutation ($input: EscalateCaseInput!) { escalateCase(input: $input) { case { id } } }', { input: { caseId: id, reason: '需社区协调' } }));
    // Escalated to the village: it leaves the grid worker's list (awaitingMe false), and the worker still sees the case.
    expect(await waitFor(() => of('cases.case.escalated'), 'the escalation')).toMatchObject({ awaitingMe: false, case: { level: 'VILLAGE' } });
    await client.dispose();
  });

  it('a token given on an open WebSocket (graphql-ws ping) decides from the next event: another user\'s token ends the subscription', async () => {
    const socket = new WebSocket(`${GATEWAY_BASE.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: Array<{ type: string; id?: string; payload?: { errors?: Array<{ extensions?: { code?: string } }> } }> = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await tokenFor('jianshe.admin')}` } }));
    await waitFor(() => messages.find((message) => message.type === 'connection_ack'), 'connection_ack');
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { caseBoard { cursor } }' } }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.send(JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${await tokenFor('xinjia.admin')}` } }));
    const ended = await waitFor(() => messages.find((message) => message.type === 'next' && message.id === '1'), 'the subscription to end');
    expect(ended.payload?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await waitFor(() => messages.find((message) => message.type === 'complete' && message.id === '1'), 'complete');
    socket.close();
  });

  it('service orders of my village: a volunteer sees an order published in their village arrive, and never one of another village', async () => {
    const orders: Array<{ event: string; order: { id: string; areaCode: string; status: string } }> = [];
    const errors: unknown[] = [];
    const client = createClient({
      url: `${GATEWAY_BASE.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await tokenFor('volunteer.demo')}` },
      retryAttempts: 0,
    });
    const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
    client.subscribe<{ serviceOrdersInMyVillage: (typeof orders)[number] }>(
      { query: 'subscription { serviceOrdersInMyVillage { cursor event order { id title areaCode status } } }' },
      { next: (result) => void (result.data ? orders.push(result.data.serviceOrdersInMyVillage) : errors.push(result.errors)), error: (error) => errors.push(error), complete: () => undefined },
    );
    await connected;
    await new Promise((resolve) => setTimeout(resolve, 500));
    // 禾兴社区 330402001001 is volunteer.demo's village; 330402001002 is the next village of the township.
    const elsewhere = await publishOrder('village2.admin', '330402001002', '别村的微心愿：代买药品');
    const mine = await publishOrder('village.admin', '330402001001', '本村的微心愿：陪老人就医');
    const arrived = await waitFor(() => orders.find((change) => change.order.id === mine), 'the order of the village');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await client.dispose();
    expect(errors).toEqual([]);
    expect(arrived).toMatchObject({ event: 'volunteers.order.published', order: { areaCode: '330402001001', status: 'OPEN' } });
    // Published first, so in stream order it would have come first: it never does.
    expect(orders.map((change) => change.order.id)).not.toContain(elsewhere);
    expect(orders.every((change) => change.order.areaCode.startsWith('330402001001'))).toBe(true);
  });

  it('two roles with different views of one case each get their own (county admin: birth date; auditor: the year only), as their own query shows it', async () => {
    const selection = 'case { id reporter { id name birthDate birthYear } }';
    const open = async (username: string) => new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, await tokenFor(username), `subscription { caseBoard { cursor ${selection} } }`, {});
    const [admin, auditor] = [await open('county.admin'), await open('county.auditor')];
    await waitFor(() => (admin.status && auditor.status ? true : undefined), 'both streams to open');
    expect([admin.status, auditor.status]).toEqual([200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const person = ok(await asUser<{ persons: { edges: Array<{ node: { id: string } }> } }>('grid.worker', `{ persons(first: 1, filter: { areaCode: "${GRID}" }) { edges { node { id } } } }`)).persons.edges[0].node;
    const id = await reportCase('grid.worker', GRID, '两种视图', person.id);
    const payload = (stream: SseSubscription) =>
      stream.events.map((event) => (event.payload.data?.caseBoard as { case: { id: string; reporter: Record<string, unknown> } } | undefined)?.case).find((item) => item?.id === id);
    const [seenByAdmin, seenByAuditor] = [await waitFor(() => payload(admin), 'the admin\'s payload'), await waitFor(() => payload(auditor), 'the auditor\'s payload')];
    admin.close();
    auditor.close();
    const query = `{ case(id: "${id}") { id reporter { id name birthDate birthYear } } }`;
    const asAdmin = ok(await asUser<{ case: unknown }>('county.admin', query)).case;
    const asAuditor = ok(await asUser<{ case: unknown }>('county.auditor', query)).case;
    expect(seenByAdmin).toEqual(asAdmin);
    expect(seenByAuditor).toEqual(asAuditor);
    expect(seenByAdmin.reporter.birthDate).toEqual(expect.any(String));
    expect(seenByAuditor.reporter).toMatchObject({ birthDate: null, birthYear: expect.any(Number) });
  });

  it('a real 15-second token: the stream ends with UNAUTHENTICATED / TOKEN_EXPIRED and its cursor; resuming with a fresh token gets exactly the missed events', async () => {
    const short = await shortLivedToken('jianshe.admin');
    expect(claims(short).azp).toBe(SHORT_CLIENT);
    expect(claims(short).exp * 1000 - Date.now()).toBeLessThanOrEqual(16_000);
    const query = 'subscription ($after: String) { caseBoard(after: $after) { cursor event case { id } } }';
    const first = new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, short, query, {});
    // Beside it, libs/client's liveClient over the WebSocket with the same token: after the expiry it asks
    // token() again (a fresh one), connects again and resumes from its cursor by itself.
    const expiresAt = claims(short).exp * 1000;
    const viaClient: string[] = [];
    const live = liveClient({ url: `${GATEWAY_BASE.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, token: async () => (Date.now() < expiresAt - 3_000 ? short : await tokenFor('jianshe.admin')) });
    const stop = live.subscribe(CaseBoardDocument, {}, (data) => void (data.caseBoard.event === 'cases.case.reported' && viaClient.push(data.caseBoard.case.id)));
    await waitFor(() => (first.status ? true : undefined), 'the stream to open');
    expect(first.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = await reportCase('grid.worker', GRID, '令牌到期前的事项');
    await waitFor(() => (reportedOnBoard(first).includes(before) ? true : undefined), 'the case before expiry');
    await waitFor(() => (first.completed ? true : undefined), 'the stream to end when the token expires', 30_000);
    const ending = first.events.at(-1)!.payload;
    expect(ending.data ?? null).toBeNull();
    const extensions = ending.errors?.[0]?.extensions as { code: string; reason: string; cursor: string };
    expect(extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
    expect(extensions.cursor).toBe(first.lastId); // the cursor of the last event it got
    expect(Date.now()).toBeGreaterThanOrEqual(claims(short).exp * 1000 - 1_000);

    // While the client gets a new token, two more cases happen.
    const missed = [await reportCase('grid.worker', GRID, '令牌到期后的事项 1'), await reportCase('grid.worker', GRID, '令牌到期后的事项 2')];
    const resumed = new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, await tokenFor('jianshe.admin'), query, { after: extensions.cursor });
    await waitFor(() => (missed.every((id) => reportedOnBoard(resumed).includes(id)) ? true : undefined), 'the missed events');
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything extra would show up now
    resumed.close();
    expect(reportedOnBoard(resumed)).toEqual(missed); // each once, in order, nothing from before the cursor
    expect(Number(resumed.events[0].id)).toBeGreaterThan(Number(extensions.cursor));
    // liveClient did the same by itself.
    const mine = [before, ...missed];
    await waitFor(() => (mine.every((id) => viaClient.includes(id)) ? true : undefined), 'liveClient to resume with a fresh token');
    stop();
    await live.dispose();
    expect(viaClient.filter((id) => mine.includes(id))).toEqual(mine);
    expect(new Set(viaClient).size).toBe(viaClient.length);
  });

  it('caps the open subscriptions of one user (LIVE_MAX_SUBSCRIPTIONS_PER_USER, 20): the next one is TOO_MANY_SUBSCRIPTIONS', async () => {
    const token = await tokenFor('qixing.admin');
    const streams = Array.from({ length: 20 }, () => new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, token, 'subscription { caseBoard { cursor } }', {}));
    await waitFor(() => (streams.every((stream) => stream.status === 200) ? true : undefined), 'twenty streams');
    const refused = await fetch(`${GATEWAY_BASE}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'subscription { caseBoard { cursor } }' }),
    });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    for (const stream of streams) stream.close();
    // Closed streams free their places.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, token, 'subscription { caseBoard { cursor } }', {});
      await waitFor(() => (again.status ? true : undefined), 'an answer');
      status = again.status;
      again.close();
    }
    expect(status).toBe(200);
  });

  it('the explorer sees the subscriptions in the schema', async () => {
    const response = await fetch(`${GATEWAY_BASE}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('county.admin')}` },
      body: JSON.stringify({ query: '{ __schema { subscriptionType { name fields { name } } } }' }),
    });
    const body = (await response.json()) as { data: { __schema: { subscriptionType: { name: string; fields: Array<{ name: string }> } } } };
    expect(body.data.__schema.subscriptionType.name).toBe('Subscription');
    expect(body.data.__schema.subscriptionType.fields.map((field) => field.name)).toEqual(expect.arrayContaining(['caseBoard', 'casesAwaitingMyAction', 'myCaseProgress', 'serviceOrdersInMyVillage']));
  });

  it('refuses a resident on a township board, and a board outside the token\'s area', async () => {
    const asResident = new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, await tokenFor('resident.demo'), BOARD, {});
    await asResident.done;
    expect(asResident.status).toBe(403);
    const outside = new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, await tokenFor('jianshe.admin'), 'subscription { caseBoard(areaCode: "330402002") { cursor } }', {});
    await outside.done;
    expect(outside.status).toBe(403);
    const noToken = await fetch(`${GATEWAY_BASE}/graphql/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: BOARD }) });
    expect(noToken.status).toBe(401);
  });

  it('the stack\'s NATS restarts mid-subscription (10 s away): the open board gets the case reported afterwards exactly once, and a new subscription starts at once', async () => {
    const token = await tokenFor('jianshe.admin');
    const query = 'subscription { caseBoard { cursor event case { id } } }';
    const open = new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, token, query, {});
    await waitFor(() => (open.status ? true : undefined), 'the stream to open');
    expect(open.status).toBe(200);
    await sleep(500);
    const mine = [await reportCase('grid.worker', GRID, 'NATS 重启前的事项')];
    await waitFor(() => (reportedOnBoard(open).includes(mine[0]) ? true : undefined), 'the case before the restart');

    const natsPid = Number(readFileSync(join(RUN_DIR, 'nats.pid'), 'utf8').trim());
    const commandLine = readFileSync(`/proc/${natsPid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const port = Number(new URL(process.env.NATS_URL ?? 'nats://127.0.0.1:54223').port);
    process.kill(natsPid, 'SIGTERM');
    let backAt = 0;
    try {
      await waitFor(() => (alive(natsPid) ? undefined : true), 'NATS to stop', 15_000);
      await sleep(10_000);
    } finally {
      await restartNats(commandLine, port);
      backAt = performance.now();
    }
    // Reported once NATS is back (the cases service's outbox sends the event when it reaches NATS again).
    mine.push(await reportCase('grid.worker', GRID, 'NATS 重启后的事项'));
    await waitFor(() => (reportedOnBoard(open).includes(mine[1]) ? true : undefined), 'the case after the restart on the open stream', 60_000);
    const arrivedAfter = performance.now() - backAt;

    // A new subscription starts at once (the per-user cap's NATS KV calls do not wait) and gets the next case.
    const started = performance.now();
    const fresh = new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, token, query, {});
    await waitFor(() => (fresh.status ? true : undefined), 'the new stream to open');
    const startMs = performance.now() - started;
    expect(fresh.status).toBe(200);
    await sleep(500);
    mine.push(await reportCase('grid.worker', GRID, 'NATS 重启后的第二件事项'));
    await waitFor(() => (reportedOnBoard(fresh).includes(mine[2]) && reportedOnBoard(open).includes(mine[2]) ? true : undefined), 'the next case on both streams');
    await sleep(500); // anything extra would show up now
    open.close();
    fresh.close();
    console.log(`[live] NATS restart: the case reported afterwards arrived ${Math.round(arrivedAfter)} ms after NATS was back; a new subscription started in ${Math.round(startMs)} ms`);

    // Each once, in order, on the stream that stayed open; the new one from its start on.
    expect(reportedOnBoard(open).filter((id) => mine.includes(id))).toEqual(mine);
    expect(reportedOnBoard(fresh).filter((id) => mine.includes(id))).toEqual([mine[2]]);
    const cursors = open.events.map((event) => Number(event.id));
    expect(new Set(cursors).size).toBe(cursors.length);
    expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
    expect(open.events.every((event) => !event.payload.errors)).toBe(true);
  }, 120_000);

  describe('a second gateway (two workers) killed mid-stream and started again', () => {
    let gateway: ChildProcess | undefined;
    let port = 0;
    afterEach(() => {
      gateway?.kill('SIGKILL');
    });

    async function freePort(): Promise<number> {
      return new Promise((resolve) => {
        const server = createServer();
        server.listen(0, '127.0.0.1', () => {
          const { port: free } = server.address() as { port: number };
          server.close(() => resolve(free));
        });
      });
    }

    /** Another gateway process on the same subgraphs, NATS and Keycloak as the test stack's. */
    async function startGateway(env: Record<string, string> = {}): Promise<void> {
      const offset = Number(process.env.STACK_PORT_OFFSET ?? 800);
      const supergraph = readFileSync(join(root, 'gateway', 'supergraph.graphql'), 'utf8');
      const urls = Object.fromEntries(
        [...supergraph.matchAll(/@join__graph\(name: "([a-z-]+)", url: "http:\/\/127\.0\.0\.1:(\d+)\/graphql"\)/g)].map(([, name, devPort]) => [
          `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`,
          `http://127.0.0.1:${Number(devPort) + offset}/graphql`,
        ]),
      );
      gateway = spawn(process.execPath, [join(root, 'gateway', 'dist', 'main.js')], {
        // Trusted documents as in production for everyone but township admins (the resume test's caller).
        // Without the query plans prepared at start-up (issue 20: /health/ready waits for them, and two workers
        // preparing every registered operation took over 30 s at load 26): these tests are about subscriptions.
        env: { ...process.env, ...urls, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', GATEWAY_WORKERS: '2', LOG_LEVEL: 'warn', GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'roles:township-admin,village-admin', GATEWAY_PREPARE_PLANS: 'off', ...env },
        stdio: 'ignore',
      });
      const until = Date.now() + 45_000;
      while (Date.now() < until) {
        const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((response) => response.ok, () => false);
        if (ready) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('the second gateway did not get ready');
    }

    it('the per-user cap counts every gateway process (NATS KV): 2 streams on the stack\'s gateway and 2 on the two-worker one, the fifth is refused', async () => {
      port = await freePort();
      await startGateway({ LIVE_MAX_SUBSCRIPTIONS_PER_USER: '4' });
      const token = await tokenFor('village2.admin'); // nobody else in this file holds streams of this user
      const query = 'subscription { caseBoard { cursor } }';
      const second = `http://127.0.0.1:${port}/graphql/stream`;
      const onStack = [0, 1].map(() => new SseSubscription(`${GATEWAY_BASE}/graphql/stream`, token, query, {}));
      await waitFor(() => (onStack.every((stream) => stream.status) ? true : undefined), 'two streams on the stack\'s gateway');
      const onSecond = [0, 1].map(() => new SseSubscription(second, token, query, {}));
      await waitFor(() => (onSecond.every((stream) => stream.status) ? true : undefined), 'two streams on the second gateway');
      expect([...onStack, ...onSecond].map((stream) => stream.status)).toEqual([200, 200, 200, 200]);
      // Each of the second gateway's workers holds at most 2 of them (4 allowed per process before): refused all the same.
      const refused = await fetch(second, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
      // Places given back on the stack's gateway are free on the second one.
      for (const stream of onStack) stream.close();
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const again = new SseSubscription(second, token, query, {});
        await waitFor(() => (again.status ? true : undefined), 'an answer');
        status = again.status;
        if (status === 200) onSecond.push(again);
        else again.close();
      }
      expect(status).toBe(200);
      for (const stream of onSecond) stream.close();
    }, 120_000);

    it('trusted documents: a subscription of libs/client runs by its hash, other text is refused', async () => {
      port = await freePort();
      await startGateway();
      const token = await tokenFor('county.admin');
      const manifest = JSON.parse(readFileSync(join(root, 'gateway', 'persisted-operations.json'), 'utf8')) as { operations: Array<{ id: string; name: string }> };
      const board = manifest.operations.find((operation) => operation.name === 'CaseBoard')!;
      const refused = await fetch(`http://127.0.0.1:${port}/graphql/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'subscription { caseBoard { cursor } }' }),
      });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
      const registered = new SseSubscription(`http://127.0.0.1:${port}/graphql/stream`, token, undefined, { areaCode: '330402001' }, undefined, board.id);
      await waitFor(() => (registered.status ? true : undefined), 'the registered subscription to open');
      expect(registered.status).toBe(200);
      const id = await reportCase('grid.worker', GRID, '可信文档订阅');
      await waitFor(() => registered.events.find((event) => (event.payload.data?.caseBoard as { case: { id: string } } | undefined)?.case.id === id), 'the case over the registered subscription');
      registered.close();
    }, 120_000);

    it('every event exactly once, in order, after resuming with Last-Event-ID; both workers serve subscriptions', async () => {
      port = await freePort();
      await startGateway();
      const token = await tokenFor('jianshe.admin');
      const query = 'subscription { caseBoard { cursor event case { id } } }';
      // Several streams: the workers share the port, so both serve some of them.
      const streams = Array.from({ length: 4 }, () => new SseSubscription(`http://127.0.0.1:${port}/graphql/stream`, token, query, {}));
      await waitFor(() => (streams.every((stream) => stream.status === 200) ? true : undefined), 'the streams to open');
      await new Promise((resolve) => setTimeout(resolve, 500));

      const reported: string[] = [];
      for (let index = 0; index < 3; index += 1) reported.push(await reportCase('grid.worker', GRID, `续传测试 ${index}`));
      const [main, ...others] = streams;
      const caseIds = (stream: SseSubscription) =>
        stream.events
          .map((event) => event.payload.data?.caseBoard as { event: string; case: { id: string } })
          .filter((change) => change.event === 'cases.case.reported' && reported.includes(change.case.id))
          .map((change) => change.case.id);
      await waitFor(() => (caseIds(main).length >= 2 ? true : undefined), 'the first events');
      for (const other of others) await waitFor(() => (caseIds(other).length >= 2 ? true : undefined), 'every stream (both workers) to receive');
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/gateway_live_connections\{[^}]*protocol="sse"[^}]*\} 4/);

      // Mid-stream: the gateway dies (SIGKILL, nothing flushed); two more cases happen while it is away.
      gateway!.kill('SIGKILL');
      await new Promise((resolve) => gateway!.once('exit', resolve));
      for (const stream of streams) stream.close();
      const lastId = main.lastId!;
      for (let index = 3; index < 5; index += 1) reported.push(await reportCase('grid.worker', GRID, `续传测试 ${index}`));

      await startGateway();
      const resumed = new SseSubscription(`http://127.0.0.1:${port}/graphql/stream`, token, query, {}, lastId);
      await waitFor(() => (caseIds(resumed).length + caseIds(main).length >= 5 ? true : undefined), 'the missed events after resuming');
      await new Promise((resolve) => setTimeout(resolve, 500)); // anything extra would show up now
      resumed.close();

      const all = [...caseIds(main), ...caseIds(resumed)];
      expect(all).toEqual(reported); // each once, in the order they happened
      const cursors = [...main.events, ...resumed.events].map((event) => Number(event.id));
      expect(new Set(cursors).size).toBe(cursors.length);
      expect([...cursors].sort((a, b) => a - b)).toEqual(cursors);
    }, 120_000);
  });
});

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * Starts the stack's nats-server again with its own command line, detached like tools/stack.sh does, and records
 * its pid (as test/e2e/faults.e2e.ts and entity-cache.e2e.ts do). The port may briefly be held by a closing
 * connection: retry.
 */
async function restartNats(commandLine: string[], port: number): Promise<void> {
  const log = join(process.env.STACK_LOG_DIR ?? join(root, '.lianxin', 'logs'), `${STACK_NAME}-nats.log`);
  for (let attempt = 1; attempt <= 6; attempt += 1) {
    if (await portOpen(port)) return;
    const fd = openSync(log, 'a');
    const child = spawn(commandLine[0], commandLine.slice(1), { detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.unref();
    writeFileSync(join(RUN_DIR, 'nats.pid'), String(child.pid));
    const until = Date.now() + 10_000;
    while (Date.now() < until && !(await portOpen(port)) && alive(child.pid!)) await sleep(100);
    if (await portOpen(port)) return;
    await sleep(3_000);
  }
  throw new Error(`nats-server did not start again on port ${port} (log: ${log})`);
}

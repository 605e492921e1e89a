import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { tokenFor } from '@lianxin/testing';
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

const BOARD = `subscription Board($statuses: [CaseStatus!]) {
  caseBoard(statuses: $statuses) { cursor event case { id number gridCode status reporter { name } grid { code staff { name role } } } }
}`;

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
    async function startGateway(): Promise<void> {
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
        env: { ...process.env, ...urls, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', GATEWAY_WORKERS: '2', LOG_LEVEL: 'warn', GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'roles:township-admin' },
        stdio: 'ignore',
      });
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((response) => response.ok, () => false);
        if (ready) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('the second gateway did not get ready');
    }

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
    });

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
    });
  });
});

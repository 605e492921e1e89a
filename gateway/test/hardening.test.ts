import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startGateway, type RunningGateway } from '../src/server.js';
import { sha256Hex } from '../src/trusted-documents.js';
import { composeFixtures, startProcess } from './fixtures/processes.js';

/**
 * Issue 14, "The gateway under abuse" and "Availability": the gateway in production mode, in process,
 * in front of two tiny subgraphs of its own (gateway/test/fixtures/tiny-subgraph.mjs, separate processes
 * so one can be frozen with SIGSTOP), with Keycloak-shaped tokens signed by a key of the test's own
 * (served as the realm's JWKS on port 4330), so no infrastructure is needed. Ports 4300-4399.
 */
const FIXTURE = join(import.meta.dirname, 'fixtures', 'tiny-subgraph.mjs');
const PORTS = { alpha: 4311, beta: 4312 } as const;
const NATS_PORT = 4350;
const ISSUER_PORT = 4330;
const REALM_URL = `http://127.0.0.1:${ISSUER_PORT}/realms/test`;

/** A stand-in Keycloak realm: its JWKS over HTTP, and access tokens shaped like Keycloak's. */
async function testRealm(): Promise<{ server: Server; token(username: string, roles: string[]): Promise<string> }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(ISSUER_PORT, '127.0.0.1', resolve));
  const token = (username: string, roles: string[]) =>
    new SignJWT({ preferred_username: username, realm_access: { roles }, area_code: '330402', typ: 'Bearer', azp: 'lianxin-web' })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(REALM_URL)
      .setAudience('lianxin-api')
      .setSubject(`subject-of-${username}`)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  return { server, token };
}

interface Answer {
  status: number;
  headers: Headers;
  bytes: number;
  ms: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(url: string, payload: Record<string, unknown>, token?: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, bytes: text.length, ms: performance.now() - started, body: JSON.parse(text) };
}

const codes = (answer: Answer) => (answer.body.errors ?? []).map((error) => error.extensions?.code);



const ALPHA_ITEMS = 'query AlphaItems($n: Int) {\n  items(first: $n) {\n    id\n  }\n}';
const nestedItems = (first: string) => `query Nested${first.startsWith('$') ? '($n: Int)' : ''} { items(first: ${first}) { children(first: ${first}) { children(first: ${first}) { id name } } } }`;

describe('issue 14: the gateway under abuse (production mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-hardening-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  const manifestPath = join(dir, 'persisted-operations.json');
  const subgraphs: Partial<Record<keyof typeof PORTS, ChildProcess>> = {};
  const gateways: RunningGateway[] = [];
  let nats: ChildProcess | undefined;
  let countyAdmin: string;
  let gridWorker: string;
  let realm: Server;

  const baseEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    KEYCLOAK_URL: `http://127.0.0.1:${ISSUER_PORT}`,
    KEYCLOAK_REALM: 'test',
    KEYCLOAK_AUDIENCE: 'lianxin-api',
    KEYCLOAK_CLIENTS: 'lianxin-web',
    GATEWAY_PERSISTED_OPERATIONS: manifestPath,
    GATEWAY_RATE_LIMIT_USER: 'off',
    GATEWAY_RATE_LIMIT_ADDRESS: 'off',
    // A part of a stop that hangs is left behind after 4 s and named in a warning (five parts fit the 60 s hook).
    GATEWAY_STOP_PART_MS: '4000',
    ...extra,
  });
  const gateway = async (extra: Record<string, string> = {}) => {
    const running = await startGateway({ supergraphPath, port: 0, host: '127.0.0.1', env: baseEnv(extra) });
    gateways.push(running);
    return running.url;
  };

  beforeAll(async () => {
    for (const name of ['alpha', 'beta'] as const) subgraphs[name] = await startProcess(process.execPath, [FIXTURE, name, String(PORTS[name])], /ready/);
    writeFileSync(supergraphPath, await composeFixtures({ alpha: PORTS.alpha, beta: PORTS.beta }));
    writeFileSync(
      manifestPath,
      JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256Hex(ALPHA_ITEMS), name: 'AlphaItems', type: 'query', body: ALPHA_ITEMS }] }),
    );
    const issuer = await testRealm();
    realm = issuer.server;
    [countyAdmin, gridWorker] = await Promise.all([issuer.token('county.admin', ['county-admin']), issuer.token('grid.worker', ['grid-worker'])]);
  });

  afterAll(async () => {
    try {
      // Some gateways still hold a connection to the NATS the replica test killed: their stop must not hang
      // (NatsConnector.close gives drain 2 s, libs/events; each part of a gateway's stop gets GATEWAY_STOP_PART_MS).
      await Promise.all(gateways.map((running) => running.stop()));
      await new Promise((resolve) => realm?.close(resolve));
    } finally {
      // The fixture processes go whatever happened above (a CI run once left them running after a hung stop).
      for (const child of [...Object.values(subgraphs), nats]) {
        if (child && child.exitCode === null) {
          child.kill('SIGCONT');
          child.kill('SIGKILL');
        }
      }
    }
  });

  const flood = `{ ${Array.from({ length: 200 }, (_, index) => `a${index}: __schema { types { fields { name } } }`).join(' ')} }`;

  it('issue 14: anonymous alias flood is refused before execution', async () => {
    const url = await gateway();
    const anonymous = await post(url, { query: flood });
    expect(anonymous.status).toBe(401);
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.bytes).toBeLessThan(1_000);
    // With a token (and arbitrary documents allowed for the role) the flood breaks the alias limit: refused in validation.
    const roleUrl = await gateway({ GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'roles:county-admin' });
    const withToken = await post(roleUrl, { query: flood }, countyAdmin);
    expect(withToken.status).toBe(400);
    expect(codes(withToken)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(withToken.body.errors!.map((error) => error.extensions?.limit)).toEqual(expect.arrayContaining(['aliases', 'introspectionFields']));
    expect(withToken.body.data).toBeUndefined();
    expect(withToken.bytes).toBeLessThan(5_000);
  });

  it('issue 14: introspection needs a token in production; development keeps the explorer working without one', async () => {
    const production = await gateway();
    const schemaRead = { query: '{ __schema { queryType { name } } }' };
    expect((await post(production, schemaRead)).status).toBe(401);
    const development = await gateway({ NODE_ENV: 'development' });
    const open = await post(development, schemaRead);
    expect(open.status).toBe(200);
    expect(open.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    // Only schema reads go without a token, even in development.
    expect((await post(development, { query: '{ alpha }' })).status).toBe(401);
  });

  it('issue 14: too many tokens stop the parser', async () => {
    const url = await gateway({ GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'all' });
    const answer = await post(url, { query: `{ alpha ${'__typename '.repeat(4_000)}}` }, countyAdmin);
    expect(answer.status).toBe(400);
    expect(codes(answer)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(answer.body.errors![0].message).toMatch(/more th.. 3000 tokens/);
  });

  it('issue 14: first: $n escapes the cost limit no more than a literal first (and a missing first costs the default page size)', async () => {
    const url = await gateway({ GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'all' });
    const literal = await post(url, { query: nestedItems('100') }, countyAdmin);
    const variable = await post(url, { query: nestedItems('$n'), variables: { n: 100 } }, countyAdmin);
    expect(literal.status).toBe(400);
    expect(variable.status).toBe(400);
    expect(literal.body.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', maxCost: 20_000 });
    expect(variable.body.errors![0].extensions?.cost).toBe(literal.body.errors![0].extensions?.cost);
    // Small pages pass; leaving first out costs 20 per level, like first: 20.
    expect((await post(url, { query: nestedItems('$n'), variables: { n: 5 } }, countyAdmin)).body.data).toBeTruthy();
    const missing = await post(url, { query: '{ items { children { children { children { id name } } } } }' }, countyAdmin);
    expect(missing.status).toBe(400);
    expect(missing.body.errors![0].extensions?.cost).toBeGreaterThan(20_000);
  });

  it('issue 14: a response larger than the cap is refused, not sent', async () => {
    const url = await gateway({ GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'all', GATEWAY_MAX_RESPONSE_BYTES: '20000' });
    expect((await post(url, { query: '{ big(size: 1000) }' }, countyAdmin)).body.data).toEqual({ big: 'x'.repeat(1000) });
    const large = await post(url, { query: '{ big(size: 50000) }' }, countyAdmin);
    expect(large.status).toBe(400);
    expect(codes(large)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(large.bytes).toBeLessThan(1_000);
  });

  it('issue 14: no stack traces when NODE_ENV=production', async () => {
    const production = await gateway({ GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'all' });
    const failed = await post(production, { query: '{ boom alpha }' }, countyAdmin);
    expect(failed.body.data).toMatchObject({ alpha: 'a', boom: null });
    expect(JSON.stringify(failed.body)).not.toMatch(/stacktrace|at .*\.m?js:\d+/);
    const unknown = await post(production, { query: 'query A { alpha }', operationName: 'B' }, countyAdmin);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).not.toContain('stacktrace');
    // Development still shows them, so the difference is the setting and not the error.
    const development = await gateway({ NODE_ENV: 'development' });
    expect(JSON.stringify((await post(development, { query: 'query A { alpha }', operationName: 'B' }, countyAdmin)).body)).toContain('stacktrace');
  });

  it('issue 14: in production only registered documents run, arbitrary ones only for the roles configured', async () => {
    const url = await gateway({ GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'roles:county-admin' });
    const registered = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(ALPHA_ITEMS) } }, variables: { n: 2 } };
    const byHash = await post(url, registered, gridWorker);
    expect(byHash.status).toBe(200);
    expect(byHash.body.data).toEqual({ items: [{ id: '0' }, { id: '1' }] });
    // The registered text runs even when the client sends another text with the hash.
    const swapped = await post(url, { ...registered, query: '{ boom }' }, gridWorker);
    expect(swapped.body.data).toEqual({ items: [{ id: '0' }, { id: '1' }] });
    // Apollo Client's GET for hashed queries works the same way.
    const get = new URL(url);
    get.searchParams.set('extensions', JSON.stringify(registered.extensions));
    get.searchParams.set('variables', JSON.stringify(registered.variables));
    const byGet = await fetch(get, { headers: { authorization: `Bearer ${gridWorker}`, 'apollo-require-preflight': 'true' } });
    expect(await byGet.json()).toEqual({ data: { items: [{ id: '0' }, { id: '1' }] } });
    const arbitraryGet = new URL(url);
    arbitraryGet.searchParams.set('query', '{ alpha }');
    const refusedGet = await fetch(arbitraryGet, { headers: { authorization: `Bearer ${gridWorker}`, 'apollo-require-preflight': 'true' } });
    expect(((await refusedGet.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('PERSISTED_QUERY_ID_REQUIRED');
    const unknownHash = await post(url, { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, gridWorker);
    expect(codes(unknownHash)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const arbitrary = await post(url, { query: '{ alpha }' }, gridWorker);
    expect(arbitrary.status).toBe(400);
    expect(codes(arbitrary)).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);
    expect((await post(url, { query: '{ alpha }' }, countyAdmin)).body.data).toEqual({ alpha: 'a' });
    // The production default is none: not even a county admin.
    const strict = await gateway();
    expect(codes(await post(strict, { query: '{ alpha }' }, countyAdmin))).toEqual(['PERSISTED_QUERY_ID_REQUIRED']);
    expect((await post(strict, registered, countyAdmin)).body.data).toBeTruthy();
  });

  it('issue 14: rate limits per user and per address answer 429 with Retry-After', async () => {
    const perUser = await gateway({ GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'all', GATEWAY_RATE_LIMIT_USER: '0.5,3', GATEWAY_RATE_LIMIT_SHARED: 'off' });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await post(perUser, { query: '{ alpha }' }, gridWorker));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(codes(answers[3])).toEqual(['RATE_LIMITED']);
    expect(answers[3].headers.get('retry-after')).toBe('2');
    // Another user has a bucket of their own.
    expect((await post(perUser, { query: '{ alpha }' }, countyAdmin)).status).toBe(200);

    const perAddress = await gateway({ GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'all', GATEWAY_RATE_LIMIT_ADDRESS: '1,2', GATEWAY_RATE_LIMIT_SHARED: 'off' });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(perAddress, { query: '{ __typename }' })).status);
    // Anonymous: 401 while the address has tokens, then 429 before the body is read.
    expect(statuses).toEqual([401, 401, 429]);
    const metrics = await (await fetch(perAddress.replace('/graphql', '/metrics'))).text();
    for (const reason of ['rate_limited', 'rate-limit-address', 'unauthenticated']) {
      expect(metrics).toMatch(new RegExp(`gateway_refused_requests_total\\{[^}]*reason="${reason}"[^}]*\\} [1-9]`));
    }
  });

  it('a syncFieldWork batch costs its items in the user\'s rate limit: beyond what is left it is refused whole (429, cost, available) and nothing is applied', async () => {
    const url = await gateway({ GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'all', GATEWAY_RATE_LIMIT_USER: '0.01,10', GATEWAY_RATE_LIMIT_SHARED: 'off' });
    const sync = 'mutation Sync($input: SyncFieldWorkInput!) { syncFieldWork(input: $input) { created } }';
    const batch = (count: number) => ({ query: sync, variables: { input: { items: Array.from({ length: count }, (_, index) => ({ visit: `v${index}` })) } } });
    // Read from the subgraph itself: a read through the gateway would take a token too.
    const applied = async () => ((await post(`http://127.0.0.1:${PORTS.alpha}/graphql`, { query: '{ applied }' })).body.data as { applied: number }).applied;
    const start = await applied();

    const first = await post(url, batch(4), gridWorker);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ syncFieldWork: { created: 4 } });
    expect(await applied()).toBe(start + 4);

    // 6 tokens left: 7 items are refused before anything runs, saying what it cost and what may go now.
    const refused = await post(url, batch(7), gridWorker);
    expect(refused.status).toBe(429);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'user', cost: 7, available: 6, retryAfterSeconds: 100 });
    expect(refused.body.errors?.[0]?.message).toContain('syncFieldWork.input.items: 7 items');
    expect(refused.headers.get('retry-after')).toBe('100');
    expect(await applied()).toBe(start + 4);

    // Aliases do not split a batch past the limit: 2 × 4 items are 8 writes.
    const twice = await post(
      url,
      { query: 'mutation ($a: SyncFieldWorkInput!, $b: SyncFieldWorkInput!) { a: syncFieldWork(input: $a) { created } b: syncFieldWork(input: $b) { created } }', variables: { a: batch(4).variables.input, b: batch(4).variables.input } },
      gridWorker,
    );
    expect(twice.status).toBe(429);
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', cost: 8, available: 6 });
    expect(await applied()).toBe(start + 4);

    // What is left passes.
    expect((await post(url, batch(6), gridWorker)).body.data).toEqual({ syncFieldWork: { created: 6 } });
    expect(await applied()).toBe(start + 10);

    // More items than a full bucket could never pass: the client's to split (400, the field and the most per call).
    const tooLarge = await post(url, batch(11), countyAdmin);
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'syncFieldWork.input.items', limit: 'user', cost: 11, maxCost: 10 });
    expect(String(tooLarge.body.errors?.[0]?.extensions?.reason)).toContain('send at most 10 per call');
    expect(await applied()).toBe(start + 10);
    // …and spent nothing of that user's bucket.
    expect((await post(url, batch(10), countyAdmin)).body.data).toEqual({ syncFieldWork: { created: 10 } });
    expect(await applied()).toBe(start + 20);
  });

  it('issue 14: two gateway replicas share a user bucket through NATS KV, and keep limiting locally when NATS is down', async () => {
    nats = await startProcess('nats-server', ['-a', '127.0.0.1', '-p', String(NATS_PORT), '-js', '-sd', join(dir, 'nats')], /Server is ready/);
    const shared = {
      GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'all',
      GATEWAY_RATE_LIMIT_USER: '0.01,6',
      GATEWAY_RATE_LIMIT_SYNC_MS: '100',
      GATEWAY_RATE_LIMIT_BUCKET: `gateway_rate_limits_test_${process.pid}`,
      NATS_URL: `nats://127.0.0.1:${NATS_PORT}`,
    };
    const [replicaA, replicaB] = [await gateway(shared), await gateway(shared)];
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // both connected to NATS
    for (let i = 0; i < 5; i += 1) expect((await post(replicaA, { query: '{ alpha }' }, gridWorker)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a few syncs
    // B has not served this user yet, but the shared bucket says one token is left.
    expect((await post(replicaB, { query: '{ alpha }' }, gridWorker)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const refused = await post(replicaB, { query: '{ alpha }' }, gridWorker);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    // NATS stopped: nothing is refused for that; each replica's own bucket decides (here: full for a new user).
    nats.kill('SIGKILL');
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const during = [];
      for (let i = 0; i < 3; i += 1) during.push((await post(replicaA, { query: '{ alpha }' }, countyAdmin)).status);
      expect(during).toEqual([200, 200, 200]);
    } finally {
      // NATS comes back whatever happened (what a test stops it restarts), so the replicas' clients reconnect and
      // the gateways stop against a live server in afterAll; a stop with NATS gone is bounded per part (shutdown.spec.ts).
      await new Promise((resolve) => (nats!.exitCode === null && nats!.signalCode === null ? nats!.once('exit', resolve) : resolve(undefined)));
      nats = await startProcess('nats-server', ['-a', '127.0.0.1', '-p', String(NATS_PORT), '-js', '-sd', join(dir, 'nats')], /Server is ready/);
    }
  });

  it('issue 14: a frozen subgraph (SIGSTOP) costs only its own fields, answered SERVICE_UNAVAILABLE within 2 s of the budget; then the breaker opens', async () => {
    const url = await gateway({
      GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'all',
      GATEWAY_SUBGRAPH_TIMEOUT_MS: '1500',
      GATEWAY_REQUEST_BUDGET_MS: '2000',
      GATEWAY_BREAKER_FAILURES: '2',
      GATEWAY_BREAKER_OPEN_MS: '2000',
    });
    expect((await post(url, { query: '{ alpha beta }' }, gridWorker)).body.data).toEqual({ alpha: 'a', beta: 'b' });
    subgraphs.beta!.kill('SIGSTOP');
    try {
      const frozen = await post(url, { query: '{ alpha beta }' }, gridWorker);
      expect(frozen.ms).toBeLessThan(2_000 + 2_000);
      expect(frozen.body.data).toEqual({ alpha: 'a', beta: null });
      expect(frozen.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'beta' }) })]);
      await post(url, { query: '{ alpha beta }' }, gridWorker); // second failure: the breaker opens
      const open = await post(url, { query: '{ alpha beta }' }, gridWorker);
      expect(open.ms).toBeLessThan(500);
      expect(open.body.data).toEqual({ alpha: 'a', beta: null });
      expect(open.body.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'beta' });
      expect(String(open.body.errors![0].extensions?.reason)).toMatch(/circuit is open/);
    } finally {
      subgraphs.beta!.kill('SIGCONT');
    }
    // After the open period one probe goes through, succeeds and closes the breaker.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await post(url, { query: '{ alpha beta }' }, gridWorker)).body.data).toEqual({ alpha: 'a', beta: 'b' });
    expect((await post(url, { query: '{ beta }' }, gridWorker)).body.data).toEqual({ beta: 'b' });
  });
  it('issue 14: Keycloak unreachable keeps the gateway ready (degraded) and tokens verify with the cached keys', async () => {
    const url = await gateway({ GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'all' });
    const ready = url.replace('/graphql', '/health/ready');
    expect((await fetch(ready)).status).toBe(200);
    // The realm's JWKS is gone from here on (the last test: later gateways could not fetch keys).
    await new Promise((resolve) => {
      realm.close(resolve);
      realm.closeAllConnections();
    });
    const degraded = await fetch(ready);
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({ status: 'ok', degraded: ['jwks'], details: { jwks: { status: 'degraded' } } });
    expect((await post(url, { query: '{ alpha }' }, countyAdmin)).body.data).toEqual({ alpha: 'a' });
    const metrics = await (await fetch(url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/lianxin_dependency_up\{[^}]*dependency="jwks"[^}]*\} 0/);
  });
});

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryPlanner } from '@apollo/query-planner';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startGateway, type RunningGateway } from '../src/server.js';
import { sha256Hex } from '../src/trusted-documents.js';
import { composeFixtures, freePort, startProcess } from './fixtures/processes.js';

/**
 * Issue 20, "Query plans prepared for the registered (trusted) operations at start-up": the whole gateway
 * (startGateway) in production mode, in process, in front of the two tiny subgraphs of
 * gateway/test/fixtures/tiny-subgraph.mjs (their own processes), with Keycloak-shaped tokens signed by a
 * key of the test's own. Counts the plans the query planner builds (QueryPlanner.prototype.buildQueryPlan,
 * the planner the gateway itself calls) and the gateway's /metrics around the first request after
 * start-up. No fixed ports: everything listens where the system puts it.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const FIXTURE = join(import.meta.dirname, 'fixtures', 'tiny-subgraph.mjs');

const ALPHA_ITEMS = 'query PlanAlphaItems($n: Int) {\n  items(first: $n) {\n    id\n    name\n  }\n}';
const BOTH = 'query PlanBoth {\n  alpha\n  beta\n}';

let planned = 0;
const originalBuildQueryPlan = QueryPlanner.prototype.buildQueryPlan;




async function post(url: string, payload: Record<string, unknown>, token: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(payload) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } };
}

/** A counter or gauge of the gateway's /metrics (summed over the series that carry `labels`). */
async function metric(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(url.replace('/graphql', '/metrics'))).text();
  let total = 0;
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`).exec(line);
    if (!match) continue;
    if (Object.entries(labels).every(([key, value]) => (match[1] ?? '').includes(`${key}="${value}"`))) total += Number(match[2]);
  }
  return total;
}

describe('issue 20: query plans prepared for the registered operations at start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-plans-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  const manifestPath = join(dir, 'persisted-operations.json');
  const subgraphs: ChildProcess[] = [];
  const gateways: RunningGateway[] = [];
  let realm: Server;
  let token: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    QueryPlanner.prototype.buildQueryPlan = function (this: QueryPlanner, ...args: Parameters<QueryPlanner['buildQueryPlan']>) {
      planned += 1;
      return originalBuildQueryPlan.apply(this, args);
    };
    const ports = { alpha: await freePort(), beta: await freePort() };
    for (const name of ['alpha', 'beta'] as const) subgraphs.push(await startProcess(process.execPath, [FIXTURE, name, String(ports[name])], /ready/));
    writeFileSync(supergraphPath, await composeFixtures({ alpha: ports.alpha, beta: ports.beta }));
    writeFileSync(
      manifestPath,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [
          { id: sha256Hex(ALPHA_ITEMS), name: 'PlanAlphaItems', type: 'query', body: ALPHA_ITEMS },
          { id: sha256Hex(BOTH), name: 'PlanBoth', type: 'query', body: BOTH },
        ],
      }),
    );

    // A stand-in Keycloak realm: its JWKS over HTTP and a Keycloak-shaped access token.
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'plans-key', alg: 'RS256', use: 'sig' };
    realm = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => realm.listen(0, '127.0.0.1', resolve));
    const realmPort = (realm.address() as AddressInfo).port;
    token = await new SignJWT({ preferred_username: 'county.admin', realm_access: { roles: ['county-admin'] }, area_code: '330402', typ: 'Bearer', azp: 'lianxin-web' })
      .setProtectedHeader({ alg: 'RS256', kid: 'plans-key' })
      .setIssuer(`http://127.0.0.1:${realmPort}/realms/test`)
      .setAudience('lianxin-api')
      .setSubject('subject-of-county.admin')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    env = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      KEYCLOAK_URL: `http://127.0.0.1:${realmPort}`,
      KEYCLOAK_REALM: 'test',
      KEYCLOAK_AUDIENCE: 'lianxin-api',
      KEYCLOAK_CLIENTS: 'lianxin-web',
      GATEWAY_PERSISTED_OPERATIONS: manifestPath,
      GATEWAY_ALLOW_ARBITRARY_OPERATIONS: 'roles:county-admin',
      GATEWAY_RATE_LIMIT_USER: 'off',
      GATEWAY_RATE_LIMIT_ADDRESS: 'off',
      GATEWAY_ENTITY_CACHE: 'off',
      GATEWAY_SUBGRAPH_DEDUP: 'off',
    };
  });

  afterAll(async () => {
    QueryPlanner.prototype.buildQueryPlan = originalBuildQueryPlan;
    await Promise.all(gateways.map((running) => running.stop()));
    await new Promise((resolve) => {
      realm?.close(resolve);
      realm?.closeAllConnections();
    });
    for (const child of subgraphs) if (child.exitCode === null) child.kill('SIGKILL');
  });

  const gateway = async (extra: Record<string, string> = {}) => {
    const running = await startGateway({ supergraphPath, port: 0, host: '127.0.0.1', env: { ...env, ...extra } });
    gateways.push(running);
    return running.url;
  };
  const byHash = (body: string, operationName?: string) => ({
    extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(body) } },
    ...(operationName ? { operationName } : {}),
    variables: { n: 2 },
  });

  it('issue 20: after start-up the first request of a registered operation builds no plan (by hash, with or without its name); an unregistered one still plans and runs', async () => {
    const before = planned;
    const url = await gateway();
    // startGateway returns after the preparation: both registered queries were planned, nothing else.
    expect(planned - before).toBe(2);
    expect(await metric(url, 'gateway_query_plans_prepared', { result: 'planned' })).toBe(2);
    expect(await metric(url, 'gateway_query_plans_prepared', { result: 'failed' })).toBe(0);
    const ready = await fetch(url.replace('/graphql', '/health/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', details: { plans: { status: 'up' } } });

    const builtBefore = await metric(url, 'gateway_query_plans_built_on_request_total');
    const preparedBefore = await metric(url, 'gateway_query_plan_lookups_total', { result: 'prepared' });
    const atStart = planned;
    const items = await post(url, byHash(ALPHA_ITEMS, 'PlanAlphaItems'), token);
    expect(items.body).toEqual({ data: { items: [{ id: '0', name: 'item 0' }, { id: '1', name: 'item 1' }] } });
    // Apollo Client sends the name; other clients may not: both keys were prepared.
    expect((await post(url, byHash(BOTH), token)).body).toEqual({ data: { alpha: 'a', beta: 'b' } });
    expect(planned - atStart).toBe(0);
    expect((await metric(url, 'gateway_query_plans_built_on_request_total')) - builtBefore).toBe(0);
    expect((await metric(url, 'gateway_query_plan_lookups_total', { result: 'prepared' })) - preparedBefore).toBe(2);

    // An operation nobody registered (allowed for this role) is planned on its first request, as before.
    const arbitrary = await post(url, { query: '{ items(first: 1) { id } alpha }' }, token);
    expect(arbitrary.body).toEqual({ data: { items: [{ id: '0' }], alpha: 'a' } });
    expect(planned - atStart).toBe(1);
    expect((await metric(url, 'gateway_query_plans_built_on_request_total')) - builtBefore).toBe(1);
  });

  it('issue 20: GATEWAY_PREPARE_PLANS=off — nothing planned at start-up, the first request of a registered operation builds its plan', async () => {
    const before = planned;
    const url = await gateway({ GATEWAY_PREPARE_PLANS: 'off' });
    expect(planned - before).toBe(0);
    expect(await (await fetch(url.replace('/graphql', '/health/ready'))).json()).toMatchObject({ status: 'ok', details: { plans: { status: 'off' } } });
    const builtBefore = await metric(url, 'gateway_query_plans_built_on_request_total');
    expect((await post(url, byHash(ALPHA_ITEMS, 'PlanAlphaItems'), token)).status).toBe(200);
    expect(planned - before).toBe(1);
    expect((await metric(url, 'gateway_query_plans_built_on_request_total')) - builtBefore).toBe(1);
  });

  it('issue 20: a hot-reloaded supergraph file gets its registered plans prepared again', async () => {
    // Its own file, so that the other gateways of this file keep theirs.
    const reloadPath = join(dir, 'supergraph-reload.graphql');
    const sdl = readFileSync(supergraphPath, 'utf8');
    writeFileSync(reloadPath, sdl);
    const running = await startGateway({ supergraphPath: reloadPath, port: 0, host: '127.0.0.1', env });
    gateways.push(running);
    const url = running.url;
    const preparations = () => metric(url, 'gateway_query_plan_preparations_total', { reason: 'supergraph-update' });
    const before = await preparations();
    // The same subgraphs, described again: another supergraph text (a comment), so the gateway takes it.
    writeFileSync(reloadPath, `${sdl}\n# reloaded ${Date.now()}\n`);
    // The file is polled every SUPERGRAPH_POLL_MS (2 s; supergraph-source.ts reads it from process.env).
    for (let waited = 0; (await preparations()) <= before && waited < 15_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await preparations()).toBeGreaterThan(before);
    const atReload = planned;
    expect((await post(url, byHash(ALPHA_ITEMS, 'PlanAlphaItems'), token)).body).toEqual({ data: { items: [{ id: '0', name: 'item 0' }, { id: '1', name: 'item 1' }] } });
    expect(planned - atReload).toBe(0);
  });
});

import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { errorCodes, graphqlRequest, keycloakTokenUrl, tamper, DEV_CLIENT_ID, DEMO_PASSWORD, type GraphQLResponse } from '@lianxin/testing';
import { asUser, GATEWAY_BASE, GATEWAY_URL } from './gateway.js';

/**
 * Issue 14, "Must show": the fault test. Each dependency is taken away from the running test stack in
 * turn — a subgraph frozen (SIGSTOP), the stack's NATS stopped, Keycloak stopped for longer than the key
 * cache, PostgreSQL stopped and started — and the API keeps answering what it can, readiness stays true
 * where a service can serve, and the writes made around the fault are applied downstream exactly once.
 *
 * Every `it` puts back what it took away in `finally` and waits until the stack answers again, so the
 * test files jest runs after this one find a healthy stack. Keycloak and PostgreSQL are the shared dev
 * infrastructure (tools/infra/infra.sh): other test slots see those outages too.
 *
 * Re-runnable against one stack (issue 21, LIANXIN_E2E_REPEAT=2): what it writes is marked with this run's id
 * and every count is compared with what the same test read before its fault, never with a fixed number; the
 * processes it restarts (nats-server here, police in resilience.e2e.ts) are found by the stack's pid files,
 * which the restart rewrites, so a second pass stops and restarts the process the first pass started.
 */
const ROOT = process.cwd();
const STATE = join(ROOT, '.lianxin');
const STACK_NAME = process.env.STACK_NAME ?? 'test';
const RUN_DIR = join(STATE, 'run', STACK_NAME);
const PORT_OFFSET = Number(process.env.STACK_PORT_OFFSET ?? 800);
const JWKS_MAX_AGE_MS = Number(process.env.JWKS_MAX_AGE_MS ?? 600_000);
const JWKS_COOLDOWN_MS = Number(process.env.JWKS_COOLDOWN_MS ?? 30_000);

const GRID = '330402001001001';
/** grid.worker's Keycloak subject (the demo seed). */
const GRID_WORKER_ID = '00000000-0000-4000-8000-000000000009';
const MONTH = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
/** This run's mark on what it writes (visits' findings, the case's title). */
const RUN = Date.now().toString(36);

/** Every subgraph of the stack with its port (services/<name>/package.json lianxin.port + the slot's offset). */
const SUBGRAPHS = readdirSync(join(ROOT, 'services'))
  .filter((name) => existsSync(join(ROOT, 'services', name, 'package.json')))
  .map((name) => ({ name, port: Number((JSON.parse(readFileSync(join(ROOT, 'services', name, 'package.json'), 'utf8')) as { lianxin: { port: number } }).lianxin.port) + PORT_OFFSET }))
  .filter(({ name }) => existsSync(join(RUN_DIR, `${name}.pid`)));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => Math.round(ms / 100) / 10;
const timings: Record<string, number> = {};
const counts: Record<string, number> = {};

/** Polls `probe` until `done` holds or `timeoutMs` passes; returns the last value. */
async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, intervalMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await sleep(intervalMs);
    value = await probe();
  }
  return value;
}

/** The promise's value, or a rejection saying it did not answer within `ms` (a hang, the thing under test). */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function timed<T>(promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await promise;
  return { value, ms: performance.now() - started };
}

function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}

/** tools/infra/infra.sh <args> (the shared dev PostgreSQL and Keycloak). */
function infra(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [join(ROOT, 'tools/infra/infra.sh'), ...args], { cwd: ROOT, env: process.env, timeout: 400_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`infra.sh ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`)) : resolve(stdout),
    );
  });
}

/**
 * A token no verifier has seen yet (tokenFor caches per user): its check must go to the signing keys.
 * Keycloak 26 with brute-force detection refuses a login while another login of the same user is in flight
 * (event "user_temporarily_disabled", keycloak/keycloak#33527; the answer says only "Invalid user credentials"). The
 * Keycloak is shared with other test runs on the machine, which sign in as the same demo users, and the demo
 * password is right: a refused login (400/401) is retried a few times; no answer at all (Keycloak down) is not.
 */
async function freshToken(username: string): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(keycloakTokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: process.env.KEYCLOAK_CLIENT_ID ?? DEV_CLIENT_ID, username, password: DEMO_PASSWORD }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok) return ((await response.json()) as { access_token: string }).access_token;
    const body = await response.text();
    if (attempt >= 8 || (response.status !== 400 && response.status !== 401)) throw new Error(`Keycloak refused a token for ${username}: ${response.status} ${body}`);
    await sleep(Math.min(2_000 * attempt, 10_000));
  }
}

interface Readiness {
  status: number;
  body: { details?: Record<string, { status: string }>; degraded?: string[] };
}

async function readiness(base: string): Promise<Readiness> {
  const response = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
}

const subgraphBase = (port: number) => `http://127.0.0.1:${port}`;
const everySubgraphReadiness = () => Promise.all(SUBGRAPHS.map(async ({ name, port }) => ({ name, ...(await readiness(subgraphBase(port))) })));

function pidOf(name: string): number {
  return Number(readFileSync(join(RUN_DIR, `${name}.pid`), 'utf8').trim());
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The grid worker's monthly platform statistics (assessments, fed by grids' and cases' events). */
async function platformStatistics(): Promise<{ visits: number; casesFound: number }> {
  const query = `{ platformStatistics(staffUserId: "${GRID_WORKER_ID}", gridCode: "${GRID}", kind: GRID_MONTHLY, period: "${MONTH}") { visits casesFound } }`;
  return ok(await asUser<{ platformStatistics: { visits: number; casesFound: number } }>('village.admin', query)).platformStatistics;
}

/** Visits recorded in the grid (grids' own table). */
async function visitCount(): Promise<number> {
  return ok(await asUser<{ visits: { totalCount: number } }>('grid.worker', `{ visits(filter: { areaCode: "${GRID}" }) { totalCount } }`)).visits.totalCount;
}

/** Messages assessments' consumers have not yet applied (pending + ack pending, from its /metrics). */
async function assessmentsBacklog(): Promise<number> {
  const assessments = SUBGRAPHS.find(({ name }) => name === 'assessments')!;
  const text = await (await fetch(`${subgraphBase(assessments.port)}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('lianxin_event_consumer_pending_messages{'))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

let household: string | undefined;
async function aHousehold(): Promise<string> {
  household ??= ok(
    await asUser<{ grid: { households: { edges: Array<{ node: { id: string } }> } } }>('grid.worker', `{ grid(code: "${GRID}") { households(first: 1) { edges { node { id } } } } }`),
  ).grid.households.edges[0].node.id;
  return household;
}

function recordVisit(findings: string): Promise<GraphQLResponse<{ recordVisit: { visit: { id: string } } }>> {
  return aHousehold().then((householdId) =>
    asUser('grid.worker', 'mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { visit { id } } }', { input: { householdId, findings } }),
  );
}

async function reportAndVerifyCase(): Promise<string> {
  const reported = ok(
    await asUser<{ reportCase: { case: { id: string } } }>('grid.worker', 'mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }', {
      input: { gridCode: GRID, title: `楼道堆物 故障测试 ${RUN}`, description: '三单元楼道堆放杂物，影响通行', categoryCode: 'ENVIRONMENT' },
    }),
  );
  ok(await asUser('grid.worker', 'mutation ($input: VerifyCaseInput!) { verifyCase(input: $input) { case { id } } }', { input: { caseId: reported.reportCase.case.id } }));
  return reported.reportCase.case.id;
}

/** Grids + police in one query: police is the department subgraph the first scenario freezes. */
const GRID_AND_POLICE = `{ grid(code: "${GRID}") { name } communityOfficers(first: 5) { totalCount } }`;
/**
 * One field from each core subgraph's database (organizations, grids, people, cases, volunteers) and police.
 * Lists, not `area(code)` / `grid(code)`: the gateway's entity cache (issue 20) may answer those from memory
 * while a database is down, and this test is about what the subgraphs answer.
 */
const EVERY_DATABASE = `{
  areas(first: 1) { totalCount }
  grids(first: 1) { totalCount }
  households(first: 1) { totalCount }
  cases(first: 1) { totalCount }
  volunteers(first: 1) { totalCount }
  communityOfficers(first: 1) { totalCount }
}`;

afterAll(() => {
  // The measured timings, for the report (issue 14).
  console.log(`fault test timings (s): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([key, ms]) => [key, seconds(ms)])))}; counts: ${JSON.stringify(counts)}`);
});

describe('faults: the API answers what it can, readiness holds where it can serve, nothing lost or doubled (issue 14)', () => {
  it('issue 14 fault: a frozen subgraph (police, SIGSTOP) costs only its own fields, SERVICE_UNAVAILABLE within the gateway budget', async () => {
    const before = ok(await asUser<{ grid: { name: string }; communityOfficers: { totalCount: number } }>('jianshe.admin', GRID_AND_POLICE));
    expect(before.communityOfficers.totalCount).toBeGreaterThan(0);
    const police = pidOf('police');
    process.kill(police, 'SIGSTOP');
    try {
      const frozen = await timed(within(20_000, 'grid + police query with police frozen', asUser<{ grid: { name: string } | null; communityOfficers: unknown }>('jianshe.admin', GRID_AND_POLICE)));
      timings.frozenSubgraphAnswer = frozen.ms;
      // The test stack's budget is 15 s per query (gateway/src/limits.ts, test defaults), plus at most 2 s.
      expect(frozen.ms).toBeLessThan(17_000);
      expect(frozen.value.data?.grid?.name).toBe(before.grid.name);
      expect(frozen.value.data?.communityOfficers).toBeNull();
      expect(frozen.value.errors).toEqual([
        expect.objectContaining({ message: 'The police service is unavailable', extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', serviceName: 'police' }) }),
      ]);
      // A query that does not touch police is not held up by it at all.
      const gridOnly = await timed(asUser<{ grid: { name: string } }>('jianshe.admin', `{ grid(code: "${GRID}") { name } }`));
      timings.otherSubgraphWhileFrozen = gridOnly.ms;
      expect(ok(gridOnly.value).grid.name).toBe(before.grid.name);
      expect(gridOnly.ms).toBeLessThan(3_000);
      expect((await readiness(GATEWAY_BASE)).status).toBe(200);
    } finally {
      process.kill(police, 'SIGCONT');
    }
    // Thawed: police answers again through the gateway (after the circuit breaker's open time at most).
    const thawed = await timed(until(() => asUser<{ communityOfficers: { totalCount: number } | null }>('jianshe.admin', GRID_AND_POLICE), (response) => !response.errors, 30_000));
    timings.frozenSubgraphRecovery = thawed.ms;
    expect(ok(thawed.value).communityOfficers?.totalCount).toBe(before.communityOfficers.totalCount);
  }, 60_000);

  it('issue 14 fault: NATS stopped — every subgraph stays ready (nats degraded), writes succeed, their events are applied exactly once after NATS is back', async () => {
    // Start from a settled state: nothing from earlier tests still on its way to assessments.
    expect(await until(assessmentsBacklog, (backlog) => backlog === 0, 30_000)).toBe(0);
    const statsBefore = await platformStatistics();
    const visitsBefore = await visitCount();
    const nats = pidOf('nats');
    // The same command line (users config, port, JetStream store) brings the same server back.
    const commandLine = readFileSync(`/proc/${nats}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const port = Number(commandLine[commandLine.indexOf('-p') + 1]);
    expect(port).toBeGreaterThan(0);

    const stoppedAt = performance.now();
    process.kill(nats, 'SIGTERM');
    try {
      await until(async () => alive(nats), (running) => !running, 15_000, 100);
      expect(alive(nats)).toBe(false);

      // Readiness means "can serve": every subgraph stays 200 and reports NATS as degraded.
      const ready = await until(everySubgraphReadiness, (all) => all.every((one) => one.body.details?.nats?.status === 'degraded'), 15_000);
      for (const one of ready) {
        expect({ name: one.name, status: one.status, nats: one.body.details?.nats?.status, degraded: one.body.degraded }).toEqual({
          name: one.name,
          status: 200,
          nats: 'degraded',
          degraded: expect.arrayContaining(['nats']),
        });
      }
      expect((await readiness(GATEWAY_BASE)).status).toBe(200);

      // Writes succeed: their events wait in the outbox.
      for (const n of [1, 2, 3]) expect(ok(await recordVisit(`NATS 停机期间走访 ${n} (${RUN})`)).recordVisit.visit.id).toBeTruthy();
      await reportAndVerifyCase();
      expect(await visitCount()).toBe(visitsBefore + 3);
      // Nothing reached assessments while NATS was away.
      expect(await platformStatistics()).toEqual(statsBefore);
      // Down for a while: the clients go through several reconnect attempts, the outbox relay through several polls.
      await sleep(Math.max(0, 5_000 - (performance.now() - stoppedAt)));
    } finally {
      await restartNats(commandLine, port);
      timings.natsOutage = performance.now() - stoppedAt;
    }

    const backAt = performance.now();
    const applied = await until(platformStatistics, (stats) => stats.visits >= statsBefore.visits + 3 && stats.casesFound >= statsBefore.casesFound + 1, 60_000);
    timings.natsEventsAppliedAfterRestart = performance.now() - backAt;
    expect(applied).toEqual({ visits: statsBefore.visits + 3, casesFound: statsBefore.casesFound + 1 });
    // Past the consumers' redelivery time (ack_wait 30 s) and the outbox relay's retries: still exactly once.
    await sleep(31_000);
    expect(await assessmentsBacklog()).toBe(0);
    expect(await platformStatistics()).toEqual({ visits: statsBefore.visits + 3, casesFound: statsBefore.casesFound + 1 });
    expect(await visitCount()).toBe(visitsBefore + 3);
    for (const one of await everySubgraphReadiness()) expect({ name: one.name, status: one.status, nats: one.body.details?.nats?.status }).toEqual({ name: one.name, status: 200, nats: 'up' });
  }, 150_000);

  it('issue 14 fault: Keycloak stopped longer than the key cache — held tokens still verify on the cached keys, readiness stays 200 with jwks degraded', async () => {
    // The test stack keeps keys JWKS_MAX_AGE_MS (5 s) and refetches at most every JWKS_COOLDOWN_MS (2 s,
    // tools/stack.sh): from 6 s into the outage every verifier tries to refresh its keys, fails, and must
    // go on with the ones it has (stale-if-error). The outage lasts 3 times the cache time.
    expect(JWKS_MAX_AGE_MS).toBeLessThanOrEqual(5_000);
    expect(JWKS_COOLDOWN_MS).toBeLessThan(JWKS_MAX_AGE_MS);
    const query = `{ grid(code: "${GRID}") { name households(first: 1) { totalCount } } cases(first: 1) { totalCount } }`;
    // Tokens fetched now and not used before the outage: no gateway or subgraph has verified them yet.
    // One after the other: Keycloak's brute-force detection refuses concurrent logins of one user
    // (user_temporarily_disabled, keycloak/keycloak#33527).
    const first = await freshToken('jianshe.admin');
    const second = await freshToken('jianshe.admin');
    const third = await freshToken('grid.worker');
    const expected = ok(await graphqlRequest<{ grid: { name: string } }>(GATEWAY_URL, query, { token: await freshToken('jianshe.admin') }));

    const stoppedAt = performance.now();
    let downAt = stoppedAt;
    try {
      timings.keycloakStop = (await timed(infra('stop', 'keycloak'))).ms;
      downAt = performance.now();
      await expect(freshToken('jianshe.admin')).rejects.toThrow();
      await sleep(Math.max(0, JWKS_MAX_AGE_MS + 1_000 - (performance.now() - downAt)));

      // Past the key cache: the keys' refresh fails, the cached keys keep verifying.
      expect(ok(await graphqlRequest(GATEWAY_URL, query, { token: first }))).toEqual(expected);
      const tampered = await graphqlRequest(GATEWAY_URL, query, { token: tamper(second) });
      expect(tampered.status).toBe(401);
      expect(errorCodes(tampered)).toEqual(['UNAUTHENTICATED']);

      const gateway = await readiness(GATEWAY_BASE);
      expect(gateway).toEqual({ status: 200, body: expect.objectContaining({ details: expect.objectContaining({ jwks: { status: 'degraded' } }), degraded: ['jwks'] }) });
      for (const one of await everySubgraphReadiness()) {
        expect({ name: one.name, status: one.status, jwks: one.body.details?.jwks?.status }).toEqual({ name: one.name, status: 200, jwks: 'degraded' });
      }

      // Three times the cache time into the outage, tokens never seen before still pass (gateway and subgraphs).
      await sleep(Math.max(0, 3 * JWKS_MAX_AGE_MS - (performance.now() - downAt)));
      expect(ok(await graphqlRequest(GATEWAY_URL, query, { token: second }))).toEqual(expected);
      const worker = await graphqlRequest<{ visits: { totalCount: number } }>(GATEWAY_URL, `{ visits(filter: { areaCode: "${GRID}" }) { totalCount } }`, { token: third });
      expect(ok(worker).visits.totalCount).toBeGreaterThan(0);
      timings.keycloakDownWhenChecked = performance.now() - downAt;
    } finally {
      const restarted = await timed(infra('up'));
      timings.keycloakRestart = restarted.ms;
      // Until a fresh token can be had again (the files after this one sign in).
      await until(
        () => freshToken('jianshe.admin').then(() => true, () => false),
        (got) => got,
        60_000,
        1_000,
      );
      timings.keycloakOutage = performance.now() - stoppedAt;
    }
    expect(ok(await graphqlRequest(GATEWAY_URL, query, { token: await freshToken('jianshe.admin') }))).toEqual(expected);
    const gateway = await readiness(GATEWAY_BASE);
    expect(gateway.body.details?.jwks).toEqual({ status: 'up' });
  }, 240_000);

  it('issue 14 fault: PostgreSQL restarted — fields answer SERVICE_UNAVAILABLE meanwhile, never hang; every service answers again without a restart; a write right after is applied once', async () => {
    ok(await asUser('jianshe.admin', EVERY_DATABASE));
    expect(await until(assessmentsBacklog, (backlog) => backlog === 0, 30_000)).toBe(0);
    const statsBefore = await platformStatistics();
    const visitsBefore = await visitCount();

    // A client querying all along, from before the stop until every service answers again: each answer
    // comes within the budget, and the only error it ever sees is SERVICE_UNAVAILABLE.
    const probes: Array<{ ms: number; codes: string[] }> = [];
    let probing = true;
    const probeLoop = (async () => {
      while (probing) {
        const probe = await timed(within(20_000, 'a query while PostgreSQL restarts', asUser('jianshe.admin', EVERY_DATABASE)));
        probes.push({ ms: probe.ms, codes: errorCodes(probe.value) });
        await sleep(100);
      }
    })();
    probeLoop.catch(() => undefined); // awaited below; a hang fails the test there

    const stoppedAt = performance.now();
    try {
      try {
        timings.postgresStop = (await timed(infra('stop', 'postgres'))).ms;
        const during = await timed(within(20_000, 'a query with PostgreSQL down', asUser<Record<string, unknown>>('jianshe.admin', EVERY_DATABASE)));
        timings.queryWhilePostgresDown = during.ms;
        expect(during.value.errors?.length).toBeGreaterThan(0);
        expect(new Set(errorCodes(during.value))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
        // Each subgraph names itself: the client knows whom to retry.
        const services = new Set((during.value.errors ?? []).map((error) => error.extensions?.serviceName));
        for (const name of ['organizations', 'grids', 'cases', 'volunteers', 'police']) expect(services).toContain(name);

        // A write refused with SERVICE_UNAVAILABLE (retryable) is not recorded, now or later.
        const refused = await within(20_000, 'a write with PostgreSQL down', recordVisit(`PostgreSQL 停机期间走访 (${RUN})`));
        expect(errorCodes(refused)).toEqual(['SERVICE_UNAVAILABLE']);

        // The gateway can still serve (other subgraphs, errors): it stays ready; the subgraphs cannot.
        expect((await readiness(GATEWAY_BASE)).status).toBe(200);
        for (const one of await everySubgraphReadiness()) expect({ name: one.name, status: one.status }).toEqual({ name: one.name, status: 503 });
      } finally {
        const started = await timed(infra('up'));
        timings.postgresStart = started.ms;
      }
      // Back without restarting any service: every subgraph reconnects on its own.
      const recovered = await timed(until(() => asUser('jianshe.admin', EVERY_DATABASE), (response) => !response.errors, 30_000));
      timings.postgresOutage = performance.now() - stoppedAt;
      timings.postgresRecovery = recovered.ms;
      ok(recovered.value);
      probing = false;
      await probeLoop;
    } finally {
      // The querying client stops whatever failed above: left running it would outlive the test (and the file).
      probing = false;
      await probeLoop.catch(() => undefined);
    }
    timings.postgresSlowestProbe = Math.max(...probes.map((probe) => probe.ms));
    counts.postgresProbes = probes.length;
    counts.postgresProbesWithErrors = probes.filter((probe) => probe.codes.length > 0).length;
    expect(probes.flatMap((probe) => probe.codes).filter((code) => code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(probes.some((probe) => probe.codes.length === 0)).toBe(true);
    const ready = await until(everySubgraphReadiness, (all) => all.every((one) => one.status === 200), 30_000);
    for (const one of ready) expect({ name: one.name, status: one.status }).toEqual({ name: one.name, status: 200 });

    // A write right after: recorded once, its event applied once.
    expect(ok(await recordVisit(`PostgreSQL 重启后走访 (${RUN})`)).recordVisit.visit.id).toBeTruthy();
    expect(await visitCount()).toBe(visitsBefore + 1);
    await until(platformStatistics, (stats) => stats.visits > statsBefore.visits, 30_000);
    expect(await until(assessmentsBacklog, (backlog) => backlog === 0, 30_000)).toBe(0);
    expect(await platformStatistics()).toEqual({ visits: statsBefore.visits + 1, casesFound: statsBefore.casesFound });
  }, 180_000);
});

/**
 * Starts the stack's nats-server again with its own command line, detached like tools/stack.sh does
 * (start_nats_server), and records its pid. The port may briefly be held by a closing connection: retry.
 */
async function restartNats(commandLine: string[], port: number): Promise<void> {
  const log = join(process.env.STACK_LOG_DIR ?? join(STATE, 'logs'), `${STACK_NAME}-nats.log`);
  for (let attempt = 1; attempt <= 6; attempt += 1) {
    const fd = openSync(log, 'a');
    const child = spawn(commandLine[0], commandLine.slice(1), { detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.unref();
    writeFileSync(join(RUN_DIR, 'nats.pid'), String(child.pid));
    const up = await until(() => portOpen(port), (open) => open || !alive(child.pid!), 10_000, 100);
    if (up) return;
    await sleep(5_000);
  }
  throw new Error(`nats-server did not start again on port ${port} (log: ${log})`);
}

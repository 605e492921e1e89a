// Issue 14, "Must show": normal grid-dashboard traffic, first alone (phase quiet), then the same traffic
// while abusive clients hit the gateway (phase abuse): anonymous alias floods, deep and costly queries
// with a token, unregistered documents, and password guessing at Keycloak. Prints normal traffic's p95
// in both phases (target: abuse p95 within 1.5× of quiet) and how much of each abuse got through.
// Not a bench ladder scenario (no `// bench:` line): run it on its own against a stack in production
// mode (deploy/, or NODE_ENV=production with the limits' defaults):
//
//   .lianxin/tools/bin/k6 run -e GRAPHQL_URL=http://127.0.0.1:4000/graphql test/load/abuse-mix.js
//
// Every request names its client in X-Forwarded-For (normal users 10.1.x.1, each abuse its own 203.0.113.x):
// start the gateway with GATEWAY_TRUST_PROXY=loopback so that the per-address limit sees them as the
// different clients they stand for, and not as one address (k6's).
//
// Settings: NORMAL_RATE (25/s), PHASE (30s each), ABUSE_RATE (per abuse kind, 20/s), USERS (normal
// traffic's users), ABUSE_USER (the token abusive requests carry, grid.worker), GUESSED_USER (whose
// password the brute force guesses, by default a user that does not exist), and for trying the script
// against another schema NORMAL_QUERY (a query with no variables; skips the grid discovery).
import http from 'k6/http';
import { Counter, Trend } from 'k6/metrics';
import { areaCodeOf, gridCodesInScope, spread } from './lib/areas.js';
import { fetchToken, setupTokens, vuToken } from './lib/auth.js';
import { GRAPHQL_URL, KEYCLOAK_CLIENT_ID, KEYCLOAK_REALM, KEYCLOAK_URL } from './lib/config.js';

const NORMAL_RATE = Number(__ENV.NORMAL_RATE || 25);
const ABUSE_RATE = Number(__ENV.ABUSE_RATE || 20);
const PHASE = __ENV.PHASE || '30s';
const USERS = (__ENV.USERS || 'county.admin,jianshe.admin,village.admin').split(',');
const ABUSE_USER = __ENV.ABUSE_USER || 'grid.worker';
const NORMAL_QUERY = __ENV.NORMAL_QUERY || '';
/** Whose password is guessed: by default nobody's (Keycloak's brute-force detection would lock a demo user other tests log in as). */
const GUESSED_USER = __ENV.GUESSED_USER || 'no.such.user';

const GRID_DASHBOARD = `query GridDashboard($code: String!) {
  grid(code: $code) {
    code name kind householdCount
    village { code name parent { code name } }
    staff { role name loadStatus person { name } }
    population { total registered floating away byTag { tag { code nameZh } count } }
    openCases(first: 10) { totalCount edges { node { number title status level overdue dueAt reporter { name } } } }
  }
}`;

const ABUSE = {
  // The finding: no token, 200 aliases of __schema.
  alias_flood: { token: false, body: { query: `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: __schema { types { fields { name } } }`).join(' ')} }` } },
  // Page sizes as variables, three levels deep: 100 × 100 × 100 areas.
  costly: {
    token: true,
    body: {
      query:
        'query Costly($n: Int) { areas(first: $n) { edges { node { children(first: $n) { edges { node { children(first: $n) { edges { node { code name } } } } } } } } } }',
      variables: { n: 100 },
    },
  },
  deep: { token: true, body: { query: `{ areas(first: 1) { edges { node { ${'parent { '.repeat(14)}code${' }'.repeat(14)} } } } }` } },
  // A document the client registry does not know (allowed only where arbitrary documents are).
  unregistered: { token: true, body: { query: '{ areas(first: 100) { totalCount edges { node { code name level parentCode } } } }' } },
};

const normalDuration = new Trend('normal_duration', true);
const normalFailed = new Counter('normal_failed');
const abuseSent = new Counter('abuse_sent');
const abuseThrough = new Counter('abuse_through');

function constant(rate, startTime, exec, tags) {
  return { executor: 'constant-arrival-rate', rate, timeUnit: '1s', duration: PHASE, startTime, preAllocatedVUs: 20, maxVUs: 200, exec, tags, gracefulStop: '5s' };
}

const scenarios = {
  normal_quiet: constant(NORMAL_RATE, '0s', 'normal', { phase: 'quiet' }),
  normal_abuse: constant(NORMAL_RATE, PHASE, 'normal', { phase: 'abuse' }),
  brute_force: constant(Math.max(1, Math.round(ABUSE_RATE / 4)), PHASE, 'bruteForce', { abuse: 'brute_force' }),
};
for (const kind of Object.keys(ABUSE)) scenarios[`abuse_${kind}`] = { ...constant(ABUSE_RATE, PHASE, 'abuse', { abuse: kind }), env: { ABUSE_KIND: kind } };

export const options = {
  scenarios,
  // Thresholds make k6 keep the per-phase and per-kind sub-metrics for the summary.
  thresholds: {
    'normal_duration{phase:quiet}': ['p(95)>=0'],
    'normal_duration{phase:abuse}': ['p(95)>=0'],
    ...Object.fromEntries(['brute_force', ...Object.keys(ABUSE)].flatMap((kind) => [[`abuse_sent{abuse:${kind}}`, ['count>=0']], [`abuse_through{abuse:${kind}}`, ['count>=0']]])),
  },
  summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)', 'max'],
  setupTimeout: '120s',
};

export function setup() {
  const tokens = setupTokens(USERS);
  const gridsByUser = {};
  if (!NORMAL_QUERY) {
    for (const { username, token } of tokens) gridsByUser[username] = spread(gridCodesInScope(token, areaCodeOf(token)), 400);
  }
  return { tokens, gridsByUser, abuseToken: fetchToken(ABUSE_USER).token };
}

function post(body, token, tags, client) {
  const headers = { 'Content-Type': 'application/json', 'X-Forwarded-For': client };
  if (token) headers.Authorization = `Bearer ${token}`;
  return http.post(GRAPHQL_URL, JSON.stringify(body), { headers, tags, timeout: '30s', responseCallback: http.expectedStatuses({ min: 200, max: 599 }) });
}

function answered(response) {
  try {
    const body = response.json();
    return response.status === 200 && body && body.data && !(body.errors && body.errors.length);
  } catch {
    return false;
  }
}

export function normal(data) {
  const token = vuToken(data.tokens);
  let body;
  if (NORMAL_QUERY) {
    body = { query: NORMAL_QUERY };
  } else {
    const codes = data.gridsByUser[data.tokens[(__VU - 1) % data.tokens.length].username];
    body = { query: GRID_DASHBOARD, variables: { code: codes[Math.floor(Math.random() * codes.length)] } };
  }
  const response = post(body, token, { kind: 'normal' }, `10.1.${__VU % 250}.1`);
  normalDuration.add(response.timings.duration);
  if (!answered(response)) normalFailed.add(1);
}

export function abuse(data) {
  const kind = __ENV.ABUSE_KIND;
  const spec = ABUSE[kind];
  const response = post(spec.body, spec.token ? data.abuseToken : undefined, { kind: 'abuse', abuse: kind }, `203.0.113.${Object.keys(ABUSE).indexOf(kind) + 1}`);
  abuseSent.add(1, { abuse: kind });
  if (answered(response)) abuseThrough.add(1, { abuse: kind });
}

export function bruteForce() {
  const response = http.post(
    `${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}/protocol/openid-connect/token`,
    { grant_type: 'password', client_id: KEYCLOAK_CLIENT_ID, username: GUESSED_USER, password: `guess-${Math.random()}` },
    { tags: { kind: 'abuse', abuse: 'brute_force' }, timeout: '30s', responseCallback: http.expectedStatuses({ min: 200, max: 599 }) },
  );
  abuseSent.add(1, { abuse: 'brute_force' });
  if (response.status === 200) abuseThrough.add(1, { abuse: 'brute_force' });
}

function sub(data, name) {
  const metric = data.metrics[name];
  return metric ? metric.values : undefined;
}

export function handleSummary(data) {
  const quiet = sub(data, 'normal_duration{phase:quiet}');
  const loud = sub(data, 'normal_duration{phase:abuse}');
  const lines = ['', 'abuse mix (issue 14)'];
  const p95 = (values) => (values ? values['p(95)'] : NaN);
  lines.push(`  normal traffic p95: quiet ${p95(quiet).toFixed(1)} ms, under abuse ${p95(loud).toFixed(1)} ms (${(p95(loud) / p95(quiet)).toFixed(2)}×, target ≤ 1.5×)`);
  lines.push(`  normal requests not answered: ${sub(data, 'normal_failed')?.count ?? 0}`);
  const result = { quietP95Ms: p95(quiet), abuseP95Ms: p95(loud), ratio: p95(loud) / p95(quiet), normalFailed: sub(data, 'normal_failed')?.count ?? 0, abuse: {} };
  for (const kind of ['brute_force', ...Object.keys(ABUSE)]) {
    const sent = sub(data, `abuse_sent{abuse:${kind}}`)?.count ?? 0;
    const through = sub(data, `abuse_through{abuse:${kind}}`)?.count ?? 0;
    result.abuse[kind] = { sent, through };
    lines.push(`  ${kind.padEnd(14)} sent ${String(sent).padStart(6)}, got through ${through}`);
  }
  return { stdout: `${lines.join('\n')}\n`, [__ENV.SUMMARY_FILE || '.lianxin/bench/abuse-mix.json']: JSON.stringify(result, null, 2) };
}

// POSTs a GraphQL operation and checks it: HTTP 200, a JSON body, no `errors`, and whatever the
// scenario adds. Requests are tagged kind=graphql (and name=<operation>) so thresholds and the
// summary count only them, never setup's token requests.
import http from 'k6/http';
import { check } from 'k6';
import { Counter, Gauge } from 'k6/metrics';
import { GRAPHQL_URL } from './config.js';

/** Responses with an `errors` array (any HTTP status). */
export const graphqlErrors = new Counter('graphql_errors');
/**
 * Epoch ms of every load request: its min and max are when the load really ran, so the bench
 * measures CPU over that window and not over setup() (Keycloak logins, discovery) or teardown.
 */
export const loadRequestAt = new Gauge('load_request_at');

let loggedErrors = 0;

const RUN_ID = Math.random().toString(36).slice(2, 10);
/** REQUEST_IDS=0 leaves X-Request-Id out (to see Hive Gateway's in-flight de-duplication at work). */
const SEND_REQUEST_IDS = __ENV.REQUEST_IDS !== '0';
let sent = 0;

/** The name of the query's first operation (`query AreaTree(…)` → AreaTree). */
function operationName(query) {
  const match = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query);
  return match ? match[1] : undefined;
}

/**
 * @param {string} query
 * @param {Record<string, unknown>} variables
 * @param {{ token?: string, name?: string, kind?: string, url?: string, timeout?: string, expect?: (data: any) => boolean, expectLabel?: string }} options
 *   name tags the request (default: the operation's name); kind=graphql (default) is what the results
 *   count, so setup() probes pass another kind.
 * @returns {any} the `data` of the response (null when the request failed)
 */
export function graphql(query, variables, options = {}) {
  const opName = operationName(query);
  const name = options.name || opName || 'anonymous';
  // A unique x-request-id per request, as an ingress or a browser client would send; both gateways
  // forward it, so neither can merge concurrent identical requests of one user into one subgraph call.
  const headers = { 'Content-Type': 'application/json' };
  if (SEND_REQUEST_IDS) headers['X-Request-Id'] = `k6-${RUN_ID}-${__VU}-${++sent}`;
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const kind = options.kind || 'graphql';
  const response = http.post(options.url || GRAPHQL_URL, JSON.stringify({ query, variables, operationName: opName }), {
    headers,
    tags: { kind, name },
    timeout: options.timeout || '10s',
  });
  let body = null;
  try {
    body = response.json();
  } catch {
    body = null;
  }
  const errors = body && Array.isArray(body.errors) ? body.errors : null;
  if (kind !== 'graphql') return body ? body.data : null; // setup probes: the caller decides
  loadRequestAt.add(Date.now());
  if (errors) graphqlErrors.add(1, { name });
  if ((errors || response.status !== 200) && loggedErrors < 3) {
    loggedErrors++; // a few per VU are enough to see what went wrong
    console.warn(`${name}: HTTP ${response.status} ${errors ? JSON.stringify(errors[0]).slice(0, 300) : String(response.body).slice(0, 300)}`);
  }
  const checks = {
    'status is 200': () => response.status === 200,
    'no GraphQL errors': () => body !== null && !errors && body.data != null,
  };
  if (options.expect) checks[options.expectLabel || 'expected data'] = () => !!body && !!body.data && options.expect(body.data);
  check(response, checks, { kind, name });
  return body ? body.data : null;
}

/** Names of the query fields of the schema at `url` (our gateway needs no token for this; Hive Gateway does). */
export function queryFieldNames(token, url = GRAPHQL_URL) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = http.post(url, JSON.stringify({ query: '{ __schema { queryType { fields { name } } } }' }), {
    headers,
    tags: { kind: 'setup', name: 'introspection' },
    timeout: '10s',
  });
  if (response.status !== 200) throw new Error(`introspection of ${url} failed: HTTP ${response.status}`);
  return response.json('data.__schema.queryType.fields').map((field) => field.name);
}

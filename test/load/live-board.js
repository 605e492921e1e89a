// Live board load (issue 16): N subscribers of the case board spread over the county's townships, while the
// case write path runs (test/load/case-write.js at RATE=50 transitions/s, started beside it by k6).
//
// A small Node driver, not k6: one k6 VU per held connection costs megabytes each (2,000 connections would
// not fit beside the stack on this machine), while one Node process holds thousands of streams. It speaks
// graphql-ws (PROTOCOL=ws, default) or graphql-sse (PROTOCOL=sse, fetch with a streaming body).
//
//   node test/load/live-board.js            (env below; prints one JSON line with the numbers)
//
//   GRAPHQL_URL   the gateway (default http://127.0.0.1:4000/graphql)
//   N             subscribers (default 500), spread round-robin over the townships of USERS' scope
//   USERS         whose tokens subscribe (default county.admin,jianshe.admin,xinjia.admin,qixing.admin): each
//                 subscriber uses one; county.admin's subscribers watch one township each (areaCode)
//   DISTINCT_USERS  instead of USERS: this many township admins of their own (Keycloak users load.live.NNN,
//                 created or overwritten through the admin API, spread over the townships), N/DISTINCT_USERS
//                 subscribers each — many users of one visibility class, as a county's real boards are
//   SELECTION     board (default: case { id number status level grid { code name } reporter { name } }, the
//                 reporter is a Person: resolved per user) | shared (the same without reporter: every field
//                 answers alike per role and area, so one resolution per event and visibility class)
//   DURATION      seconds to measure after every subscriber is connected (default 60)
//   PROTOCOL      ws | sse
//   CLIENT        lean (default: graphql-transport-ws on a plain ws socket, occurredAt read from the text) |
//                 graphql-ws (the client library, every message parsed: the driver of the first measurements)
//   KEYCLOAK_URL, KEYCLOAK_REALM (lianxin), password lianxin-demo, client lianxin-dev
//
// Event-to-client latency = arrival at the client − the event's occurredAt (the transition's commit in
// cases): outbox relay, JetStream, the gateway's fan-out and the payload's resolution through the graph.
// The gateway's own numbers come from its /metrics before and after (process CPU seconds, resident memory,
// gateway_live_fanout_lag_seconds, events in/out, slow clients dropped).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const GRAPHQL_URL = process.env.GRAPHQL_URL ?? 'http://127.0.0.1:4000/graphql';
const BASE = GRAPHQL_URL.replace(/\/graphql$/, '');
const N = Number(process.env.N ?? 500);
const DURATION = Number(process.env.DURATION ?? 60);
const PROTOCOL = process.env.PROTOCOL ?? 'ws';
const USERS = (process.env.USERS ?? 'county.admin,jianshe.admin,xinjia.admin,qixing.admin').split(',');
const KEYCLOAK_URL = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:58080';
const REALM = process.env.KEYCLOAK_REALM ?? 'lianxin';

const DISTINCT_USERS = Number(process.env.DISTINCT_USERS ?? 0);
const SELECTION = process.env.SELECTION ?? 'board';
const QUERY = `subscription LiveBoardLoad($areaCode: String) {
  caseBoard(areaCode: $areaCode) { cursor event occurredAt case { id number status level grid { code name } ${SELECTION === 'shared' ? '' : 'reporter { name }'} } }
}`;

/** Township admins of their own for the load (Keycloak partial import, overwriting earlier copies); their usernames. */
async function ensureDistinctUsers(count, townshipCodes) {
  const admin = await fetch(`${KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: process.env.KEYCLOAK_ADMIN_USER ?? 'admin', password: process.env.KEYCLOAK_ADMIN_PASSWORD ?? 'admin' }),
  });
  if (!admin.ok) throw new Error(`Keycloak admin login: ${admin.status}`);
  const users = Array.from({ length: count }, (_, index) => ({
    username: `load.live.${String(index + 1).padStart(3, '0')}`,
    enabled: true,
    emailVerified: true,
    email: `load.live.${index + 1}@load.lianxin.local`,
    firstName: 'Load',
    lastName: `Live ${index + 1}`,
    attributes: { area_code: [townshipCodes[index % townshipCodes.length]] },
    credentials: [{ type: 'password', value: 'lianxin-demo', temporary: false }],
    requiredActions: [],
    realmRoles: ['township-admin'],
  }));
  const response = await fetch(`${KEYCLOAK_URL}/admin/realms/${REALM}/partialImport`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${(await admin.json()).access_token}` },
    body: JSON.stringify({ ifResourceExists: 'OVERWRITE', users }),
  });
  if (!response.ok) throw new Error(`Keycloak partial import of ${count} users: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return users.map((user) => user.username);
}

async function token(username) {
  const response = await fetch(`${KEYCLOAK_URL}/realms/${REALM}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'lianxin-dev', username, password: 'lianxin-demo', scope: 'openid' }),
  });
  if (!response.ok) throw new Error(`token for ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()).access_token;
}

function claims(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

async function townships(jwt) {
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ query: 'query ($code: String!) { area(code: $code) { children(first: 100) { edges { node { code } } } } }', variables: { code: claims(jwt).area_code } }),
  });
  const body = await response.json();
  return body.data.area.children.edges.map((edge) => edge.node.code);
}

async function metrics() {
  const text = await (await fetch(`${BASE}/metrics`)).text();
  const sum = (name, labels = '') => [...text.matchAll(new RegExp(`^${name}(\\{[^}]*${labels}[^}]*\\})? ([0-9.e+-]+)$`, 'gm'))].reduce((total, match) => total + Number(match[2]), 0);
  const histogram = (name) => {
    const buckets = [...text.matchAll(new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} ([0-9.e+-]+)$`, 'gm'))].map((match) => [match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[2])]);
    const counts = new Map();
    for (const [le, count] of buckets) counts.set(le, (counts.get(le) ?? 0) + count);
    return counts;
  };
  return {
    cpu: sum('process_cpu_seconds_total'),
    rss: sum('process_resident_memory_bytes'),
    heap: sum('nodejs_heap_size_used_bytes'),
    connections: sum('gateway_live_connections'),
    eventsIn: sum('gateway_live_events_in_total'),
    eventsOut: sum('gateway_live_events_out_total'),
    slowDropped: sum('gateway_live_subscriptions_ended_total', 'reason="slow-consumer"'),
    resolves: sum('gateway_live_resolves_total', 'shared="false"'),
    capErrors: sum('gateway_live_cap_store_errors_total'),
    eventLoopLagP99: sum('nodejs_eventloop_lag_p99_seconds'),
    lag: histogram('gateway_live_fanout_lag_seconds'),
    feedLag: histogram('gateway_live_feed_lag_seconds'),
    resolve: histogram('gateway_live_resolve_seconds'),
  };
}

function quantileFromBuckets(before, after, q, name = 'lag') {
  const deltas = [...after[name].entries()].map(([le, count]) => [le, count - (before[name].get(le) ?? 0)]).sort((a, b) => a[0] - b[0]);
  const total = deltas.at(-1)?.[1] ?? 0;
  if (total === 0) return null;
  const found = deltas.find(([, count]) => count >= q * total);
  return found ? found[0] * 1000 : null;
}

function percentile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
}

const latencies = [];
let received = 0;
let ended = 0;
let errors = 0;
let firstError;
let measuring = false;

/**
 * One message as the gateway sent it: the driver reads `occurredAt` out of the text instead of parsing every
 * message (one Node process reads thousands of messages a second: a full parse would make the driver, not
 * the gateway, the bottleneck of the latency it reports).
 */
function onMessage(text) {
  if (text.includes('"errors"')) {
    errors += 1;
    firstError ??= text.slice(0, 400);
    return;
  }
  const at = text.indexOf('"occurredAt":"');
  if (at < 0) return;
  received += 1;
  if (measuring) latencies.push(Date.now() - Date.parse(text.slice(at + 14, at + 38)));
}

function onParsed(payload) {
  if (payload.errors) {
    errors += 1;
    return;
  }
  received += 1;
  const change = payload.data?.caseBoard;
  if (measuring && change) latencies.push(Date.now() - Date.parse(change.occurredAt));
}

/** The graphql-ws client library (CLIENT=graphql-ws: how the driver read before; every message parsed). */
function subscribeGraphqlWs(jwt, variables) {
  const client = createClient({ url: `${BASE.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${jwt}` }, retryAttempts: 0, lazy: false });
  return new Promise((resolve) => {
    let opened = false;
    client.on('connected', () => {
      opened = true;
      resolve(() => client.dispose());
    });
    client.subscribe(
      { query: QUERY, variables },
      { next: onParsed, error: () => ((ended += 1), opened || resolve(() => client.dispose())), complete: () => (ended += 1) },
    );
  });
}

/** graphql-ws (graphql-transport-ws) spoken directly on a `ws` socket: connection_init, subscribe, next… */
function subscribeWs(jwt, variables) {
  if (process.env.CLIENT === 'graphql-ws') return subscribeGraphqlWs(jwt, variables);
  return new Promise((resolve) => {
    const socket = new WebSocket(`${BASE.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    let acknowledged = false;
    const close = () => socket.close(1000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${jwt}` } })));
    socket.on('message', (data) => {
      const text = data.toString();
      if (!acknowledged) {
        if (!text.includes('"connection_ack"')) return;
        acknowledged = true;
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY, variables } }));
        resolve(close);
        return;
      }
      if (text.startsWith('{"id":"1","type":"next"')) onMessage(text);
      else if (text.includes('"type":"error"')) errors += 1;
      else if (text.includes('"type":"complete"')) ended += 1;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (!acknowledged) {
        errors += 1;
        resolve(() => undefined);
      }
    });
  });
}

async function subscribeSse(jwt, variables) {
  const abort = new AbortController();
  const response = await fetch(`${BASE}/graphql/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ query: QUERY, variables }),
    signal: abort.signal,
  });
  if (!response.ok) {
    errors += 1;
    return () => abort.abort();
  }
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (block.startsWith('event: next') && data) onMessage(data.slice(6));
        }
      }
    } catch {
      // aborted at the end
    }
    ended += 1;
  })();
  return () => abort.abort();
}

async function main() {
  let users = USERS;
  if (DISTINCT_USERS > 0) users = await ensureDistinctUsers(DISTINCT_USERS, await townships(await token('county.admin')));
  const tokens = [];
  for (let index = 0; index < users.length; index += 20) tokens.push(...(await Promise.all(users.slice(index, index + 20).map((user) => token(user)))));
  // Each subscriber: a user and, for a user above township level, one of its townships (round-robin).
  const plans = [];
  for (const jwt of tokens) {
    const areaCode = claims(jwt).area_code;
    const areas = areaCode.length < 9 ? await townships(jwt) : [areaCode];
    plans.push(...areas.map((area) => ({ jwt, variables: area === areaCode ? {} : { areaCode: area } })));
  }
  const before = await metrics();
  const started = Date.now();
  const closers = [];
  for (let index = 0; index < N; index += 1) {
    const plan = plans[index % plans.length];
    closers.push(PROTOCOL === 'sse' ? subscribeSse(plan.jwt, plan.variables) : subscribeWs(plan.jwt, plan.variables));
    if (index % 50 === 49) await Promise.all(closers.slice(-50));
  }
  const close = await Promise.all(closers);
  const connectSeconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const connected = await metrics();
  measuring = true;
  const window = Date.now();
  // The gateway's memory every 30 s: growth that does not level off would show here.
  const memory = [];
  const sampler = setInterval(() => {
    void metrics().then((sample) => memory.push({ s: Math.round((Date.now() - window) / 1000), rss_mb: Math.round(sample.rss / 1048576), heap_mb: Math.round(sample.heap / 1048576) }));
  }, 30_000);
  await new Promise((resolve) => setTimeout(resolve, DURATION * 1000));
  clearInterval(sampler);
  measuring = false;
  const after = await metrics();
  const seconds = (Date.now() - window) / 1000;
  for (const stop of close) stop();
  console.log(
    JSON.stringify({
      protocol: PROTOCOL,
      subscribers: N,
      plans: plans.length,
      users: users.length,
      selection: SELECTION,
      connect_seconds: connectSeconds,
      measured_seconds: Math.round(seconds),
      gateway_connections: connected.connections,
      events_in_per_s: Math.round((after.eventsIn - connected.eventsIn) / seconds),
      events_out_per_s: Math.round((after.eventsOut - connected.eventsOut) / seconds),
      resolves_per_s: Math.round((after.resolves - connected.resolves) / seconds),
      client_events: latencies.length,
      client_events_total: received,
      client_latency_p50_ms: percentile(latencies, 0.5),
      client_latency_p99_ms: percentile(latencies, 0.99),
      client_latency_max_ms: percentile(latencies, 1),
      gateway_fanout_lag_p50_ms_le: quantileFromBuckets(connected, after, 0.5),
      gateway_fanout_lag_p99_ms_le: quantileFromBuckets(connected, after, 0.99),
      gateway_feed_lag_p50_ms_le: quantileFromBuckets(connected, after, 0.5, 'feedLag'),
      gateway_feed_lag_p99_ms_le: quantileFromBuckets(connected, after, 0.99, 'feedLag'),
      gateway_resolve_p50_ms_le: quantileFromBuckets(connected, after, 0.5, 'resolve'),
      gateway_resolve_p99_ms_le: quantileFromBuckets(connected, after, 0.99, 'resolve'),
      gateway_event_loop_lag_p99_ms_end: Math.round(after.eventLoopLagP99 * 1000),
      gateway_cpu_percent: Math.round(((after.cpu - connected.cpu) / seconds) * 100),
      gateway_rss_mb_before: Math.round(before.rss / 1048576),
      gateway_rss_mb_connected: Math.round(connected.rss / 1048576),
      gateway_rss_mb_end: Math.round(after.rss / 1048576),
      gateway_rss_kb_per_connection: Math.round((connected.rss - before.rss) / 1024 / N),
      gateway_heap_kb_per_connection: Math.round((connected.heap - before.heap) / 1024 / N),
      gateway_memory_every_30s: memory,
      slow_clients_dropped: after.slowDropped - before.slowDropped,
      cap_store_errors: after.capErrors - before.capErrors,
      streams_ended: ended,
      errors,
      first_error: firstError,
    }),
  );
  process.exit(0);
}

await main();

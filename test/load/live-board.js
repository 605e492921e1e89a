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
//   DURATION      seconds to measure after every subscriber is connected (default 60)
//   PROTOCOL      ws | sse
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

const QUERY = `subscription LiveBoardLoad($areaCode: String) {
  caseBoard(areaCode: $areaCode) { cursor event occurredAt case { id number status level grid { code name } reporter { name } } }
}`;

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
  const buckets = [...text.matchAll(/^gateway_live_fanout_lag_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} ([0-9.e+-]+)$/gm)].map((match) => [match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[2])]);
  const lag = new Map();
  for (const [le, count] of buckets) lag.set(le, (lag.get(le) ?? 0) + count);
  return {
    cpu: sum('process_cpu_seconds_total'),
    rss: sum('process_resident_memory_bytes'),
    heap: sum('nodejs_heap_size_used_bytes'),
    connections: sum('gateway_live_connections'),
    eventsIn: sum('gateway_live_events_in_total'),
    eventsOut: sum('gateway_live_events_out_total'),
    slowDropped: sum('gateway_live_subscriptions_ended_total', 'reason="slow-consumer"'),
    resolves: sum('gateway_live_resolves_total', 'shared="false"'),
    lag,
  };
}

function quantileFromBuckets(before, after, q) {
  const deltas = [...after.lag.entries()].map(([le, count]) => [le, count - (before.lag.get(le) ?? 0)]).sort((a, b) => a[0] - b[0]);
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
let measuring = false;

function onPayload(payload) {
  if (payload.errors) {
    errors += 1;
    return;
  }
  received += 1;
  const change = payload.data?.caseBoard;
  if (measuring && change) latencies.push(Date.now() - Date.parse(change.occurredAt));
}

function subscribeWs(jwt, variables) {
  const client = createClient({ url: `${BASE.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${jwt}` }, retryAttempts: 0, lazy: false });
  return new Promise((resolve) => {
    let opened = false;
    client.on('connected', () => {
      opened = true;
      resolve(() => client.dispose());
    });
    client.subscribe({ query: QUERY, variables }, { next: onPayload, error: () => ((ended += 1), opened || resolve(() => client.dispose())), complete: () => (ended += 1) });
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
          if (block.startsWith('event: next') && data) onPayload(JSON.parse(data.slice(6)));
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
  const tokens = await Promise.all(USERS.map((user) => token(user)));
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
      gateway_cpu_percent: Math.round(((after.cpu - connected.cpu) / seconds) * 100),
      gateway_rss_mb_before: Math.round(before.rss / 1048576),
      gateway_rss_mb_connected: Math.round(connected.rss / 1048576),
      gateway_rss_mb_end: Math.round(after.rss / 1048576),
      gateway_rss_kb_per_connection: Math.round((connected.rss - before.rss) / 1024 / N),
      gateway_heap_kb_per_connection: Math.round((connected.heap - before.heap) / 1024 / N),
      gateway_memory_every_30s: memory,
      slow_clients_dropped: after.slowDropped - before.slowDropped,
      streams_ended: ended,
      errors,
    }),
  );
  process.exit(0);
}

await main();

// What every scenario shares: the executor (one constant-arrival-rate step, or a one-iteration
// probe), the thresholds, and handleSummary writing a compact JSON summary under .lianxin/bench/.
//
// A scenario file is then only its query, its users and its checks:
//
//   export const options = loadOptions();
//   export function setup() { return { tokens: setupTokens(['county.admin']) }; }
//   export default function (data) { graphql(QUERY, VARIABLES, { token: vuToken(data.tokens), name: 'X' }); }
//   export const handleSummary = summaryHandler('my-scenario');
import { DURATION, GRAPHQL_URL, MAX_VUS, P95_MS, PRE_VUS, PROBE, RATE, SUMMARY_DIR, SUMMARY_FILE, TARGET, durationSeconds } from './config.js';

const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'];

/** Thresholds a step must meet to count as sustained (bench.sh also requires the achieved rate). */
export function thresholds() {
  return {
    'http_req_duration{kind:graphql}': [`p(95)<${P95_MS}`],
    'http_req_failed{kind:graphql}': ['rate==0'],
    'checks{kind:graphql}': ['rate==1'],
    'http_reqs{kind:graphql}': ['count>0'],
    graphql_errors: ['count==0'],
  };
}

/**
 * `extraThresholds`: the scenario's own, e.g. { event_lag_p99_ms: ['value<500'] }.
 * `requestsPerIteration`: for scenarios whose iteration is a fixed sequence of requests (a case's
 * whole loop): RATE stays in requests per second, the iterations start RATE / n times a second.
 */
export function loadOptions({ extraThresholds = {}, requestsPerIteration = 1 } = {}) {
  const scenarios = PROBE
    ? { probe: { executor: 'shared-iterations', vus: 1, iterations: 1, maxDuration: '30s' } }
    : {
        load: {
          executor: 'constant-arrival-rate',
          rate: RATE,
          timeUnit: `${requestsPerIteration}s`,
          duration: DURATION,
          preAllocatedVUs: Math.min(PRE_VUS, MAX_VUS),
          maxVUs: MAX_VUS,
          gracefulStop: '5s',
        },
      };
  return {
    scenarios,
    thresholds: { ...thresholds(), ...extraThresholds },
    summaryTrendStats: TREND_STATS,
    setupTimeout: '60s',
  };
}

function metricValues(data, name) {
  const metric = data.metrics[name];
  return metric ? metric.values : undefined;
}

function thresholdResults(data) {
  const results = {};
  for (const [name, metric] of Object.entries(data.metrics)) {
    if (!metric.thresholds) continue;
    for (const [expression, result] of Object.entries(metric.thresholds)) results[`${name}: ${expression}`] = result.ok;
  }
  return results;
}

/** setup() data without secrets (tokens never reach the disk) and without bulk working data (keys starting with "_"). */
function publicSetupData(setupData) {
  if (!setupData || typeof setupData !== 'object') return null;
  const copy = {};
  for (const [key, value] of Object.entries(setupData)) {
    if (key === 'tokens') copy.users = Array.isArray(value) ? value.map((token) => token.username) : [];
    else if (!key.startsWith('_')) copy[key] = value;
  }
  return copy;
}

function round(value, digits = 2) {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : null;
}

/** The compact result of one run (one target at one rate), as bench.ts reads it; `extras` are scenario metrics to keep. */
export function summarize(scenario, data, extras = []) {
  const duration = metricValues(data, 'http_req_duration{kind:graphql}') || {};
  const requests = metricValues(data, 'http_reqs{kind:graphql}') || { count: 0 };
  const failed = metricValues(data, 'http_req_failed{kind:graphql}') || {};
  const checks = metricValues(data, 'checks{kind:graphql}') || {};
  const errors = metricValues(data, 'graphql_errors') || { count: 0 };
  const dropped = metricValues(data, 'dropped_iterations') || { count: 0 };
  const vusMax = metricValues(data, 'vus_max') || {};
  const seconds = PROBE ? null : durationSeconds(DURATION);
  const failedRequests = Math.round((failed.rate || 0) * requests.count);
  return {
    scenario,
    target: TARGET,
    url: GRAPHQL_URL,
    probe: PROBE,
    rate: PROBE ? null : RATE,
    durationS: seconds,
    setup: publicSetupData(data.setup_data),
    requests: requests.count,
    achievedRps: seconds ? round(requests.count / seconds, 1) : null,
    droppedIterations: dropped.count || 0,
    failedRequests,
    graphqlErrors: errors.count || 0,
    checksPassRate: round(checks.rate, 4),
    latencyMs: {
      avg: round(duration.avg),
      min: round(duration.min),
      p50: round(duration.med),
      p90: round(duration['p(90)']),
      p95: round(duration['p(95)']),
      p99: round(duration['p(99)']),
      max: round(duration.max),
    },
    vusMax: vusMax.value || vusMax.max || null,
    thresholds: thresholdResults(data),
    thresholdsOk: Object.values(thresholdResults(data)).every(Boolean),
    runDurationMs: round(data.state.testRunDurationMs, 0),
    loadWindow: loadWindow(data),
    extras: Object.fromEntries(extras.filter((name) => data.metrics[name]).map((name) => [name, roundValues(metricValues(data, name))])),
  };
}

/** Epoch ms of the first and last load request (null without any). */
function loadWindow(data) {
  const at = metricValues(data, 'load_request_at');
  return at && at.min > 0 ? { from: at.min, to: at.max } : null;
}

function roundValues(values) {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value)]));
}

function extrasText(extras) {
  const parts = Object.entries(extras || {}).map(([name, values]) => {
    const shown = 'value' in values ? values.value : 'count' in values ? `${values.count} (${values.rate}/s)` : 'p(95)' in values ? `p95 ${values['p(95)']}` : JSON.stringify(values);
    return `${name} ${shown}`;
  });
  return parts.length ? `; ${parts.join(', ')}` : '';
}

function line(result) {
  if (result.setup && result.setup.skip) return `[${result.scenario}] skipped: ${result.setup.skip}\n`;
  const l = result.latencyMs;
  const rate = result.probe ? 'probe' : `${result.rate}/s → ${result.achievedRps}/s`;
  return (
    `[${result.scenario} @ ${result.target}] ${rate}: ${result.requests} requests, p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, ` +
    `errors ${result.failedRequests + result.graphqlErrors}, dropped ${result.droppedIterations}, thresholds ${result.thresholdsOk ? 'ok' : 'crossed'}` +
    `${extrasText(result.extras)}${result.note ? `; ${result.note}` : ''}\n`
  );
}

/**
 * handleSummary for a scenario: JSON to SUMMARY_FILE (or .lianxin/bench/k6/<scenario>-<target>.json), one line to stdout.
 * `extras`: names of the scenario's own metrics to keep in the summary (counters, gauges, trends);
 * `augment(result, data)`: adds what the scenario reports beyond them (it may set `result.note`, shown on the line).
 */
export function summaryHandler(scenario, { extras = [], augment } = {}) {
  return function handleSummary(data) {
    const result = summarize(scenario, data, extras);
    if (augment) augment(result, data);
    const file = SUMMARY_FILE || `${SUMMARY_DIR}/${scenario}-${TARGET}${PROBE ? '-probe' : `-${RATE}`}.json`;
    return { [file]: JSON.stringify(result, null, 2), stdout: line(result) };
  };
}

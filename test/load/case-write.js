// bench: targets=apollo
//
// Scenario 3 of issue 7 — the case write path, concurrent across grids: a resident reports a case,
// the grid worker verifies it and escalates it to the village, the village resolves it and feeds
// the result back, the resident rates it (6 transitions, each a mutation with expectedVersion:
// optimistic locking, history, counters and the outbox event in one transaction). RATE is in
// transitions (requests) per second: RATE=100 starts a case every 60 ms.
//
// Behind the HTTP responses, the events have to reach their consumers (assessments' statistics,
// volunteers' civic points): the consumers' delivery-lag histograms (lianxin_event_delivery_lag_seconds,
// from the outbox record to the consumer's commit) are read from their /metrics before and after
// the run; teardown waits for the stragglers and reports p50/p99 over exactly this run's events as
// event_lag_p50_ms / event_lag_p99_ms (threshold: p99 < EVENT_LAG_P99_MS, default 500).
//
// Actors: LANES grids (default 20) spread over the county, each with its own load users created in
// Keycloak by setup() — load.grid.NN (grid-worker), load.village.NN (village-admin of the grid's
// village), load.resident.NN (resident) — so the writes spread over grids, villages and townships.
//
//   .lianxin/tools/bin/k6 run -e GRAPHQL_URL=http://127.0.0.1:5000/graphql -e RATE=100 test/load/case-write.js
import exec from 'k6/execution';
import { sleep } from 'k6';
import { Gauge } from 'k6/metrics';
import { fetchToken, setupTokens } from './lib/auth.js';
import { areaCodeOf, gridCodesInScope, spread } from './lib/areas.js';
import { graphql } from './lib/graphql.js';
import { ensureLoadUsers } from './lib/load-users.js';
import { histogramDelta, histogramQuantile, histogramSnapshot } from './lib/prometheus.js';
import { GRAPHQL_URL } from './lib/config.js';
import { loadOptions, summaryHandler } from './lib/scenario.js';

const LANES = Number(__ENV.LANES || 20);
const EVENT_LAG_P99_MS = Number(__ENV.EVENT_LAG_P99_MS || 500);
const LAG_METRIC = 'lianxin_event_delivery_lag_seconds';
/** The consumers of case events: assessments and volunteers, at the gateway's port + 106 / + 105 (dev 4000, scale 5000). */
const METRICS_URLS = (__ENV.METRICS_URLS || defaultMetricsUrls()).split(',').filter(Boolean);

const eventsApplied = new Gauge('events_applied');
const lagP50 = new Gauge('event_lag_p50_ms');
const lagP99 = new Gauge('event_lag_p99_ms');

function defaultMetricsUrls() {
  const match = /^(https?:\/\/[^/:]+):(\d+)/.exec(GRAPHQL_URL);
  if (!match) return '';
  return [106, 105].map((offset) => `${match[1]}:${Number(match[2]) + offset}/metrics`).join(',');
}

/** A case's loop is six requests; RATE counts transitions (requests) per second. */
export const options = loadOptions({ requestsPerIteration: 6, extraThresholds: { event_lag_p99_ms: [`value<${EVENT_LAG_P99_MS}`] } });

export function setup() {
  const [county] = setupTokens(['county.admin']);
  const grids = spread(gridCodesInScope(county.token, areaCodeOf(county.token)), LANES);
  const pad = (i) => String(i + 1).padStart(2, '0');
  const users = grids.flatMap((grid, i) => [
    { username: `load.grid.${pad(i)}`, roles: ['grid-worker'], areaCode: grid },
    { username: `load.village.${pad(i)}`, roles: ['village-admin'], areaCode: grid.slice(0, 12) },
    { username: `load.resident.${pad(i)}`, roles: ['resident'], areaCode: grid },
  ]);
  ensureLoadUsers(users);
  const lanes = grids.map((grid, i) => ({
    grid,
    worker: fetchToken(`load.grid.${pad(i)}`),
    village: fetchToken(`load.village.${pad(i)}`),
    resident: fetchToken(`load.resident.${pad(i)}`),
  }));
  return { lanes, grids, metricsUrls: METRICS_URLS, _lagBefore: histogramSnapshot(METRICS_URLS, LAG_METRIC) };
}

/** One mutation of the loop; returns the case after it (null when it failed — the checks count that). */
function step(mutation, token, input) {
  const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
  const data = graphql(`mutation ${mutation[0].toUpperCase()}${mutation.slice(1)}($input: ${inputType}!) { ${mutation}(input: $input) { case { id status level version } } }`, { input }, {
    token: token.token,
    expectLabel: `${mutation} applied`,
    expect: (d) => !!d[mutation].case,
  });
  return data && data[mutation] ? data[mutation].case : null;
}

export default function (data) {
  const lane = data.lanes[exec.scenario.iterationInTest % data.lanes.length];
  let c = step('reportCase', lane.resident, {
    gridCode: lane.grid,
    title: '楼道堆放杂物 (load)',
    description: '楼道内长期堆放纸箱杂物，影响通行和消防安全',
    categoryCode: 'LIVELIHOOD_SERVICE',
  });
  if (!c) return;
  c = step('verifyCase', lane.worker, { caseId: c.id, expectedVersion: c.version });
  if (!c) return;
  c = step('escalateCase', lane.worker, { caseId: c.id, expectedVersion: c.version, reason: '需社区协调物业清理' });
  if (!c) return;
  c = step('resolveCase', lane.village, { caseId: c.id, expectedVersion: c.version, result: '已协调物业清理楼道' });
  if (!c) return;
  c = step('feedBackCase', lane.village, { caseId: c.id, expectedVersion: c.version, feedback: '已电话告知居民处理结果' });
  if (!c) return;
  step('rateCase', lane.resident, { caseId: c.id, expectedVersion: c.version, rating: 'SATISFIED' });
}

/** Waits until the consumers have applied every event of the run (their counts stop growing), then reports the lag. */
export function teardown(data) {
  let previous = -1;
  let snapshot = null;
  for (let waited = 0; waited < 30; waited++) {
    snapshot = histogramSnapshot(data.metricsUrls, LAG_METRIC);
    const applied = Object.values(histogramDelta(data._lagBefore, snapshot)).reduce((sum, series) => sum + series.count, 0);
    if (applied === previous) break;
    previous = applied;
    sleep(1);
  }
  const delta = histogramDelta(data._lagBefore, snapshot);
  const series = Object.values(delta).filter((entry) => entry.count > 0);
  if (series.length === 0) {
    console.warn(`no consumer applied an event during the run (metrics: ${data.metricsUrls.join(', ')})`);
    return;
  }
  // The slowest consumer decides: every consumer must keep up.
  let worstP99 = 0;
  let worstP50 = 0;
  for (const entry of series) {
    const p50 = histogramQuantile(0.5, entry.buckets) * 1000;
    const p99 = histogramQuantile(0.99, entry.buckets) * 1000;
    console.log(`event lag ${entry.labels.consumer}: ${entry.count} events, p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, mean ${((entry.sum / entry.count) * 1000).toFixed(0)} ms`);
    worstP99 = Math.max(worstP99, p99);
    worstP50 = Math.max(worstP50, p50);
  }
  eventsApplied.add(series.reduce((sum, entry) => sum + entry.count, 0));
  lagP50.add(worstP50);
  lagP99.add(worstP99);
}

export const handleSummary = summaryHandler('case-write', { extras: ['events_applied', 'event_lag_p50_ms', 'event_lag_p99_ms'] });

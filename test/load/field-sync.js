// bench: targets=apollo p95=2000
//
// Issue 17 — a day of field work arriving from offline phones: WORKERS (100) grid workers each send their
// day (ITEMS, 20: 10 visits, 4 hazards, 4 patrols, 2 case reports, recorded over the working day) as one
// syncFieldWork batch, all of them spread over WINDOW (1m). Photos: not included — they belong to the
// media subgraph (H4); see test/load/README.md.
//
// Idempotency keys and payloads are derived from RUN_ID, the worker number and the item number, so running
// the same RUN_ID again is a replay of the whole run: every item must answer ALREADY_APPLIED and the counts
// (visits, hazards, cases of the county) must not move. setup() counts before, teardown() after (waiting
// for cases, which cases makes from grids' events).
//
//   k6 run -e RUN_ID=day1 test/load/field-sync.js            # the day (created: 2,000 items)
//   k6 run -e RUN_ID=day1 test/load/field-sync.js            # the replay (created: 0, rows: +0)
//
// The demo county has three grid staff accounts (grid.worker, grid.worker2, grid.leader); the 100
// workers are 100 devices spread over them (keys are per account, so they stay distinct).
import exec from 'k6/execution';
import { check, sleep } from 'k6';
import { Counter, Gauge, Trend } from 'k6/metrics';
import { currentToken, setupTokens } from './lib/auth.js';
import { graphql } from './lib/graphql.js';
import encoding from 'k6/encoding';
import { PROBE } from './lib/config.js';
import { summaryHandler, thresholds } from './lib/scenario.js';

const WORKERS = Number(__ENV.WORKERS || 100);
/** The window the workers' syncs are spread over (not the bench ladder's DURATION step). */
const WINDOW = __ENV.WINDOW || '1m';
const ITEMS = Number(__ENV.ITEMS || 20);
const RUN_ID = __ENV.RUN_ID || `run-${Date.now().toString(36)}`;
const STAFF = (__ENV.USERS || 'grid.worker,grid.worker2,grid.leader').split(',');
/** The day the work was done: today (UTC) from 01:00, a few minutes apart, so always in the past here. */
const DAY = __ENV.DAY || new Date().toISOString().slice(0, 10);

const SYNC = `mutation SyncFieldWork($input: SyncFieldWorkInput!) { syncFieldWork(input: $input) {
  created alreadyApplied rejected results { status error { code field reason } }
} }`;
const GRID_OF = `query MyGrid($code: String!) { grid(code: $code) { code households(first: 50) { edges { node { id } } } keyPlaces(first: 10) { edges { node { id } } } } }`;
const COUNTS = `query FieldCounts { visits(first: 1, filter: { areaCode: "330402" }) { totalCount } hazards(first: 1, filter: { areaCode: "330402" }) { totalCount } cases(first: 1, filter: { areaCode: "330402" }) { totalCount } }`;

const itemsCreated = new Counter('items_created');
const itemsAlreadyApplied = new Counter('items_already_applied');
const itemsRejected = new Counter('items_rejected');
const itemMs = new Trend('item_ms', true);
const batchMs = new Trend('batch_ms', true);
const rowsAdded = new Gauge('rows_added');
const visitsAdded = new Gauge('visits_added');
const hazardsAdded = new Gauge('hazards_added');
const casesAdded = new Gauge('cases_added');

export const options = {
  scenarios: PROBE
    ? { probe: { executor: 'shared-iterations', vus: 1, iterations: 1, maxDuration: '60s' } }
    : { day: { executor: 'constant-arrival-rate', rate: WORKERS, timeUnit: WINDOW, duration: WINDOW, preAllocatedVUs: Math.min(WORKERS, 100), maxVUs: WORKERS, gracefulStop: '30s' } },
  // A batch of 20 writes, not one read: the shared 100 ms p95 does not apply (P95_MS overrides 5000).
  thresholds: { ...thresholds(), 'http_req_duration{kind:graphql}': [`p(95)<${Number(__ENV.P95_MS || 5000)}`], items_rejected: ['count==0'] },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  setupTimeout: '60s',
  teardownTimeout: '90s',
};

function counts(token) {
  const data = graphql(COUNTS, {}, { token, kind: 'setup', name: 'counts' });
  if (!data) throw new Error('counting failed');
  return { visits: data.visits.totalCount, hazards: data.hazards.totalCount, cases: data.cases.totalCount };
}

export function setup() {
  const tokens = setupTokens(STAFF);
  const admin = setupTokens(['county.admin'])[0];
  const grids = tokens.map((entry) => {
    const code = areaOf(entry.token);
    const data = graphql(GRID_OF, { code }, { token: entry.token, kind: 'setup', name: 'grid' });
    if (!data || !data.grid) throw new Error(`grid ${code} of ${entry.username} not readable`);
    return {
      code,
      households: data.grid.households.edges.map((edge) => edge.node.id),
      keyPlaces: data.grid.keyPlaces.edges.map((edge) => edge.node.id),
    };
  });
  return { tokens, grids, runId: RUN_ID, before: counts(admin.token), _admin: admin };
}

/** The grid of a grid staff account: its token's area_code. */
function areaOf(token) {
  return JSON.parse(encoding.b64decode(token.split('.')[1], 'rawurl', 's')).area_code;
}

/** One worker's day: deterministic from RUN_ID, worker and item number (a replay sends the same). */
function dayOf(worker, grid) {
  const at = (minutes) => new Date(Date.parse(`${DAY}T01:00:00Z`) + (worker % 60) * 1000 + minutes * 60_000).toISOString();
  const key = (i) => `${RUN_ID}-w${worker}-i${i}`;
  const items = [];
  for (let i = 0; i < ITEMS; i += 1) {
    const slot = i % 10;
    if (slot < 5 || grid.keyPlaces.length === 0 && slot < 8) {
      items.push({ visit: { householdId: grid.households[(worker + i) % grid.households.length], findings: `走访 ${worker}-${i}`, idempotencyKey: key(i), occurredAt: at(i * 20) } });
    } else if (slot < 7 || (grid.keyPlaces.length === 0 && slot < 9)) {
      items.push({ hazard: { gridCode: grid.code, description: `隐患 ${worker}-${i}`, severity: 'LOW', category: 'OTHER', idempotencyKey: key(i), occurredAt: at(i * 20) } });
    } else if (slot < 9 && grid.keyPlaces.length > 0) {
      items.push({ patrol: { keyPlaceId: grid.keyPlaces[(worker + i) % grid.keyPlaces.length], notes: `巡查 ${worker}-${i}`, hazards: [], idempotencyKey: key(i), occurredAt: at(i * 20) } });
    } else {
      items.push({ caseReport: { title: `现场事项 ${worker}-${i}`, description: '负载测试：现场发现的事项', categoryCode: 'LIVELIHOOD_SERVICE', gridCode: grid.code, idempotencyKey: key(i), occurredAt: at(i * 20) } });
    }
  }
  return items;
}

export default function (data) {
  const worker = PROBE ? 0 : exec.scenario.iterationInTest;
  const index = worker % data.tokens.length;
  const items = dayOf(worker, data.grids[index]);
  const started = Date.now();
  const result = graphql(SYNC, { input: { items } }, { token: currentToken(data.tokens[index]), expect: (d) => d.syncFieldWork.results.length === items.length });
  const ms = Date.now() - started;
  batchMs.add(ms);
  if (!result) return;
  const sync = result.syncFieldWork;
  for (let i = 0; i < items.length; i += 1) itemMs.add(ms / items.length);
  itemsCreated.add(sync.created);
  itemsAlreadyApplied.add(sync.alreadyApplied);
  itemsRejected.add(sync.rejected);
  if (sync.rejected > 0) console.warn(`rejected: ${JSON.stringify(sync.results.filter((r) => r.status === 'REJECTED').slice(0, 2))}`);
}

export function teardown(data) {
  // Cases come from grids' events: wait until the count stops moving (at most ~60 s).
  let after = counts(data._admin.token);
  for (let i = 0; i < 30; i += 1) {
    sleep(2);
    const next = counts(data._admin.token);
    if (next.cases === after.cases && next.visits === after.visits && next.hazards === after.hazards) break;
    after = next;
  }
  visitsAdded.add(after.visits - data.before.visits);
  hazardsAdded.add(after.hazards - data.before.hazards);
  casesAdded.add(after.cases - data.before.cases);
  rowsAdded.add(after.visits - data.before.visits + after.hazards - data.before.hazards + after.cases - data.before.cases);
  check(after, { 'counts read': () => true });
}

export const handleSummary = summaryHandler('field-sync', {
  extras: ['items_created', 'items_already_applied', 'items_rejected', 'item_ms', 'batch_ms', 'rows_added', 'visits_added', 'hazards_added', 'cases_added'],
  augment(result, d) {
    const created = d.metrics.items_created ? d.metrics.items_created.values.count : 0;
    const already = d.metrics.items_already_applied ? d.metrics.items_already_applied.values.count : 0;
    const window = result.loadWindow;
    const seconds = window ? Math.max(1, (window.to - window.from) / 1000) : (d.state.testRunDurationMs || 1) / 1000;
    const p95 = d.metrics.item_ms ? d.metrics.item_ms.values['p(95)'] : null;
    result.rate = PROBE ? null : WORKERS;
    result.durationS = window ? Math.round((window.to - window.from) / 1000) : null;
    // Cases also grow by one per hazard (cases makes a case of every grids.hazard.reported); patrols are not counted.
    result.note = `run ${RUN_ID}: items created ${created}, already applied ${already}, ${((created + already) / seconds).toFixed(1)} items/s (first to last batch sent), p95 per item ${p95 === null ? '-' : p95.toFixed(1)} ms; rows added ${d.metrics.rows_added ? d.metrics.rows_added.values.value : '?'}`;
  },
});

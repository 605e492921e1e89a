// bench: targets=apollo
//
// The volunteer claim race (issue 7, scenario 5): a village admin publishes a micro-wish and N
// volunteers of the village claim it at the same instant (http.batch). Exactly one claim may win;
// every other one must come back as CONFLICT — the order's optimistic lock at work. Each iteration
// also reads the village's monthly points leaderboard (Query.leaderboard) as one of the volunteers.
// RATE counts requests per second (as in every scenario): an order is 1 + N + 1 requests.
//
//   .lianxin/tools/bin/k6 run -e PROBE=1 test/load/volunteer-claim.js
//   .lianxin/tools/bin/k6 run -e RATE=5 -e DURATION=10s test/load/volunteer-claim.js
//
// Claims are made by the token's user (the volunteers service finds the Volunteer by userId = sub),
// and the demo realm has one volunteer, so setup() makes the racers itself, idempotently:
// - Keycloak users load.volunteer.01 … NN in realm lianxin (lib/load-users.js: admin REST API,
//   stable ids), password DEMO_PASSWORD, realm role `volunteer`, area_code = VILLAGE_CODE;
// - a Volunteer for each (registerVolunteer by the village admin, linked by userId), on a person of
//   the village who is not a volunteer yet.
// Every iteration leaves one CLAIMED order behind in the volunteers database (the scheduler expires
// it after its one-day deadline).
//
// Settings: VOLUNTEERS (N, default 20), VILLAGE_CODE (330402001001, 禾兴社区), PUBLISHER
// (village.admin), KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD.
import http from 'k6/http';
import { check } from 'k6';
import { Counter, Rate } from 'k6/metrics';
import { claimsOf, currentToken, fetchToken } from './lib/auth.js';
import { GRAPHQL_URL } from './lib/config.js';
import { graphql, loadRequestAt } from './lib/graphql.js';
import { ensureLoadUsers } from './lib/load-users.js';
import { loadOptions, summaryHandler, thresholds } from './lib/scenario.js';

const RACERS = Number(__ENV.VOLUNTEERS || 20);
const VILLAGE = __ENV.VILLAGE_CODE || '330402001001';
const PUBLISHER = __ENV.PUBLISHER || 'village.admin';

const OPERATIONS = ['PublishServiceOrder', 'ClaimOrder', 'Leaderboard'];

const oneWinner = new Rate('orders_with_one_winner');
const claimsWon = new Counter('claims_won');
const claimsConflict = new Counter('claims_conflict');
const claimsOther = new Counter('claims_other');

const PUBLISH = `mutation PublishServiceOrder($input: PublishServiceOrderInput!) {
  publishServiceOrder(input: $input) { order { id status version } }
}`;
const CLAIM = `mutation ClaimOrder($input: ClaimOrderInput!) {
  claimOrder(input: $input) { order { id status claimantVolunteerId } }
}`;
const LEADERBOARD = `query Leaderboard($villageCode: String!, $month: String!) {
  leaderboard(villageCode: $villageCode, month: $month, accountKind: CIVIC, top: 10) {
    villageCode month entries { rank points balance person { id } }
  }
}`;
const MY_VOLUNTEER = `query MyVolunteer { myVolunteer { id areaCode } }`;
const VILLAGE_PERSONS = `query VillagePersons($filter: PersonFilter, $after: String) {
  persons(first: 100, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    edges { node { id volunteer { id } } }
  }
}`;
const REGISTER = `mutation RegisterVolunteer($input: RegisterVolunteerInput!) {
  registerVolunteer(input: $input) { volunteer { id userId } }
}`;

/** RATE counts requests per second like every scenario: an order is N claims + publish + leaderboard. */
export const options = {
  ...loadOptions({ requestsPerIteration: RACERS + 2 }),
  // All N claims of an iteration in flight at once (k6 sends at most 6 per host by default).
  batch: RACERS,
  batchPerHost: RACERS,
  thresholds: {
    ...thresholds(),
    // The point of the scenario: every order has exactly one winner and N − 1 CONFLICTs.
    orders_with_one_winner: ['rate==1'],
    claims_other: ['count==0'],
    // Always true: only there so the summary has each operation's latency on its own.
    ...Object.fromEntries(OPERATIONS.map((name) => [`http_req_duration{kind:graphql,name:${name}}`, ['max>=0']])),
  },
};

const usernames = Array.from({ length: RACERS }, (_, i) => `load.volunteer.${String(i + 1).padStart(2, '0')}`);

// ─── setup: Keycloak users and their Volunteer records ───────────────────────

function setupQuery(query, variables, token, name) {
  const response = http.post(GRAPHQL_URL, JSON.stringify({ query, variables }), {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    tags: { kind: 'setup', name },
    timeout: '10s',
  });
  const body = response.json();
  if (response.status !== 200 || body.errors) throw new Error(`${name}: HTTP ${response.status} ${JSON.stringify(body.errors || body).slice(0, 300)}`);
  return body.data;
}

/** Persons of the village who are no volunteer yet, as many as needed, in the people service's order. */
function freePersons(publisherToken, needed) {
  const free = [];
  let after = null;
  while (free.length < needed) {
    const page = setupQuery(VILLAGE_PERSONS, { filter: { areaCode: VILLAGE }, after }, publisherToken, 'setup-persons').persons;
    for (const { node } of page.edges) if (!node.volunteer) free.push(node.id);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  if (free.length < needed) throw new Error(`only ${free.length} persons of ${VILLAGE} are free to register as volunteers, ${needed} needed`);
  return free.slice(0, needed);
}

export function setup() {
  ensureLoadUsers(usernames.map((username) => ({ username, roles: ['volunteer'], areaCode: VILLAGE, lastName: `Volunteer ${username.slice(-2)}` })));

  const publisher = fetchToken(PUBLISHER);
  const racers = usernames.map((username) => fetchToken(username));
  const unregistered = racers.filter((racer) => !setupQuery(MY_VOLUNTEER, {}, racer.token, 'setup-my-volunteer').myVolunteer);
  const persons = unregistered.length > 0 ? freePersons(publisher.token, unregistered.length) : [];
  unregistered.forEach((racer, i) => {
    setupQuery(REGISTER, { input: { personId: persons[i], areaCode: VILLAGE, kinds: ['ACTIVIST'], skills: ['压测'], userId: claimsOf(racer.token).sub } }, publisher.token, 'setup-register-volunteer');
  });
  return { tokens: [publisher, ...racers], village: VILLAGE, racers: racers.length, registeredNow: unregistered.length };
}

// ─── the race ───────────────────────────────────────────────────────────────

/** What one claim came back with: the order (won), CONFLICT (lost the race), or something else. */
function outcomeOf(response) {
  let body = null;
  try {
    body = response.json();
  } catch {
    return 'other';
  }
  if (response.status === 200 && body.data && body.data.claimOrder && body.data.claimOrder.order.status === 'CLAIMED' && !body.errors) return 'won';
  const codes = (body.errors || []).map((error) => error.extensions && error.extensions.code);
  return codes.length > 0 && codes.every((code) => code === 'CONFLICT') ? 'conflict' : 'other';
}

let loggedOther = 0;

export default function (data) {
  const [publisher, ...racers] = data.tokens;
  const deadline = new Date(Date.now() + 86_400_000).toISOString();
  const published = graphql(
    PUBLISH,
    { input: { kind: 'MICRO_WISH', title: `压测微心愿 k6 ${__VU}-${__ITER}`, description: 'k6 volunteer-claim race', areaCode: VILLAGE, deadline } },
    { token: currentToken(publisher), expect: (d) => d.publishServiceOrder.order.status === 'OPEN' },
  );
  if (!published) return;
  const orderId = published.publishServiceOrder.order.id;

  const body = JSON.stringify({ query: CLAIM, variables: { input: { orderId } }, operationName: 'ClaimOrder' });
  loadRequestAt.add(Date.now());
  const responses = http.batch(
    racers.map((racer, i) => ({
      method: 'POST',
      url: GRAPHQL_URL,
      body,
      params: {
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${currentToken(racer)}`, 'X-Request-Id': `k6-claim-${__VU}-${__ITER}-${i}` },
        tags: { kind: 'graphql', name: 'ClaimOrder' },
        timeout: '10s',
      },
    })),
  );
  const outcomes = responses.map(outcomeOf);
  const won = outcomes.filter((outcome) => outcome === 'won').length;
  const conflicts = outcomes.filter((outcome) => outcome === 'conflict').length;
  const other = outcomes.length - won - conflicts;
  claimsWon.add(won);
  claimsConflict.add(conflicts);
  claimsOther.add(other);
  oneWinner.add(won === 1 && conflicts === racers.length - 1);
  responses.forEach((response, i) => {
    check(response, { 'claim won or CONFLICT': () => outcomes[i] !== 'other' }, { kind: 'graphql', name: 'ClaimOrder' });
    if (outcomes[i] === 'other' && loggedOther++ < 3) console.warn(`ClaimOrder: HTTP ${response.status} ${String(response.body).slice(0, 300)}`);
  });
  check(null, { 'exactly one claim won': () => won === 1 }, { kind: 'graphql', name: 'ClaimOrder' });

  // The month in China (UTC+8), as the service counts it.
  const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  graphql(LEADERBOARD, { villageCode: VILLAGE, month }, { token: currentToken(racers[__ITER % racers.length]), expect: (d) => d.leaderboard.villageCode === VILLAGE });
}

const round = (value) => (typeof value === 'number' ? Math.round(value * 10) / 10 : value);

/** The race in the summary: orders, winners, claims by outcome, latency per operation. */
function addRace(result, data) {
  const count = (name) => (data.metrics[name] ? data.metrics[name].values.count : 0);
  const winners = data.metrics.orders_with_one_winner ? data.metrics.orders_with_one_winner.values : { rate: null, passes: 0, fails: 0 };
  result.race = {
    racers: RACERS,
    village: VILLAGE,
    orders: winners.passes + winners.fails,
    ordersWithOneWinner: winners.passes,
    oneWinnerRate: winners.rate,
    claimsWon: count('claims_won'),
    claimsConflict: count('claims_conflict'),
    claimsOther: count('claims_other'),
    latencyMsByOperation: Object.fromEntries(
      OPERATIONS.map((name) => {
        const metric = data.metrics[`http_req_duration{kind:graphql,name:${name}}`];
        const values = metric ? metric.values : {};
        return [name, { p50: round(values.med ?? null), p95: round(values['p(95)'] ?? null), max: round(values.max ?? null) }];
      }),
    ),
  };
  const race = result.race;
  result.note =
    `claims p95 ${race.latencyMsByOperation.ClaimOrder.p95} ms; ${race.orders} orders, ${race.ordersWithOneWinner} with exactly one winner, ` +
    `claims won ${race.claimsWon} / CONFLICT ${race.claimsConflict} / other ${race.claimsOther}`;
}

export const handleSummary = summaryHandler('volunteer-claim', { augment: addRace });

// bench: targets=apollo,hive p95=50
//
// Scenario 2 of issue 7 — a township's overdue list: the open cases of a township that missed their
// deadline, most overdue first, 20 a page (the second page half of the time), each with its grid
// (grids) and its reporter (people). Exercises the scope filter (grid-code prefix), the overdue
// partial index and keyset paging by deadline on the large case table.
//
// Township admins (jianshe/xinjia/qixing.admin) list their own township; county.admin picks a random
// township of the county each time (the county's townships are discovered in setup()).
//
//   .lianxin/tools/bin/k6 run -e GRAPHQL_URL=http://127.0.0.1:5000/graphql test/load/township-overdue.js
import { setupTokens, vuToken } from './lib/auth.js';
import { areaCodeOf, childAreas } from './lib/areas.js';
import { graphql } from './lib/graphql.js';
import { loadOptions, summaryHandler } from './lib/scenario.js';

const USERS = (__ENV.USERS || 'jianshe.admin,xinjia.admin,qixing.admin,county.admin').split(',');
const OPEN = ['REPORTED', 'VERIFIED', 'ESCALATED', 'DISPATCHED', 'SENT_BACK', 'IN_PROGRESS'];

const QUERY = `query TownshipOverdue($area: String!, $statuses: [CaseStatus!], $after: String) {
  cases(first: 20, after: $after, orderBy: DUE_SOONEST, filter: { areaCode: $area, overdue: true, statuses: $statuses }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { number title status level overdue dueAt grid { code name } reporter { name } } }
  }
}`;

/** The next page half of the time: 1.5 requests an iteration, and RATE counts requests. */
export const options = loadOptions({ requestsPerIteration: 1.5 });

export function setup() {
  const tokens = setupTokens(USERS);
  const areasByUser = {};
  for (const { username, token } of tokens) {
    const scope = areaCodeOf(token);
    // A county user works through its townships; a township user through its own.
    areasByUser[username] = scope.length === 6 ? childAreas(token, scope).map((area) => area.code) : [scope];
  }
  return { tokens, areasByUser };
}

function isOverdueList(cases, area) {
  const due = cases.edges.map((edge) => Date.parse(edge.node.dueAt));
  return cases.edges.every((edge) => edge.node.overdue && edge.node.grid.code.startsWith(area) && OPEN.includes(edge.node.status)) &&
    due.every((at, i) => i === 0 || due[i - 1] <= at);
}

export default function (data) {
  const token = vuToken(data.tokens);
  const user = data.tokens[(__VU - 1) % data.tokens.length].username;
  const areas = data.areasByUser[user];
  const area = areas[Math.floor(Math.random() * areas.length)];
  const first = graphql(QUERY, { area, statuses: OPEN }, { token, expectLabel: 'open overdue cases of the township, soonest deadline first', expect: (d) => isOverdueList(d.cases, area) });
  if (first && first.cases.pageInfo.hasNextPage && Math.random() < 0.5) {
    graphql(QUERY, { area, statuses: OPEN, after: first.cases.pageInfo.endCursor }, { token, expectLabel: 'next page', expect: (d) => isOverdueList(d.cases, area) });
  }
}

export const handleSummary = summaryHandler('township-overdue');

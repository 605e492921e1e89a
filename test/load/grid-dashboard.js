// bench: targets=apollo,hive
//
// Scenario 1 of issue 7 — the grid dashboard: an admin opens a random grid of their scope, one
// operation across four subgraphs: the grid and its staff (grids), its village and township
// (organizations), its population with counts per focus tag (people), and its open cases with
// their reporters' names (cases → people). Entity references flow both ways, so the DataLoader
// batching of every reference resolver is what this measures.
//
// Users (USERS, default county.admin, jianshe.admin, village.admin) each get the grid codes of
// their own scope in setup(), discovered through the graph; each iteration picks one at random.
//
//   .lianxin/tools/bin/k6 run -e GRAPHQL_URL=http://127.0.0.1:5000/graphql test/load/grid-dashboard.js   (county-scale stack)
import { setupTokens, vuToken } from './lib/auth.js';
import { areaCodeOf, gridCodesInScope, spread } from './lib/areas.js';
import { graphql } from './lib/graphql.js';
import { loadOptions, summaryHandler } from './lib/scenario.js';

const USERS = (__ENV.USERS || 'county.admin,jianshe.admin,village.admin').split(',');
/** Grid codes kept per user (spread over their whole scope). */
const GRIDS_PER_USER = Number(__ENV.GRIDS_PER_USER || 400);

const QUERY = `query GridDashboard($code: String!) {
  grid(code: $code) {
    code name kind householdCount
    village { code name parent { code name } }
    staff { role name loadStatus person { name } }
    population { total registered floating away byTag { tag { code nameZh } count } }
    openCases(first: 10) {
      totalCount
      edges { node { number title status level overdue dueAt reporter { name } } }
    }
  }
}`;

export const options = loadOptions();

export function setup() {
  const tokens = setupTokens(USERS);
  const gridsByUser = {};
  for (const { username, token } of tokens) {
    const codes = gridCodesInScope(token, areaCodeOf(token));
    if (codes.length === 0) throw new Error(`${username} has no grid in scope`);
    gridsByUser[username] = spread(codes, GRIDS_PER_USER);
  }
  return { tokens, _gridsByUser: gridsByUser, gridCounts: Object.fromEntries(Object.entries(gridsByUser).map(([user, codes]) => [user, codes.length])) };
}

export default function (data) {
  const token = vuToken(data.tokens);
  const user = data.tokens[(__VU - 1) % data.tokens.length].username;
  const codes = data._gridsByUser[user];
  const code = codes[Math.floor(Math.random() * codes.length)];
  graphql(QUERY, { code }, {
    token,
    expectLabel: 'grid with village, population and open cases',
    expect: (d) => d.grid.code === code && d.grid.village.code === code.slice(0, 12) && d.grid.population !== null && d.grid.openCases.totalCount >= 0,
  });
}

export const handleSummary = summaryHandler('grid-dashboard');

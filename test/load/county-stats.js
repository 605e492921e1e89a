// bench: targets=apollo,hive p95=50
//
// Scenario 4 of issue 7 — the county's statistics page for a quarter: for the county and each of
// its townships, cases reported and resolved, resolution level (grid / village / township / above),
// on-time, satisfaction and reopen rates, residents' and proxy ratings apart, stage overruns (DOMAIN.md §8.1/§8.2),
// and counts by status. One operation, answered from the
// cases service's counters (Area.caseStats is contributed by cases to organizations' Area).
//
// county.admin and county.auditor; each iteration takes a random quarter of the last three years,
// so the counters are read across the whole period and not from one warm page.
//
//   .lianxin/tools/bin/k6 run -e GRAPHQL_URL=http://127.0.0.1:5000/graphql test/load/county-stats.js
import { setupTokens, vuToken } from './lib/auth.js';
import { areaCodeOf } from './lib/areas.js';
import { graphql } from './lib/graphql.js';
import { loadOptions, summaryHandler } from './lib/scenario.js';

const USERS = (__ENV.USERS || 'county.admin,county.auditor').split(',');
const QUARTERS_BACK = Number(__ENV.QUARTERS_BACK || 12);

const STATS = `reported resolved resolvedOnTime overdue onTimeRate satisfactionRate reopenRate
  resolutionLevels { grid village township above withinVillageShare withinTownshipShare }
  ratings { satisfied basicallySatisfied unsatisfied }
  proxyRatings { satisfied basicallySatisfied unsatisfied } proxySatisfactionRate stageOverruns reopenedResolvedOnTime
  byStatus { status count }`;

const QUERY = `query CountyStats($code: String!, $period: CaseStatsPeriod!) {
  area(code: $code) {
    code name
    caseStats(period: $period) { ${STATS} }
    children(first: 50) { edges { node { code name caseStats(period: $period) { ${STATS} } } } }
  }
}`;

/** [from, to] of the quarter `back` quarters before the current one (YYYY-MM-DD). */
function quarter(back) {
  const now = new Date();
  const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - back;
  const year = Math.floor(index / 4);
  const startMonth = (index % 4) * 3;
  const from = new Date(Date.UTC(year, startMonth, 1));
  const to = new Date(Date.UTC(year, startMonth + 3, 0));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export const options = loadOptions();

export function setup() {
  const tokens = setupTokens(USERS);
  return { tokens, county: areaCodeOf(tokens[0].token) };
}

export default function (data) {
  const token = vuToken(data.tokens);
  const period = quarter(1 + Math.floor(Math.random() * QUARTERS_BACK));
  graphql(QUERY, { code: data.county, period }, {
    token,
    expectLabel: 'county and township statistics that add up',
    expect: (d) => {
      const townships = d.area.children.edges.map((edge) => edge.node.caseStats);
      return townships.length > 0 && townships.reduce((sum, stats) => sum + stats.reported, 0) === d.area.caseStats.reported;
    },
  });
}

export const handleSummary = summaryHandler('county-stats');

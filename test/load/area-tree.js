// bench: targets=apollo,hive,direct direct=organizations
//
// A county admin opens the area tree: their county, two levels below it (townships, villages)
// and the county's departments. One subgraph (organizations) behind the gateway, so it also runs
// against Hive Gateway and against organizations' own /graphql to show what the gateway costs.
//
//   .lianxin/tools/bin/k6 run test/load/area-tree.js                       # 50/s for 20 s at the gateway
//   .lianxin/tools/bin/k6 run -e RATE=200 -e GRAPHQL_URL=http://127.0.0.1:4101/graphql test/load/area-tree.js
//
// `first: 10` is a literal on purpose: the gateway's cost limit (20,000, graphql-armor, literal
// `first` multiplies) rejects the same tree with `first: 20` (cost 33,399).
import { setupTokens, vuToken } from './lib/auth.js';
import { graphql } from './lib/graphql.js';
import { loadOptions, summaryHandler } from './lib/scenario.js';

const COUNTY = __ENV.COUNTY_CODE || '330402'; // 南湖区, the demo county
const USERS = (__ENV.USERS || 'county.admin').split(',');

const QUERY = `query AreaTree($code: String!) {
  area(code: $code) {
    code name level
    children(first: 10) {
      totalCount
      edges { node {
        code name level
        children(first: 10) { totalCount edges { node { code name level } } }
      } }
    }
    departments(first: 10) { totalCount edges { node { id name } } }
  }
}`;

export const options = loadOptions();

export function setup() {
  return { tokens: setupTokens(USERS) };
}

export default function (data) {
  graphql(QUERY, { code: COUNTY }, {
    token: vuToken(data.tokens),
    expectLabel: 'county with townships and villages',
    expect: (d) => d.area.code === COUNTY && d.area.children.totalCount > 0 && d.area.children.edges[0].node.children.totalCount > 0,
  });
}

export const handleSummary = summaryHandler('area-tree');

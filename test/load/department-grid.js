// bench: targets=apollo,hive
//
// Public-security staff open their department's grid view: the county with its townships
// (organizations) and the latest police patrols (police) in one operation, so the gateway plans
// across two subgraphs. Police is still being finished: setup() looks the police list up in the
// schema the gateway serves (policePatrols, else the generator's policeRecords) and tries one
// request; when police is not composed or not answering, the scenario is skipped with the reason
// (bench.sh skips it; a standalone run stops at once).
//
//   .lianxin/tools/bin/k6 run test/load/department-grid.js
import exec from 'k6/execution';
import { setupTokens, vuToken } from './lib/auth.js';
import { graphql, queryFieldNames } from './lib/graphql.js';
import { PROBE } from './lib/config.js';
import { loadOptions, summaryHandler } from './lib/scenario.js';

const COUNTY = __ENV.COUNTY_CODE || '330402';
const USERS = (__ENV.USERS || 'police.staff').split(',');
/** The police list on Query, newest name first. */
const POLICE_FIELDS = ['policePatrols', 'policeRecords'];

function query(policeField) {
  return `query DepartmentGrid($code: String!) {
  area(code: $code) { code name children(first: 10) { totalCount edges { node { code name level } } } }
  police: ${policeField}(first: 10) { totalCount edges { node { id gridCode } } }
}`;
}

export const options = loadOptions();

function skip(reason) {
  if (!PROBE) exec.test.abort(`department-grid skipped: ${reason}`);
  console.warn(`department-grid skipped: ${reason}`);
  return { skip: reason };
}

export function setup() {
  const tokens = setupTokens(USERS);
  const fields = queryFieldNames(tokens[0].token);
  const policeField = POLICE_FIELDS.find((name) => fields.includes(name));
  if (!policeField) return skip(`police is not composed into the supergraph the gateway serves (no ${POLICE_FIELDS.join(' or ')} on Query)`);
  const data = graphql(query(policeField), { code: COUNTY }, { token: tokens[0].token, kind: 'setup' });
  if (!data || !data.police) return skip(`Query.${policeField} is composed but police does not answer through the gateway (is the police subgraph running? ./lianxin start)`);
  return { tokens, policeField };
}

export default function (data) {
  if (data.skip) return;
  graphql(query(data.policeField), { code: COUNTY }, {
    token: vuToken(data.tokens),
    expectLabel: 'county and police list',
    expect: (d) => d.area.code === COUNTY && d.police.totalCount >= 0,
  });
}

export const handleSummary = summaryHandler('department-grid');

// bench: targets=apollo,hive p95=50
//
// Issue 19 (§8.3) — a grid worker's care due list: the open care slots (四个一) of the households the
// worker covers, overdue / today / this week / later, each slot with its household id. One indexed
// query in grids (household_assignment by staff → care_slot_open_idx by household).
//
// grid.worker, grid.worker2 and grid.leader read their own list; county.admin reads the list of a
// random worker of the county each time (staff ids discovered in setup() from a few villages' grids).
//
//   .lianxin/tools/bin/k6 run -e GRAPHQL_URL=http://127.0.0.1:5000/graphql test/load/care-due.js
import { setupTokens, vuToken } from './lib/auth.js';
import { graphql } from './lib/graphql.js';
import { loadOptions, summaryHandler } from './lib/scenario.js';

const USERS = (__ENV.USERS || 'grid.worker,grid.worker2,grid.leader,county.admin').split(',');

const QUERY = `query CareDue($staffId: ID) {
  careDue(staffId: $staffId) {
    asOf
    staff { id name }
    overdue { id kind dueDate state household { id } }
    today { id kind dueDate state household { id } }
    thisWeek { id kind dueDate state household { id } }
    later { id kind dueDate state household { id } }
  }
}`;

const STAFF = `query Staff($village: String!) { grids(first: 20, filter: { villageCode: $village }) { edges { node { staff { id role } } } } }`;
const VILLAGES = `query Villages { areas(first: 50, filter: { level: VILLAGE }) { edges { node { code } } } }`;

export const options = loadOptions();

export function setup() {
  const tokens = setupTokens(USERS);
  const county = tokens.find((entry) => entry.username === 'county.admin');
  let staffIds = [];
  if (county) {
    const villages = graphql(VILLAGES, {}, { token: county.token, name: 'setup villages' });
    const codes = villages ? villages.areas.edges.map((edge) => edge.node.code).slice(0, 20) : [];
    for (const village of codes) {
      const grids = graphql(STAFF, { village }, { token: county.token, name: 'setup staff' });
      if (!grids) continue;
      for (const edge of grids.grids.edges) for (const member of edge.node.staff) if (['FULL_TIME', 'PART_TIME', 'LEADER'].includes(member.role)) staffIds.push(member.id);
    }
  }
  return { tokens, staffIds };
}

function isDueList(list) {
  const open = [...list.overdue, ...list.today, ...list.thisWeek, ...list.later];
  return open.every((slot) => slot.state !== 'FULFILLED') && list.overdue.every((slot) => slot.state === 'OVERDUE' && slot.dueDate < list.asOf);
}

export default function (data) {
  const entry = data.tokens[(__VU - 1) % data.tokens.length];
  const token = vuToken(data.tokens);
  const staffId = entry.username === 'county.admin' && data.staffIds.length > 0 ? data.staffIds[Math.floor(Math.random() * data.staffIds.length)] : null;
  graphql(QUERY, staffId ? { staffId } : {}, { token, expectLabel: 'the worker\'s open care slots, overdue ones past their day', expect: (d) => isDueList(d.careDue) });
}

export const handleSummary = summaryHandler('care-due');

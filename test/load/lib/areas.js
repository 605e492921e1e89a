// What a scenario's users can see, discovered through the graph in setup() — never hard-coded, so
// the same scenario runs on the demo county and on the county-scale data (tools/scale).
import { claimsOf } from './auth.js';
import { graphql } from './graphql.js';

const GRIDS_PAGE = `query ScopeGrids($code: String!, $after: String) {
  area(code: $code) { grids(first: 100, after: $after) { edges { node { code } } pageInfo { hasNextPage endCursor } } }
}`;

/** Up to `limit` grid codes under `areaCode` (the user's scope), in code order. */
export function gridCodesInScope(token, areaCode, limit = 4000) {
  const codes = [];
  let after = null;
  do {
    const data = graphql(GRIDS_PAGE, { code: areaCode, after }, { token, kind: 'setup' });
    if (!data || !data.area) throw new Error(`cannot list the grids of ${areaCode} (is the stack up and the user in scope?)`);
    for (const edge of data.area.grids.edges) codes.push(edge.node.code);
    after = data.area.grids.pageInfo.hasNextPage ? data.area.grids.pageInfo.endCursor : null;
  } while (after && codes.length < limit);
  return codes.slice(0, limit);
}

/** `count` items spread evenly over `items` (every n-th), so a sample covers every township. */
export function spread(items, count) {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]);
}

/** The children of an area: [{ code, name }]. */
export function childAreas(token, areaCode) {
  const data = graphql(
    `query ChildAreas($code: String!) { area(code: $code) { children(first: 100) { edges { node { code name } } } } }`,
    { code: areaCode },
    { token, kind: 'setup' },
  );
  if (!data || !data.area) throw new Error(`cannot list the children of ${areaCode}`);
  return data.area.children.edges.map((edge) => edge.node);
}

/** The area_code claim of a token: the root of the user's scope. */
export function areaCodeOf(token) {
  return claimsOf(token).area_code;
}

import { errorCodes, graphqlRequest, subjectOf, tokenFor, type GraphQLResponse } from '@lianxin/testing';
import { asUser } from '../e2e/gateway.js';

/** Issue 13 findings in the grids subgraph: the Viewer's grids, through the gateway and straight to the subgraph. */
const GRID = '330402001001001';
const OTHER_VILLAGE_GRID = '330402001002001';
const GRIDS_URL = `http://127.0.0.1:${4102 + Number(process.env.STACK_PORT_OFFSET ?? 800)}/graphql`;

function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}

describe('security: grids (issue 13)', () => {
  it('issue 13: viewer.gridsIServe for grid.worker lists their grid', async () => {
    const worker = ok(await asUser<{ viewer: { gridsIServe: Array<{ code: string }> } }>('grid.worker', '{ viewer { gridsIServe { code name } } }'));
    expect(worker.viewer.gridsIServe.map((grid) => grid.code)).toEqual([GRID]);
    const other = ok(await asUser<{ viewer: { gridsIServe: Array<{ code: string }> } }>('grid.worker2', '{ viewer { gridsIServe { code } } }'));
    expect(other.viewer.gridsIServe.map((grid) => grid.code)).toEqual([OTHER_VILLAGE_GRID]);
    const admin = ok(await asUser<{ viewer: { gridsIServe: Array<{ code: string }> } }>('county.admin', '{ viewer { gridsIServe { code } } }'));
    expect(admin.viewer.gridsIServe).toEqual([]);
  });

  it('issue 13: a forged Viewer representation sent straight to the grids subgraph returns null', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Viewer { id gridsIServe { code } } } }';
    const workerToken = await tokenFor('grid.worker');
    const forged = await graphqlRequest<{ _entities: unknown[] }>(GRIDS_URL, query, {
      token: await tokenFor('grid.worker2'),
      variables: { r: [{ __typename: 'Viewer', id: subjectOf(workerToken) }] },
    });
    expect(errorCodes(forged)).toEqual([]);
    expect(forged.data?._entities).toEqual([null]);
    const own = await graphqlRequest<{ _entities: Array<{ gridsIServe: Array<{ code: string }> }> }>(GRIDS_URL, query, {
      token: workerToken,
      variables: { r: [{ __typename: 'Viewer', id: subjectOf(workerToken) }] },
    });
    expect(own.data?._entities[0]?.gridsIServe.map((grid) => grid.code)).toEqual([GRID]);
  });
});

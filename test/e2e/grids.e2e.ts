import { errorCodes } from '@lianxin/testing';
import { asUser } from './gateway.js';

interface GridNode {
  code: string;
  name: string;
  kind: string;
  structureCheck: { hasLeader: boolean; findings: string[] };
  communityOfficer: { name: string; badgeNumber: string } | null;
}

/** One query across organizations → grids → police, as frontends see the graph. */
describe('grids in the graph', () => {
  it('shows a village admin its grids with their structure and community officer', async () => {
    const response = await asUser<{ area: { name: string; grids: { totalCount: number; edges: Array<{ node: GridNode }> } } }>(
      'village.admin',
      `{ area(code: "330402001001") {
          name
          grids(first: 10) { totalCount edges { node { code name kind structureCheck { hasLeader findings } communityOfficer { name badgeNumber } } } }
        } }`,
    );
    expect(response.errors).toBeUndefined();
    const grids = response.data!.area.grids;
    expect(response.data!.area.name).toBe('禾兴社区');
    expect(grids.totalCount).toBeGreaterThanOrEqual(3);
    for (const { node } of grids.edges) expect(node.code.startsWith('330402001001')).toBe(true);
    const first = grids.edges.find((edge) => edge.node.code === '330402001001001')!.node;
    expect(first.structureCheck.hasLeader).toBe(true);
    expect(first.communityOfficer?.badgeNumber).toMatch(/^\d{6}$/);
  });

  it('adds the generated police subgraph\'s fields to Grid through the gateway', async () => {
    const response = await asUser<{ grid: { name: string; communityOfficer: { name: string; policeStation: string } | null; policePatrols: { totalCount: number } | null } }>(
      'grid.worker',
      '{ grid(code: "330402001001001") { name communityOfficer { name policeStation } policePatrols { totalCount } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.grid.communityOfficer?.policeStation).toContain('派出所');
    expect(response.data!.grid.policePatrols?.totalCount).toBeGreaterThan(0);
  });

  it('keeps a grid worker to their own grid', async () => {
    const own = await asUser<{ grid: { code: string } }>('grid.worker', '{ grid(code: "330402001001001") { code } }');
    expect(own.data?.grid.code).toBe('330402001001001');
    const other = await asUser('grid.worker', '{ grid(code: "330402001002001") { code } }');
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    const listed = await asUser<{ grids: { edges: Array<{ node: { code: string } }> } }>('grid.worker', '{ grids(first: 100) { edges { node { code } } } }');
    expect(listed.data?.grids.edges.map((edge) => edge.node.code)).toEqual(['330402001001001']);
  });

  it('lets a township admin see only the grids of its villages', async () => {
    const response = await asUser<{ grids: { totalCount: number; edges: Array<{ node: { code: string } }> } }>(
      'xinjia.admin',
      '{ grids(first: 100) { totalCount edges { node { code } } } }',
    );
    expect(response.data!.grids.totalCount).toBeGreaterThan(0);
    for (const { node } of response.data!.grids.edges) expect(node.code.startsWith('330402002')).toBe(true);
  });
});

import { errorCodes } from '@lianxin/testing';
import { asUser } from './gateway.js';

interface Profile {
  username: string;
  /** An organizations area inside (or, for grid-level users, directly above) their own. */
  ownArea: string;
  /** An area in a sibling subtree. */
  outsideArea: string;
  /** How many areas of the organizations subgraph lie in their scope. */
  areasInScope: number;
  isAdmin: boolean;
}

/** The village 'lets a township admin add a village' creates (it stays: the e2e tier runs twice against one stack). */
const ADDED_NAME = '测试社区';
const addedByThisTest = (area: { code: string; name: string }) => area.name === ADDED_NAME && /^330402001[1-8]\d\d$/.test(area.code);

// Demo data: 南湖区 330402 with 3 townships × 3 villages (13 areas), and 秀洲区 330411 next to it.
const profiles: Profile[] = [
  { username: 'county.admin', ownArea: '330402', outsideArea: '330411', areasInScope: 13, isAdmin: true },
  { username: 'county.auditor', ownArea: '330402', outsideArea: '330411001', areasInScope: 13, isAdmin: false },
  { username: 'civil.staff', ownArea: '330402003', outsideArea: '330411', areasInScope: 13, isAdmin: false },
  { username: 'police.staff', ownArea: '330402002001', outsideArea: '330411001001', areasInScope: 13, isAdmin: false },
  { username: 'jianshe.admin', ownArea: '330402001', outsideArea: '330402002', areasInScope: 4, isAdmin: true },
  { username: 'xinjia.admin', ownArea: '330402002003', outsideArea: '330402001', areasInScope: 4, isAdmin: true },
  { username: 'qixing.admin', ownArea: '330402003', outsideArea: '330402002001', areasInScope: 4, isAdmin: true },
  { username: 'village.admin', ownArea: '330402001001', outsideArea: '330402001002', areasInScope: 1, isAdmin: true },
  { username: 'village2.admin', ownArea: '330402001002', outsideArea: '330402001001', areasInScope: 1, isAdmin: true },
  { username: 'volunteer.demo', ownArea: '330402001001', outsideArea: '330402001003', areasInScope: 1, isAdmin: false },
  { username: 'grid.leader', ownArea: '330402001001', outsideArea: '330402001002', areasInScope: 0, isAdmin: false },
  { username: 'grid.worker', ownArea: '330402001001', outsideArea: '330402002001', areasInScope: 0, isAdmin: false },
  { username: 'grid.worker2', ownArea: '330402001002', outsideArea: '330402001001', areasInScope: 0, isAdmin: false },
  { username: 'resident.demo', ownArea: '330402001001', outsideArea: '330402003003', areasInScope: 0, isAdmin: false },
];

describe.each(profiles)('$username through the gateway', (profile) => {
  it('reads its own area', async () => {
    const response = await asUser<{ area: { code: string } }>(profile.username, `{ area(code: "${profile.ownArea}") { code } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.area.code).toBe(profile.ownArea);
  });

  it('gets FORBIDDEN for an area outside its own', async () => {
    const response = await asUser(profile.username, `{ area(code: "${profile.outsideArea}") { code } }`);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.data ?? null).toBeNull();
  });

  it('lists only the areas in its scope', async () => {
    const response = await asUser<{ areas: { totalCount: number; edges: Array<{ node: { code: string; name: string } }> } }>(
      profile.username,
      '{ areas(first: 100) { totalCount edges { node { code name } } } }',
    );
    const areas = response.data!.areas;
    expect(areas.totalCount).toBe(areas.edges.length);
    // The demo's areas; villages this file added on an earlier run against the same stack do not count.
    expect(areas.edges.filter(({ node }) => !addedByThisTest(node)).length).toBe(profile.areasInScope);
    for (const { node } of areas.edges) expect(node.code.startsWith('330402')).toBe(true);
  });

  it(profile.isAdmin ? 'may not create an area outside its scope' : 'may not create areas at all', async () => {
    const parent = profile.isAdmin ? profile.outsideArea : profile.ownArea;
    const code = parent.length === 6 ? `${parent}901` : `${parent}901`.slice(0, 12);
    const response = await asUser(profile.username, `mutation { createArea(input: { code: "${code}", name: "越权" }) { area { code } } }`);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });
});

describe('scope across levels', () => {
  it('shows the county admin every township', async () => {
    const response = await asUser<{ area: { children: { edges: Array<{ node: { code: string; name: string } }> } } }>(
      'county.admin',
      '{ area(code: "330402") { children { edges { node { code name } } } } }',
    );
    expect(response.data?.area.children.edges.map((edge) => edge.node.name)).toEqual(['建设街道', '新嘉街道', '七星街道']);
  });

  it('shows a township admin only its villages, and only its own township under the county', async () => {
    const own = await asUser<{ area: { children: { edges: Array<{ node: { code: string; name: string } }> } } }>(
      'jianshe.admin',
      '{ area(code: "330402001") { children(first: 100) { edges { node { code name } } } } }',
    );
    const villages = own.data!.area.children.edges.map((edge) => edge.node);
    expect(villages.filter((village) => !addedByThisTest(village)).map((village) => village.code)).toEqual(['330402001001', '330402001002', '330402001003']);
    expect(villages.every((village) => village.code.startsWith('330402001'))).toBe(true);
    const county = await asUser<{ area: { name: string; children: { edges: Array<{ node: { code: string } }> } } }>(
      'jianshe.admin',
      '{ area(code: "330402") { name children { edges { node { code } } } } }',
    );
    expect(county.data?.area.name).toBe('南湖区');
    expect(county.data?.area.children.edges.map((edge) => edge.node.code)).toEqual(['330402001']);
  });

  it('lets a township admin add a village in its township, and records nothing for bad input', async () => {
    const bad = await asUser('jianshe.admin', 'mutation { createArea(input: { code: "3304020010X1", name: "坏代码" }) { area { code } } }');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    // A code no earlier run took (the area stays: runs against one stack must not collide).
    const taken = await asUser<{ area: { children: { edges: Array<{ node: { code: string } }> } } }>(
      'jianshe.admin',
      '{ area(code: "330402001") { children(first: 100) { edges { node { code } } } } }',
    );
    const takenCodes = new Set(taken.data!.area.children.edges.map((edge) => edge.node.code));
    const free = Array.from({ length: 800 }, (_, i) => `330402001${100 + i}`).filter((candidate) => !takenCodes.has(candidate));
    const code = free[Math.floor(Math.random() * free.length)];
    const created = await asUser<{ createArea: { area: { code: string; ancestors: Array<{ code: string }> } } }>(
      'jianshe.admin',
      `mutation { createArea(input: { code: "${code}", name: "${ADDED_NAME}" }) { area { code ancestors { code } } } }`,
    );
    expect(created.data?.createArea.area).toEqual({ code, ancestors: [{ code: '33' }, { code: '3304' }, { code: '330402' }, { code: '330402001' }] });
    const visibleToSibling = await asUser('xinjia.admin', `{ area(code: "${code}") { code } }`);
    expect(errorCodes(visibleToSibling)).toEqual(['FORBIDDEN']);
  });
});

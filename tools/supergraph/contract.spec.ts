import { checkContract, compose, type SubgraphSdl } from './contract.ts';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

const grids: SubgraphSdl = {
  name: 'grids',
  url: 'http://grids/graphql',
  sdl: `${link}
    type Grid @key(fields: "code") { code: String! name: String! }
    type Query { grid(code: String!): Grid }`,
};

function police(fields: string, query = 'type Query { patrols(gridCode: String): [String!]! }'): SubgraphSdl {
  return { name: 'police', url: 'http://police/graphql', sdl: `${link}\n type Grid @key(fields: "code") { code: String! ${fields} }\n ${query}` };
}

describe('supergraph contract check', () => {
  const committed = compose([grids, police('communityOfficer: String!')]).supergraph!;

  it('composes subgraphs that extend the same entity', () => {
    expect(compose([grids, police('communityOfficer: String!')]).errors).toEqual([]);
  });

  it('accepts an additive change', () => {
    const report = checkContract(committed, [grids, police('communityOfficer: String! patrolCount: Int!')]);
    expect(report.compositionErrors).toEqual([]);
    expect(report.breaking).toEqual([]);
  });

  it('reports a removed field as breaking', () => {
    const report = checkContract(committed, [grids, police('')]);
    expect(report.breaking).toEqual([expect.stringContaining('Grid.communityOfficer was removed')]);
  });

  it('reports a changed field type as breaking', () => {
    const report = checkContract(committed, [grids, police('communityOfficer: Int!')]);
    expect(report.breaking).toEqual([expect.stringContaining('Grid.communityOfficer changed type from String! to Int!')]);
  });

  it('reports tightened argument nullability as breaking', () => {
    const report = checkContract(committed, [grids, police('communityOfficer: String!', 'type Query { patrols(gridCode: String!): [String!]! }')]);
    expect(report.breaking).toEqual([expect.stringContaining('gridCode has changed type from String to String!')]);
  });

  it('reports composition errors instead of a supergraph', () => {
    const clash: SubgraphSdl = { ...police('communityOfficer: String!'), sdl: `${link}\n type Grid @key(fields: "code") { code: Int! }` };
    const report = checkContract(committed, [grids, clash]);
    expect(report.composed).toBeUndefined();
    expect(report.compositionErrors.length).toBeGreaterThan(0);
  });
});

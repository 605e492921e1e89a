import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { loadOperationLimits } from './limits.js';
import { operationCost } from './operation-cost.js';

const schema = buildSchema(`
  type Query { areas(first: Int, after: String): AreaConnection! area(code: String!): Area counties: [Area!]! }
  type AreaConnection { totalCount: Int! edges: [AreaEdge!]! }
  type AreaEdge { node: Area! }
  type Area { code: String! name: String! children(first: Int, last: Int): AreaConnection! sized(first: Int = 5): AreaConnection! }
`);
const limits = loadOperationLimits({});

function cost(text: string, variables?: Record<string, unknown>) {
  const document = parse(text);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  return operationCost({ schema, document, operation, variables, defaultPageSize: 20 });
}

const nested = (first: string) => `query Q($n: Int) { areas(first: ${first}) { edges { node { children(first: ${first}) { edges { node { children(first: ${first}) { edges { node { code name } } } } } } } } } }`;

describe('operation cost with variables and default page sizes', () => {
  it('issue 14: first: $n with n = 100 costs the same as a literal first: 100, and is over the limit', () => {
    const literal = cost(nested('100'));
    const variable = cost(nested('$n'), { n: 100 });
    expect(variable.cost).toBe(literal.cost);
    expect(variable.variableFree).toBe(false);
    expect(literal.variableFree).toBe(true);
    expect(literal.cost).toBeGreaterThan(limits.maxCost);
  });

  it('issue 14: a missing first (or an unset variable) costs the default page size, and a variable default counts', () => {
    expect(cost('{ areas { edges { node { code } } } }').cost).toBe(cost('{ areas(first: 20) { edges { node { code } } } }').cost);
    expect(cost(nested('$n')).cost).toBe(cost(nested('20')).cost);
    expect(cost(nested('$n').replace('($n: Int)', '($n: Int = 50)')).cost).toBe(cost(nested('50')).cost);
    // The schema's own default for the argument.
    expect(cost('{ area(code: "1") { sized { edges { node { code } } } } }').cost).toBe(cost('{ area(code: "1") { sized(first: 5) { edges { node { code } } } } }').cost);
  });

  it('issue 14: fragments cost where they are spread, like the fields written there', () => {
    const inline = cost('{ areas(first: 10) { edges { node { code name } } } }').cost;
    const spread = cost('{ areas(first: 10) { edges { node { ...F } } } } fragment F on Area { code name }').cost;
    expect(spread).toBe(inline);
    // a leaf 1, an object 2 + 1.5 × its selection, × its page size
    expect(cost('{ counties { code } }').cost).toBe(2 + 1.5 * 1);
    expect(cost('{ areas(first: 10) { totalCount } }').cost).toBe((2 + 1.5 * 1) * 10);
  });

  it('issue 14: every registered client operation fits the limit even at the largest page size', () => {
    const apiSchema = buildSchema(readFileSync(new URL('../api-schema.graphql', import.meta.url), 'utf8'));
    const { operations } = JSON.parse(readFileSync(new URL('../persisted-operations.json', import.meta.url), 'utf8')) as { operations: Array<{ name: string; body: string }> };
    expect(operations.length).toBeGreaterThan(0);
    for (const registered of operations) {
      const document = parse(registered.body);
      const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
      const result = operationCost({ schema: apiSchema, document, operation, variables: { first: 100, last: 100 }, defaultPageSize: 20 });
      expect({ name: registered.name, withinLimit: result.cost <= limits.maxCost }).toEqual({ name: registered.name, withinLimit: true });
    }
  });
});

import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { loadOperationLimits, loadSubgraphCallLimits } from './limits.js';
import { measureOperation, shapeViolations } from './operation-limits.js';

const limits = loadOperationLimits({});

function measure(text: string) {
  const document: DocumentNode = parse(text);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const fragment = (name: string) =>
    document.definitions.find((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === name);
  return measureOperation(operation, fragment);
}

describe('operation shape limits (gateway/src/limits.ts)', () => {
  it('issue 14: the alias flood (200 aliases of __schema) breaks the alias and introspection limits', () => {
    const flood = `{ ${Array.from({ length: 200 }, (_, index) => `a${index}: __schema { types { fields { name } } }`).join(' ')} }`;
    const shape = measure(flood);
    expect(shape).toMatchObject({ aliases: 200, introspection: 200, rootFields: 200 });
    expect(shapeViolations(shape, limits).map((violation) => violation.limit)).toEqual(['aliases', 'rootFields', 'introspectionFields']);
  });

  it('issue 14: counts aliases and directives of a fragment each time it is spread, without walking it twice', () => {
    const text = `
      query { ...A }
      fragment A on Query { x1: a { ...B } x2: a { ...B } x3: a { ...B } }
      fragment B on Area { y1: code @include(if: true) y2: code y3: code y4: code y5: code y6: code }
    `;
    // 3 aliases in A, and B's 6 aliases and 1 directive spread 3 times.
    expect(measure(text)).toMatchObject({ aliases: 3 + 3 * 6, directives: 3 });
  });

  it('issue 14: depth counts field levels and leaves the explorer introspection query out', () => {
    expect(measure('{ a { b { c } } }').depth).toBe(3);
    const deep = `{ ${'a { '.repeat(13)}b${' }'.repeat(13)} }`;
    expect(shapeViolations(measure(deep), limits)).toEqual([{ limit: 'depth', max: 12, found: 14 }]);
    const introspection = '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } }';
    expect(shapeViolations(measure(introspection), limits)).toEqual([]);
  });

  it('issue 14: one schema read is allowed, three are not', () => {
    expect(shapeViolations(measure('{ __schema { queryType { name } } }'), limits)).toEqual([]);
    expect(shapeViolations(measure('{ a: __type(name: "A") { name } b: __type(name: "B") { name } c: __schema { queryType { name } } }'), limits)).toEqual([
      { limit: 'introspectionFields', max: 2, found: 3 },
    ]);
  });

  it('reads every limit from the environment and refuses nonsense', () => {
    expect(loadOperationLimits({ GATEWAY_MAX_ALIASES: '5', GRAPHQL_MAX_COST: '100' })).toMatchObject({ maxAliases: 5, maxCost: 100, maxDepth: 12 });
    expect(() => loadOperationLimits({ GATEWAY_MAX_TOKENS: 'many' })).toThrow(/GATEWAY_MAX_TOKENS/);
  });

  it('issue 14: subgraph calls time out in production after 5 s within an 8 s budget (more room on development and test machines)', () => {
    expect(loadSubgraphCallLimits({})).toMatchObject({ queryTimeoutMs: 5_000, queryBudgetMs: 8_000, mutationTimeoutMs: 60_000, breakerFailures: 5, breakerOpenMs: 10_000 });
    expect(loadSubgraphCallLimits({ NODE_ENV: 'test' })).toMatchObject({ queryTimeoutMs: 10_000, queryBudgetMs: 15_000 });
    expect(loadSubgraphCallLimits({ NODE_ENV: 'development', GATEWAY_REQUEST_BUDGET_MS: '3000' })).toMatchObject({ queryBudgetMs: 3_000 });
  });
});

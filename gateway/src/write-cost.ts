import { getOperationAST, Kind, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/**
 * What a request costs in the per-user rate limit (rate-limit.ts): one token per write it asks for, so that
 * a batch cannot multiply a caller's write rate.
 *
 * - A query (or anything that is not a mutation) costs 1, as every request always did.
 * - A mutation costs 1 per root field (aliases count: `a: recordVisit(…) b: recordVisit(…)` is 2 writes),
 * - except a batch field of BATCH_WRITES, which costs the number of items in its list (at least 1):
 *   `syncFieldWork(input: { items: [40 items] })` costs 40, written literally or sent as variables.
 *
 * The cost is read from the document and variables before anything runs (in the gateway's context, with the
 * token's rate-limit check); a document that does not parse or names no operation costs 1 and is refused by
 * Apollo Server afterwards, as before.
 */

/** Root mutation fields that apply a batch: the argument, then the input fields, down to the list of writes. */
export const BATCH_WRITES: Readonly<Record<string, readonly string[]>> = {
  // services/grids/src/field-sync: work recorded offline, each item one visit, patrol, hazard or case report.
  syncFieldWork: ['input', 'items'],
};

export interface BatchWrites {
  /** The root field's name (not its alias). */
  field: string;
  /** Where the list is: `syncFieldWork.input.items`. */
  path: string;
  items: number;
}

export interface WriteCost {
  /** Tokens of the per-user rate limit the request takes (≥ 1). */
  cost: number;
  /** The batch fields of the operation and their item counts (empty for everything else). */
  batches: BatchWrites[];
}

export interface RequestParameters {
  variables?: unknown;
  operationName?: unknown;
}

const ONE: WriteCost = { cost: 1, batches: [] };

export function writeCost(query: string | undefined, request: RequestParameters = {}, maxTokens?: number): WriteCost {
  // Cheap way out for every query: a text without the word holds no mutation.
  if (!query || !query.includes('mutation')) return ONE;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens, noLocation: true });
  } catch {
    return ONE;
  }
  const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'mutation') return ONE;

  const variables = isRecord(request.variables) ? request.variables : {};
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  let cost = 0;
  const batches: BatchWrites[] = [];
  const visit = (set: SelectionSetNode, visiting: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const path = BATCH_WRITES[name];
        if (!path) {
          cost += 1;
          continue;
        }
        const argument = selection.arguments?.find((candidate) => candidate.name.value === path[0]);
        const items = argument ? itemsAt(argument.value, path.slice(1), variables, defaults) : 0;
        batches.push({ field: name, path: [name, ...path].join('.'), items });
        cost += Math.max(1, items);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is refused by validation later; here it must only not loop.
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        visit(fragment.selectionSet, visiting);
        visiting.delete(name);
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return { cost: Math.max(1, cost), batches };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * How many items the list at `path` below `value` holds: literal or from variables (a variable's own value, or its
 * default). A single value where a list is expected is one item (GraphQL's input coercion makes it a list of one);
 * a missing or null list is 0 (validation refuses it later).
 */
function itemsAt(value: ValueNode, path: readonly string[], variables: Record<string, unknown>, defaults: Map<string, ValueNode>): number {
  let node: ValueNode | undefined = value;
  let depth = 0;
  for (;;) {
    if (!node) return 0;
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (Object.hasOwn(variables, name)) return itemsInJson(variables[name], path.slice(depth));
      node = defaults.get(name);
      continue;
    }
    if (depth === path.length) {
      if (node.kind === Kind.LIST) return node.values.length;
      return node.kind === Kind.NULL ? 0 : 1;
    }
    if (node.kind !== Kind.OBJECT) return 0;
    const key = path[depth];
    node = node.fields.find((field) => field.name.value === key)?.value;
    depth += 1;
  }
}

function itemsInJson(value: unknown, path: readonly string[]): number {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return 0;
    current = current[key];
  }
  if (Array.isArray(current)) return current.length;
  return current === undefined || current === null ? 0 : 1;
}

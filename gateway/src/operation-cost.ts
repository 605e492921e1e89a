import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { COST_WEIGHTS, type OperationLimits } from './limits.js';

const PAGE_ARGUMENTS = ['first', 'last'] as const;

export interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined;
  defaultPageSize: number;
}

export interface CostResult {
  cost: number;
  /** False when a page size came from a variable: the cost then holds for these variable values only. */
  variableFree: boolean;
}

/**
 * The estimated cost of an operation, the same weights graphql-armor's cost rule used (a leaf 1, an
 * object 2 + 1.5 × its selection), but a field with a `first`/`last` argument multiplies its selection by
 * the page size it will really return: the literal, the variable's value (or the variable's default), the
 * argument's schema default, or the default page size when the client leaves it out. Fragments count where
 * they are spread, as if their fields were written there.
 */
export function operationCost({ schema, document, operation, variables, defaultPageSize }: CostInput): CostResult {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const variableDefaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variableDefaults.set(definition.variable.name.value, definition.defaultValue);
  }
  let variableFree = true;

  const numberOf = (value: ValueNode): number | undefined => {
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      variableFree = false;
      const name = value.name.value;
      const given = variables?.[name];
      if (typeof given === 'number') return given;
      if (given === undefined) {
        const fallback = variableDefaults.get(name);
        return fallback ? numberOf(fallback) : undefined;
      }
    }
    return undefined;
  };

  const pageSize = (field: FieldNode, definition: GraphQLField<unknown, unknown>): number => {
    let pageArgument = false;
    let size: number | undefined;
    for (const name of PAGE_ARGUMENTS) {
      const argumentDefinition = definition.args.find((argument) => argument.name === name);
      if (!argumentDefinition) continue;
      pageArgument = true;
      const given = field.arguments?.find((argument) => argument.name.value === name);
      const value = given ? numberOf(given.value) : typeof argumentDefinition.defaultValue === 'number' ? argumentDefinition.defaultValue : undefined;
      if (value !== undefined) size = Math.max(size ?? 0, value);
    }
    if (!pageArgument) return 1;
    return Math.max(1, size ?? defaultPageSize);
  };

  const costOfSet = (set: SelectionSetNode, parent: GraphQLCompositeType, visiting: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += costOfField(selection, parent, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += costOfSet(selection.selectionSet, typed && isCompositeType(typed) ? typed : parent, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        const typed = schema.getType(fragment.typeCondition.name.value);
        visiting.add(name);
        total += costOfSet(fragment.selectionSet, typed && isCompositeType(typed) ? typed : parent, visiting);
        visiting.delete(name);
      }
    }
    return total;
  };

  const costOfField = (field: FieldNode, parent: GraphQLCompositeType, visiting: Set<string>): number => {
    if (!field.selectionSet) return COST_WEIGHTS.scalar;
    const definition = isObjectType(parent) || isInterfaceType(parent) ? fieldDefinition(parent, field.name.value) : undefined;
    const type = definition ? getNamedType(definition.type) : undefined;
    const inner = type && isCompositeType(type) ? costOfSet(field.selectionSet, type, visiting) : 0;
    const multiplier = definition ? pageSize(field, definition) : 1;
    return (COST_WEIGHTS.object + COST_WEIGHTS.depthFactor * inner) * multiplier;
  };

  const root = schema.getRootType(operation.operation);
  const cost = root ? costOfSet(operation.selectionSet, root, new Set()) : 0;
  return { cost, variableFree };
}

function fieldDefinition(parent: GraphQLObjectType | GraphQLInterfaceType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema') return SchemaMetaFieldDef;
  if (name === '__type') return TypeMetaFieldDef;
  return parent.getFields()[name];
}

/**
 * Rejects an operation whose cost is above the limit before it is planned or executed (HTTP 400,
 * GRAPHQL_VALIDATION_FAILED with cost and maxCost). Runs per request because variables change the cost;
 * an operation whose cost does not depend on variables is measured once per parsed document.
 */
export function operationCostPlugin(limits: OperationLimits): ApolloServerPlugin {
  const known = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const key = request.operationName ?? '';
          let cost = known.get(document)?.get(key);
          if (cost === undefined) {
            const result = operationCost({ schema, document, operation, variables: request.variables, defaultPageSize: limits.defaultPageSize });
            cost = result.cost;
            if (result.variableFree) {
              let byName = known.get(document);
              if (!byName) known.set(document, (byName = new Map()));
              byName.set(key, cost);
            }
          }
          if (cost > limits.maxCost) {
            throw new GraphQLError(`The operation costs ${Math.round(cost)}, more than the limit of ${limits.maxCost}`, {
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', cost: Math.round(cost), maxCost: limits.maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

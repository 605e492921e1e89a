import { createHash } from 'node:crypto';
import {
  GraphQLError,
  Kind,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type VariableDefinitionNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';
import { liveField, type LiveFieldSpec } from './live-fields.js';
import { selectsViewerIndependentFields } from './visibility-class.js';

/** A subscription request, checked and taken apart: what to listen to, and the query to run per event. */
export interface LiveOperation {
  spec: LiveFieldSpec<unknown>;
  /** The response key of the root field (its alias or name). */
  responseKey: string;
  args: Record<string, unknown>;
  variables: Record<string, unknown>;
  /** The payload selection (CaseChange { … }) with the object field's response key. */
  payload: SelectionSetNode;
  fragments: Map<string, FragmentDefinitionNode>;
  /** The query resolving the object by id (`$liveId`), with the subscriber's selection on it. */
  objectQuery: string;
  /** Variables of the object query besides liveId. */
  objectVariables: Record<string, unknown>;
  /** Identifies the document and variables (resolutions are shared by equal ones). */
  key: string;
  /** The payload's fields, collected once (fragments and @skip/@include applied). */
  payloadFields: readonly FieldNode[];
  /** Identifies the whole payload shape (object query, variables, response keys): equal ones serialize equal answers equally. */
  shapeKey: string;
  /** Every field of the object query answers the same to every holder of the same roles and area (visibility-class.ts). */
  viewerIndependent: boolean;
}

function requestError(message: string, code = 'BAD_USER_INPUT'): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/**
 * Parses and validates a subscription against the public schema with its subscriptions (the gateway's
 * own operation limits among the rules), and prepares the per-event object query. Throws GraphQL errors.
 */
export function prepareLiveOperation(
  schema: GraphQLSchema,
  request: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  options: { rules?: readonly ValidationRule[]; maxTokens?: number } = {},
): LiveOperation {
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: options.maxTokens });
  } catch (error) {
    throw new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  }
  const errors = validate(schema, document, [...specifiedRules, ...(options.rules ?? [])]);
  if (errors.length > 0) throw new GraphQLError(errors[0].message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...errors[0].extensions } });
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = request.operationName ? operations.find((candidate) => candidate.name?.value === request.operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) throw requestError('name the operation to run (operationName)', 'OPERATION_RESOLUTION_FAILURE');
  if (operation.operation !== 'subscription') throw requestError('only subscriptions are served here: send queries and mutations to /graphql');
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (coerced.errors) throw new GraphQLError(coerced.errors[0].message, { extensions: { code: 'BAD_USER_INPUT' } });
  const variables = coerced.coerced;
  const roots = operation.selectionSet.selections;
  const root = roots[0];
  if (roots.length !== 1 || root.kind !== Kind.FIELD) throw requestError('a subscription selects exactly one field');
  const subscriptionType = schema.getSubscriptionType()!;
  const fieldDef = subscriptionType.getFields()[root.name.value];
  const spec = liveField(root.name.value);
  if (!fieldDef || !spec) throw requestError(`no subscription ${root.name.value}`);
  const args = getArgumentValues(fieldDef, root, variables);
  const payload = root.selectionSet!;
  const objectNodes = collectFields(payload, fragments, variables).filter((field) => field.name.value === spec.objectField);
  const objectSelection: SelectionSetNode = {
    kind: Kind.SELECTION_SET,
    selections: [
      ...objectNodes.flatMap((node) => node.selectionSet?.selections ?? []),
      { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'id' } },
      ...(spec.internalSelection ? parseSelection(spec.internalSelection).selections : []),
    ],
  };
  const usedFragments = fragmentsUsed(objectSelection, fragments);
  const usedVariables = variablesUsed([objectSelection, ...usedFragments]);
  const definitions: VariableDefinitionNode[] = (operation.variableDefinitions ?? []).filter((definition) => usedVariables.has(definition.variable.name.value));
  const variableText = definitions.map((definition) => `, ${print(definition)}`).join('');
  const objectQuery = [
    `query Live_${spec.field}($liveId: ID!${variableText}) { ${spec.rootQuery}(id: $liveId) ${print(objectSelection)} }`,
    ...usedFragments.map((fragment) => print(fragment)),
  ].join('\n');
  const objectVariables = Object.fromEntries(definitions.map((definition) => [definition.variable.name.value, variables[definition.variable.name.value]]));
  const key = createHash('sha256').update(objectQuery).update(JSON.stringify(objectVariables)).digest('base64url').slice(0, 22);
  const payloadFields = collectFields(payload, fragments, variables);
  const responseKey = root.alias?.value ?? root.name.value;
  const shapeKey = `${key}|${JSON.stringify([responseKey, ...payloadFields.map((field) => [field.alias?.value ?? field.name.value, field.name.value])])}`;
  const viewerIndependent = selectsViewerIndependentFields(schema, objectQuery, spec.rootQuery);
  return { spec, responseKey, args, variables, payload, fragments, objectQuery, objectVariables, key, payloadFields, shapeKey, viewerIndependent };
}

function parseSelection(text: string): SelectionSetNode {
  const operation = parse(`{ ${text} }`).definitions[0] as OperationDefinitionNode;
  return operation.selectionSet;
}

function included(node: FieldNode | { directives?: FieldNode['directives'] }, variables: Record<string, unknown>): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, variables);
  return include?.if !== false;
}

/** The fields of a selection on the payload type, through fragments (the payload types have no subtypes). */
export function collectFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, variables: Record<string, unknown>): FieldNode[] {
  const out: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (!included(selection, variables)) continue;
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) out.push(...collectFields(selection.selectionSet, fragments, variables));
    else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) out.push(...collectFields(fragment.selectionSet, fragments, variables));
    }
  }
  return out;
}

function fragmentsUsed(root: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const queue: Array<SelectionSetNode | FragmentDefinitionNode> = [root];
  while (queue.length > 0) {
    visit(queue.pop()!, {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (fragment && !used.has(node.name.value)) {
          used.set(node.name.value, fragment);
          queue.push(fragment);
        }
      },
    });
  }
  return [...used.values()];
}

function variablesUsed(nodes: Array<SelectionSetNode | FragmentDefinitionNode>): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  return names;
}

/** The event facts a payload may show besides the object. */
export interface PayloadFacts {
  cursor: string;
  event: string;
  occurredAt: string;
  typename: string;
  object: Record<string, unknown>;
  extra: Record<string, unknown>;
}

/** The payload object in the shape the subscriber selected (aliases, fragments, @skip/@include). */
export function buildPayload(operation: LiveOperation, facts: PayloadFacts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of operation.payloadFields) {
    const key = field.alias?.value ?? field.name.value;
    switch (field.name.value) {
      case '__typename':
        out[key] = facts.typename;
        break;
      case 'cursor':
        out[key] = facts.cursor;
        break;
      case 'event':
        out[key] = facts.event;
        break;
      case 'occurredAt':
        out[key] = facts.occurredAt;
        break;
      default:
        if (field.name.value === operation.spec.objectField) out[key] = facts.object;
        else out[key] = facts.extra[field.name.value] ?? null;
    }
  }
  return out;
}

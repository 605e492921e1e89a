import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { OperationLimits } from './limits.js';

/** What one selection set holds once its fragments are expanded (a fragment is counted each time it is spread). */
interface Shape {
  aliases: number;
  directives: number;
  introspection: number;
  /** Levels of fields below and including this set, introspection excluded. */
  depth: number;
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** Sums capped so that fragments spread inside fragments cannot overflow into Infinity comparisons. */
const CAP = 1e9;
const add = (a: number, b: number) => Math.min(CAP, a + b);

export interface OperationShape extends Shape {
  rootFields: number;
}

/**
 * Measures an operation with its fragments expanded. Each fragment is measured once (memo), so the walk
 * is linear in the document even when fragments spread fragments many times.
 */
export function measureOperation(operation: OperationDefinitionNode, fragment: (name: string) => FragmentDefinitionNode | undefined | null): OperationShape {
  const memo = new Map<string, Shape>();
  const visiting = new Set<string>();

  const measureSet = (set: SelectionSetNode): Shape => {
    const shape: Shape = { aliases: 0, directives: 0, introspection: 0, depth: 0 };
    for (const selection of set.selections) {
      shape.directives = add(shape.directives, selection.directives?.length ?? 0);
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) shape.aliases = add(shape.aliases, 1);
        if (INTROSPECTION_ROOTS.has(selection.name.value)) {
          shape.introspection = add(shape.introspection, 1);
          continue;
        }
        if (selection.selectionSet) {
          const inner = measureSet(selection.selectionSet);
          shape.aliases = add(shape.aliases, inner.aliases);
          shape.directives = add(shape.directives, inner.directives);
          shape.introspection = add(shape.introspection, inner.introspection);
          shape.depth = Math.max(shape.depth, inner.depth + 1);
        } else {
          shape.depth = Math.max(shape.depth, 1);
        }
        continue;
      }
      const inner = selection.kind === Kind.INLINE_FRAGMENT ? measureSet(selection.selectionSet) : measureFragment(selection.name.value);
      shape.aliases = add(shape.aliases, inner.aliases);
      shape.directives = add(shape.directives, inner.directives);
      shape.introspection = add(shape.introspection, inner.introspection);
      shape.depth = Math.max(shape.depth, inner.depth);
    }
    return shape;
  };

  const measureFragment = (name: string): Shape => {
    const known = memo.get(name);
    if (known) return known;
    const definition = fragment(name);
    // Unknown or cyclic fragments are reported by graphql-js's own rules; count them as empty here.
    if (!definition || visiting.has(name)) return { aliases: 0, directives: 0, introspection: 0, depth: 0 };
    visiting.add(name);
    const shape = measureSet(definition.selectionSet);
    shape.directives = add(shape.directives, definition.directives?.length ?? 0);
    visiting.delete(name);
    memo.set(name, shape);
    return shape;
  };

  const rootFields = (set: SelectionSetNode, seen: Set<string>): number =>
    set.selections.reduce((count, selection) => {
      if (selection.kind === Kind.FIELD) return count + 1;
      if (selection.kind === Kind.INLINE_FRAGMENT) return count + rootFields(selection.selectionSet, seen);
      if (seen.has(selection.name.value)) return count;
      seen.add(selection.name.value);
      const definition = fragment(selection.name.value);
      return definition ? count + rootFields(definition.selectionSet, seen) : count;
    }, 0);

  const shape = measureSet(operation.selectionSet);
  shape.directives = add(shape.directives, operation.directives?.length ?? 0);
  return { ...shape, rootFields: rootFields(operation.selectionSet, new Set()) };
}

/** The limits an operation's shape breaks, as messages (empty when it is within every limit). */
export function shapeViolations(shape: OperationShape, limits: OperationLimits): Array<{ limit: string; max: number; found: number }> {
  const checks: Array<[string, number, number]> = [
    ['aliases', limits.maxAliases, shape.aliases],
    ['rootFields', limits.maxRootFields, shape.rootFields],
    ['directives', limits.maxDirectives, shape.directives],
    ['introspectionFields', limits.maxIntrospectionFields, shape.introspection],
    ['depth', limits.maxDepth, shape.depth],
  ];
  return checks.filter(([, max, found]) => found > max).map(([limit, max, found]) => ({ limit, max, found }));
}

/**
 * Aliases, root fields, directives, introspection fields and depth as one validation rule (one walk per
 * document; Apollo Server caches validated documents, so a repeated document is not walked again).
 * Rejections come back as GRAPHQL_VALIDATION_FAILED (HTTP 400) before anything executes.
 */
export function operationShapeRule(limits: OperationLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const shape = measureOperation(operation, (name) => context.getFragment(name));
      for (const { limit, max, found } of shapeViolations(shape, limits)) {
        context.reportError(
          new GraphQLError(`The operation exceeds the ${limit} limit: ${found} > ${max}`, {
            nodes: [operation],
            extensions: { limit, max, found },
          }),
        );
      }
      return false;
    },
  });
}

// Trusted documents: the operations of libs/client/src/operations, registered by the sha256 of their
// text in an Apollo persisted-query manifest. `./lianxin supergraph compose` writes it to
// libs/client/src/generated/persisted-operations.json (for clients: send extensions.persistedQuery.sha256Hash
// = id) and gateway/persisted-operations.json (what the gateway accepts in production); `check` fails
// when either is stale. A frontend team adds an operation by committing it under libs/client/src/operations.
//
// Each entry's body is the operation followed by the fragments it uses (transitively, by name), printed
// by graphql-js, so the id is what Apollo Client's persisted-queries link computes from the same document.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

export interface PersistedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

function graphqlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return graphqlFiles(path);
      return name.endsWith('.graphql') ? [path] : [];
    });
}

function fragmentsUsed(root: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const queue: DefinitionNode[] = [root];
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
  return [...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
}

export function persistedOperations(operationsDir: string): PersistedOperation[] {
  const definitions = graphqlFiles(operationsDir).flatMap((file) => parse(readFileSync(file, 'utf8')).definitions);
  const fragments = new Map(
    definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const operations = definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return operations
    .map((operation) => {
      if (!operation.name) throw new Error('every operation in libs/client/src/operations needs a name');
      const body = [operation, ...fragmentsUsed(operation, fragments)].map((definition) => print(definition)).join('\n\n');
      return { id: createHash('sha256').update(body).digest('hex'), name: operation.name.value, type: operation.operation, body };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The manifest file's text (stable: sorted by operation name). */
export function persistedOperationsManifest(operationsDir: string): string {
  return `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: persistedOperations(operationsDir) }, null, 2)}\n`;
}
